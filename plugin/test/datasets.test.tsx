import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { failure } from './fixtures.js';
import { API, mock, queriesTo, useHubMock } from './hub-mock.js';
import { renderTab } from './render.js';

useHubMock();

describe('the datasets pages', () => {
  it('list the datasets and filter them by size category, in the URL', async () => {
    const view = renderTab('/ml-hub-ts/datasets');
    expect(screen.getByRole('progressbar', { name: 'Loading datasets' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'datasets' });
    expect(within(list).getByText('openai/gsm8k')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Size' }));
    await user.click(await screen.findByRole('option', { name: '1K<n<10K (2)' }));
    await waitFor(() => expect(queriesTo('/datasets').at(-1)?.get('size')).toBe('1K<n<10K'));
    expect(view.search().get('size')).toBe('1K<n<10K');
  });

  it('open a dataset with its facts, card and files', async () => {
    renderTab('/ml-hub-ts/datasets/openai/gsm8k');
    expect(await screen.findByRole('heading', { name: 'openai/gsm8k', level: 2 })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'GSM8K' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Files' }));
    const files = await screen.findByRole('table', { name: 'Files' });
    expect(within(files).getByText('config.json')).toBeTruthy();
  });

  it('show a missing dataset as an error with the request id', async () => {
    mock.use(
      http.get(`${API}/datasets/:id`, () =>
        HttpResponse.json(failure('NOT_FOUND', "Dataset 'no/such' not found", 'req-ds-404'), { status: 404 }),
      ),
    );
    renderTab('/ml-hub-ts/datasets/no/such');
    expect((await screen.findByRole('alert')).textContent).toContain('req-ds-404');
  });
});
