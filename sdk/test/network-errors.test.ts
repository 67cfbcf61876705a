import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MutationObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { createMlHubClient, MlHubError, paginate, streamInference, unwrap, type MlHubClient } from '../src/index.js';
import { getModelOptions, listModelsInfiniteOptions, retryMlHub, runInferenceOptions } from '../src/react/index.js';
import { modelListPage, modelSummary } from './fixtures.js';
import { sendJson, startLoopback, type Loopback } from './loopback.js';

/** The URL of a hub that has gone: a loopback server, closed, so a connection to its port is refused. */
async function goneHubUrl(): Promise<string> {
  const gone = await startLoopback(() => undefined);
  await gone.close();
  return gone.url;
}

function expectNetworkError(error: unknown): asserts error is MlHubError {
  expect(error).toBeInstanceOf(MlHubError);
  expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0, name: 'MlHubError' });
  expect((error as MlHubError).message).toMatch(/^No answer from the hub/);
  // The fetch failure stays reachable for whoever debugs it.
  expect((error as MlHubError).cause).toMatchObject({ name: 'TypeError' });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('network failures become MlHubError NETWORK_ERROR (status 0)', () => {
  let refused: MlHubClient;
  let hub: Loopback;
  let client: MlHubClient;

  beforeAll(async () => {
    refused = createMlHubClient({ baseUrl: await goneHubUrl(), token: 't' });
    hub = await startLoopback((req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      if (url.pathname === '/v3/mlhub/models' && !url.searchParams.get('cursor')) {
        return sendJson(res, 200, {
          ...modelListPage,
          result: [modelSummary('gpt2')],
          metadata: { ...modelListPage.metadata, nextCursor: 'c2' },
        });
      }
      if (url.pathname === '/v3/mlhub/inference/models/google%2Fflan-t5-small/generate') {
        // Headers and one token, then the connection dies mid-stream.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(
          `data: ${JSON.stringify({ index: 0, token: { id: 1, text: 'Hallo', logprob: 0, special: false }, generated_text: null, details: null })}\n\n`,
        );
        setTimeout(() => res.socket?.destroy(), 20);
        return undefined;
      }
      // Everything else (the second page, a model): headers promise 1000 bytes, the connection dies after 10.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"status":');
      setTimeout(() => res.socket?.destroy(), 20);
      return undefined;
    });
    client = createMlHubClient({ baseUrl: hub.url, token: 't' });
  });
  afterAll(() => hub.close());

  it('on a plain client call to a hub that refuses the connection', async () => {
    const error = await rejection(refused.GET('/v3/mlhub/models'));
    expectNetworkError(error);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\/mlhub\/models$/);
  });

  it('when the connection dies after the headers, while the body is read', async () => {
    const error = await rejection(client.GET('/v3/mlhub/models/{modelId}', { params: { path: { modelId: 'gpt2' } } }).then(unwrap));
    expectNetworkError(error);
  });

  it('in pagination, after the pages that arrived', async () => {
    const pages: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const page of paginate(client, '/v3/mlhub/models')) pages.push(page);
      })(),
    );
    expect(pages).toHaveLength(1);
    expectNetworkError(error);
  });

  it('in streaming, when the connection is reset mid-stream, after the tokens that arrived', async () => {
    const texts: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of streamInference(client, 'google/flan-t5-small', { inputs: 'Translate to German: Hello' })) {
          texts.push(event.token.text);
        }
      })(),
    );
    expect(texts).toEqual(['Hallo']);
    expectNetworkError(error);
  });

  it("in the hooks' queries and mutations: their error is the MlHubError, and a network failure is retried", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: 0 } } });
    try {
      expectNetworkError(await rejection(queryClient.fetchQuery(getModelOptions(refused, 'gpt2'))));
      // What useGetModel / useListModelsInfinite expose as `error`.
      for (const options of [getModelOptions(refused, 'gpt2'), listModelsInfiniteOptions(refused)]) {
        const observer = new QueryObserver(queryClient, { ...options, retry: false } as ConstructorParameters<typeof QueryObserver>[1]);
        const settled = new Promise<unknown>((resolve) => {
          const unsubscribe = observer.subscribe((result) => {
            if (result.status === 'error') {
              unsubscribe();
              resolve(result.error);
            }
          });
        });
        expectNetworkError(await settled);
      }
      const mutation = new MutationObserver(queryClient, runInferenceOptions(refused));
      expectNetworkError(await rejection(mutation.mutate({ modelId: 'google/flan-t5-small', inputs: 'Hi' })));
      expect(retryMlHub(0, MlHubError.network(new TypeError('fetch failed')))).toBe(true);
    } finally {
      queryClient.clear();
    }
  });

  it('leaves aborts as aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(client.GET('/v3/mlhub/models', { signal: controller.signal }));
    expect(error).not.toBeInstanceOf(MlHubError);
    expect((error as Error).name).toBe('AbortError');
    expect(retryMlHub(0, error)).toBe(false);
  });
});
