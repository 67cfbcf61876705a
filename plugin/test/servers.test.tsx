import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { failure, server, serverList, success } from './fixtures.js';
import { API, mock, param, seen, useHubMock } from './hub-mock.js';
import { renderTab } from './render.js';

useHubMock();

describe('the inference servers page', () => {
  it('lists every server with state, model, owner, age and endpoint, and lets me stop only mine', async () => {
    mock.use(
      http.delete(`${API}/inference/servers/:id`, ({ params }) =>
        HttpResponse.json(success(server({ id: param(params.id), state: 'stopped' }))),
      ),
    );
    renderTab('/ml-hub-ts/servers');
    expect(await screen.findByRole('progressbar', { name: 'Loading inference servers' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Inference servers' });
    const mine = within(table).getByText('srv-7f3a9c').closest('tr') as HTMLElement;
    expect(mine.textContent).toContain('running');
    expect(mine.textContent).toContain('google/flan-t5-small');
    expect(mine.textContent).toContain('alice');
    expect(mine.textContent).toContain('5 min');
    expect(mine.textContent).toContain('http://127.0.0.1:41234');
    const bobs = within(table).getByText('srv-bob').closest('tr') as HTMLElement;
    expect(within(bobs).queryByRole('button')).toBeNull();
    await userEvent.setup().click(within(mine).getByRole('button', { name: 'Stop srv-7f3a9c' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'DELETE' && r.url.endsWith('/inference/servers/srv-7f3a9c'))).toBe(true));
  });

  it('says when no server runs', async () => {
    mock.use(http.get(`${API}/inference/servers`, () => HttpResponse.json(serverList([]))));
    renderTab('/ml-hub-ts/servers');
    expect(await screen.findByText('No inference servers are running.')).toBeTruthy();
  });

  it('shows an error with its request id', async () => {
    mock.use(
      http.get(`${API}/inference/servers`, () =>
        HttpResponse.json(failure('INTERNAL_ERROR', 'State store unavailable', 'req-srv-500'), { status: 500 }),
      ),
    );
    renderTab('/ml-hub-ts/servers');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('State store unavailable');
    expect(alert.textContent).toContain('req-srv-500');
  });
});
