import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import * as f from './fixtures.js';

/** The API base the tab under test is given. */
export const API = 'http://hub.test/v3/mlhub';

/** Every request the tab made, in order. */
export const seen: Request[] = [];

export const param = (value: string | readonly string[] | undefined) => decodeURIComponent(String(value));

/** A page of a list envelope with the paging fields set. */
function page<E extends { result: unknown[]; metadata: Record<string, unknown> }>(envelope: E, url: URL): E {
  const second = url.searchParams.get('cursor') === 'c2';
  return {
    ...envelope,
    result: second ? envelope.result.slice(0, 1) : envelope.result,
    metadata: { ...envelope.metadata, total: 21, nextCursor: second ? null : 'c2', partial: false },
  };
}

/** Happy paths of every operation the tab calls; a test overrides one with `mock.use(...)`. */
const handlers: HttpHandler[] = [
  http.get(`${API}/models`, ({ request }) => HttpResponse.json(page(f.modelListPage(), new URL(request.url)))),
  http.get(`${API}/facets/models`, () => HttpResponse.json(f.success(f.modelFacets))),
  http.get(`${API}/models/:id`, ({ params }) => {
    const model = f.modelEnvelope();
    return HttpResponse.json({ ...model, result: { ...model.result, id: param(params.id) } });
  }),
  http.get(`${API}/models/:id/card`, ({ params }) =>
    HttpResponse.json(f.success(f.card(param(params.id), '# FLAN-T5 small\n\nA text-to-text model.'))),
  ),
  http.get(`${API}/models/:id/files`, ({ params }) => HttpResponse.json(f.success(f.repoFiles(param(params.id))))),
  http.get(`${API}/models/:id/download`, ({ params }) => HttpResponse.json(f.success(f.download(param(params.id))))),
  // A card's relative images and links: the repository's files through the hub, with the token only.
  http.get(`${API}/:kind/:id/resolve`, ({ request }) =>
    request.headers.get('x-tapis-token')
      ? new HttpResponse(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]), { headers: { 'content-type': 'image/png' } })
      : HttpResponse.json(f.failure('UNAUTHORIZED', 'No token', 'req-401'), { status: 401 }),
  ),
  http.get(`${API}/models/:id/snippets`, ({ params }) =>
    HttpResponse.json(
      f.success([
        {
          id: 'transformers-js',
          title: 'transformers.js',
          language: 'js',
          content: `pipeline('text2text-generation', '${param(params.id)}')`,
        },
      ]),
    ),
  ),
  http.get(`${API}/datasets`, ({ request }) => HttpResponse.json(page(f.datasetListPage(), new URL(request.url)))),
  http.get(`${API}/facets/datasets`, () => HttpResponse.json(f.success(f.datasetFacets))),
  http.get(`${API}/datasets/:id`, ({ params }) => {
    const dataset = f.datasetEnvelope();
    return HttpResponse.json({ ...dataset, result: { ...dataset.result, id: param(params.id) } });
  }),
  http.get(`${API}/datasets/:id/card`, ({ params }) =>
    HttpResponse.json(f.success(f.card(param(params.id), '# GSM8K\n\nGrade school math.'))),
  ),
  http.get(`${API}/datasets/:id/files`, ({ params }) => HttpResponse.json(f.success(f.repoFiles(param(params.id))))),
  http.get(`${API}/datasets/:id/download`, ({ params }) => HttpResponse.json(f.success(f.download(param(params.id))))),
  http.get(`${API}/inference/servers`, () =>
    HttpResponse.json(f.serverList([f.server(), f.server({ id: 'srv-bob', createdBy: 'bob', modelId: 'google/flan-t5-base' })])),
  ),
  http.get(`${API}/inference/models/:id`, ({ params }) =>
    HttpResponse.json(f.success({ modelId: param(params.id), servable: true, reason: null, server: null })),
  ),
  http.get(`${API}/inference/servers/:id/history`, () => HttpResponse.json(f.success([]))),
];

export const mock = setupServer(...handlers);

/** Starts msw around the file's tests; any request without a handler fails the test. */
export function useHubMock(): void {
  beforeAll(() => {
    mock.events.on('request:start', ({ request }) => void seen.push(request.clone()));
    mock.listen({ onUnhandledRequest: 'error' });
  });
  afterEach(() => {
    mock.resetHandlers();
    seen.length = 0;
  });
  afterAll(() => mock.close());
}

/** The query of every request to a path, in order (`/models` -> [URLSearchParams, ...]). */
export function queriesTo(path: string): URLSearchParams[] {
  return seen
    .map((r) => new URL(r.url))
    .filter((u) => u.pathname === `/v3/mlhub${path}`)
    .map((u) => u.searchParams);
}
