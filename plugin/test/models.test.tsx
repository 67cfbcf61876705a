import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { failure, modelListPage } from './fixtures.js';
import { API, mock, queriesTo, useHubMock } from './hub-mock.js';
import { renderTab } from './render.js';

useHubMock();

const lastModelsQuery = () => queriesTo('/models').at(-1);

async function choose(label: string, option: RegExp | string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('the models page', () => {
  it('shows skeletons, then the models with the total and the page', async () => {
    renderTab('/ml-hub-ts/models');
    expect(screen.getByRole('progressbar', { name: 'Loading models' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'models' });
    expect(within(list).getByText('google/flan-t5-small')).toBeTruthy();
    expect(screen.getByText(/21 models · page 1 of 2/)).toBeTruthy();
    expect(lastModelsQuery()?.get('limit')).toBe('20');
  });

  it('filters by a facet with its count, and the URL holds the filter', async () => {
    const view = renderTab('/ml-hub-ts/models');
    await screen.findByRole('list', { name: 'models' });
    await choose('Task', 'text-generation (7)');
    await waitFor(() => expect(lastModelsQuery()?.get('task')).toBe('text-generation'));
    expect(view.search().get('task')).toBe('text-generation');
    // The facet counts are asked for the same filters.
    await waitFor(() => expect(queriesTo('/facets/models').at(-1)?.get('task')).toBe('text-generation'));
  });

  it('sorts by a field in both directions', async () => {
    const view = renderTab('/ml-hub-ts/models');
    await screen.findByRole('list', { name: 'models' });
    await choose('Sort by', 'likes');
    await waitFor(() => expect(lastModelsQuery()?.get('sort')).toBe('likes'));
    await userEvent.setup().click(screen.getByRole('button', { name: /Sort direction: descending/ }));
    await waitFor(() => expect(lastModelsQuery()?.get('direction')).toBe('asc'));
    await userEvent.setup().click(screen.getByRole('button', { name: /Sort direction: ascending/ }));
    await waitFor(() => expect(lastModelsQuery()?.get('direction')).toBe('desc'));
    expect(view.search().get('sort')).toBe('likes');
  });

  it('pages forward with the cursor and back again', async () => {
    const view = renderTab('/ml-hub-ts/models');
    await screen.findByText(/page 1 of 2/);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText(/page 2 of 2/);
    expect(lastModelsQuery()?.get('cursor')).toBe('c2');
    expect(view.search().get('cursor')).toBe('c2');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next page' }).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    await screen.findByText(/page 1 of 2/);
    expect(view.search().get('cursor')).toBeNull();
  });

  it('searches as the user types, once typing pauses', async () => {
    const view = renderTab('/ml-hub-ts/models');
    await screen.findByRole('list', { name: 'models' });
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Search models' }), 'flan');
    await waitFor(() => expect(lastModelsQuery()?.get('search')).toBe('flan'));
    // No request for the partial words: the debounce sent the search once.
    expect(
      queriesTo('/models')
        .filter((q) => q.has('search'))
        .map((q) => q.get('search')),
    ).toEqual(['flan']);
    expect(view.search().get('search')).toBe('flan');
  });

  it('reads every filter, the sort and the cursor back from the URL', async () => {
    renderTab('/ml-hub-ts/models?search=t5&task=fill-mask&author=google&gated=false&sort=likes&direction=asc&cursor=c2&prev=-');
    await screen.findByText(/page 2 of 2/);
    const query = lastModelsQuery();
    expect(Object.fromEntries(query ?? [])).toEqual({
      search: 't5',
      task: 'fill-mask',
      author: 'google',
      gated: 'false',
      sort: 'likes',
      direction: 'asc',
      limit: '20',
      cursor: 'c2',
    });
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search models' }).value).toBe('t5');
    expect(screen.getByRole('combobox', { name: 'Task' }).textContent).toContain('fill-mask');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Author' }).value).toBe('google');
  });

  it('names the source that is missing from a partial answer', async () => {
    const partial = modelListPage();
    partial.metadata = {
      ...partial.metadata,
      partial: true,
      sources: [
        { source: 'snapshot', ok: true },
        { source: 'huggingface', ok: false, error: 'timed out' },
      ],
    };
    mock.use(http.get(`${API}/models`, () => HttpResponse.json(partial)));
    renderTab('/ml-hub-ts/models');
    expect((await screen.findByText(/Partial results/)).textContent).toContain('huggingface (timed out)');
  });

  it('says so when nothing matches', async () => {
    const none = modelListPage();
    none.result = [];
    none.metadata = { ...none.metadata, total: 0, nextCursor: null };
    mock.use(http.get(`${API}/models`, () => HttpResponse.json(none)));
    renderTab('/ml-hub-ts/models?task=nothing');
    expect(await screen.findByText('No models match these filters.')).toBeTruthy();
  });

  it('shows a refused token as an error naming the token, with the request id', async () => {
    mock.use(
      http.get(`${API}/models`, () =>
        HttpResponse.json(failure('UNAUTHORIZED', 'Invalid Tapis token: expired', 'req-401'), { status: 401 }),
      ),
    );
    renderTab('/ml-hub-ts/models');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/token/);
    expect(alert.textContent).toContain('req-401');
  });
});
