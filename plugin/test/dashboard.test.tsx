import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { failure } from './fixtures.js';
import { API, mock, queriesTo, useHubMock } from './hub-mock.js';
import { renderTab } from './render.js';

useHubMock();

describe('the dashboard', () => {
  it('shows skeletons, then counts by source, top models and datasets, and only my servers', async () => {
    renderTab('/ml-hub-ts');
    expect(screen.getAllByRole('progressbar', { name: /Loading/ }).length).toBeGreaterThan(0);
    const top = await screen.findByRole('region', { name: 'Top models' });
    expect((await within(top).findByRole('link', { name: 'google/flan-t5-small' })).getAttribute('href')).toBe(
      '/ml-hub-ts/models/google/flan-t5-small',
    );
    const mine = screen.getByRole('region', { name: 'My inference servers' });
    expect(await within(mine).findByText('running')).toBeTruthy();
    expect(within(mine).queryByText('google/flan-t5-base')).toBeNull();
    expect(queriesTo('/models').some((q) => q.get('sort') === 'downloads' && q.get('direction') === 'desc')).toBe(true);
  });

  it('shows the error with its request id when the hub fails', async () => {
    mock.use(
      http.get(`${API}/models`, () => HttpResponse.json(failure('INTERNAL_ERROR', 'The catalog broke', 'req-dash-1'), { status: 500 })),
    );
    renderTab('/ml-hub-ts');
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.some((a) => /The catalog broke/.test(a.textContent ?? '') && /req-dash-1/.test(a.textContent ?? ''))).toBe(true);
  });
});
