import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { MutationObserver, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { createMlHubClient, MlHubError, type InferenceServer, type MlHubClient, type ModelPull } from '../src/index.js';
import {
  createInferenceServerOptions,
  createModelPullOptions,
  deleteInferenceServerOptions,
  getInferenceServerHistoryOptions,
  getInferenceServerOptions,
  getModelPullOptions,
  getModelOptions,
  listInferenceServersOptions,
  listModelsInfiniteOptions,
  listModelsOptions,
  mlhubKeys,
  MlHubProvider,
  retryMlHub,
  runInferenceOptions,
  SERVER_POLL_MS,
  useCreateInferenceServer,
  useGetModel,
  useListModels,
} from '../src/react/index.js';
import { modelEnvelope, modelListPage, modelSummary } from './fixtures.js';
import { failure, sendJson, startLoopback, success, type Loopback } from './loopback.js';

const server: InferenceServer = {
  id: 'srv-7f3a9c',
  modelId: 'google/flan-t5-small',
  state: 'pending',
  backend: 'local',
  endpoint: null,
  message: null,
  createdBy: 'jdoe',
  createdAt: '2026-11-27T15:00:00.000Z',
  updatedAt: '2026-11-27T15:00:00.000Z',
};

const pull: ModelPull = {
  id: 'pull-1',
  modelId: 'google/flan-t5-base',
  revision: 'main',
  dtype: 'both',
  state: 'downloading',
  bytesDone: 10,
  bytesTotal: 40,
  files: [],
  message: null,
  createdBy: 'jdoe',
  createdAt: '2026-11-27T15:00:00.000Z',
  updatedAt: '2026-11-27T15:00:00.000Z',
};

const listPage = (ids: string[], nextCursor: string | null) => ({
  ...modelListPage,
  result: ids.map(modelSummary),
  metadata: { ...modelListPage.metadata, limit: ids.length, total: 5, nextCursor },
});

describe('React Query layer', () => {
  let hub: Loopback;
  let client: MlHubClient;

  beforeAll(async () => {
    hub = await startLoopback((req, res, body) => {
      const url = new URL(req.url ?? '', 'http://x');
      const route = `${req.method} ${url.pathname}`;
      if (route === 'GET /v3/mlhub/models/google%2Fflan-t5-small') return sendJson(res, 200, modelEnvelope);
      if (route === 'GET /v3/mlhub/models') {
        const cursor = url.searchParams.get('cursor');
        if (!cursor) return sendJson(res, 200, listPage(['google/flan-t5-small', 'google/flan-t5-base'], 'c2'));
        if (cursor === 'c2') return sendJson(res, 200, listPage(['google/flan-t5-large', 'google-t5/t5-small'], 'c3'));
        return sendJson(res, 200, listPage(['gpt2'], null));
      }
      if (route === 'POST /v3/mlhub/inference/servers') {
        const { modelId } = JSON.parse(body) as { modelId: string };
        if (modelId === 'google/flan-t5-base') {
          return sendJson(res, 409, failure('CONFLICT', `An inference server for '${modelId}' is already running`));
        }
        return sendJson(res, 202, success({ ...server, modelId }));
      }
      if (route === 'DELETE /v3/mlhub/inference/servers/srv-7f3a9c') {
        return sendJson(res, 200, success({ ...server, state: 'stopped' }));
      }
      if (route === 'GET /v3/mlhub/inference/servers/srv-7f3a9c/history') {
        return sendJson(res, 200, success([{ state: 'pending', at: '2026-11-27T15:00:00.000Z', message: null }]));
      }
      if (route === 'POST /v3/mlhub/inference/pulls') {
        const { modelId } = JSON.parse(body) as { modelId: string };
        // A pull already under way: 409 whose envelope carries that job.
        if (modelId === 'google/flan-t5-base') return sendJson(res, 409, { ...failure('CONFLICT', 'already pulling'), result: pull });
        return sendJson(res, 202, success({ ...pull, modelId }));
      }
      if (route === 'GET /v3/mlhub/inference/servers') {
        const metadata = { limit: 20, total: 1, nextCursor: null, partial: false, sources: [] };
        return sendJson(res, 200, success([server], metadata));
      }
      if (route === 'POST /v3/mlhub/inference/models/google%2Fflan-t5-small/generate') {
        const result = {
          modelId: 'google/flan-t5-small',
          generatedText: 'Wie alt sind Sie?',
          details: { finishReason: 'eos_token', generatedTokens: 6, inputTokens: 12 },
        };
        return sendJson(res, 200, success(result));
      }
      return sendJson(res, 404, failure('NOT_FOUND', `No route ${route}`, 'req-404'));
    });
    client = createMlHubClient({ baseUrl: hub.url, token: 'tok-react' });
  });
  afterEach(() => {
    hub.seen.length = 0;
  });
  afterAll(() => hub.close());

  const newQueryClient = () => new QueryClient({ defaultOptions: { queries: { retryDelay: 0 } } });

  describe('query keys', () => {
    it('put the operationId second, so one prefix matches every answer of an operation', () => {
      expect(mlhubKeys.getModel('google/flan-t5-small')).toEqual(['mlhub', 'getModel', { modelId: 'google/flan-t5-small' }]);
      expect(mlhubKeys.listModels({ task: 'text-generation' })).toEqual(['mlhub', 'listModels', { task: 'text-generation' }]);
      expect(mlhubKeys.listModelsInfinite({}).slice(0, 2)).toEqual(mlhubKeys.operation('listModels'));
      expect(getModelOptions(client, 'gpt2').queryKey).toEqual(mlhubKeys.getModel('gpt2'));
    });
  });

  describe('queryOptions', () => {
    it('fetch the result of one model, its id sent as one segment', async () => {
      const queryClient = newQueryClient();
      const model = await queryClient.fetchQuery(getModelOptions(client, 'google/flan-t5-small'));
      expect(model.id).toBe('google/flan-t5-small');
      expect(model.architectures).toEqual(['T5ForConditionalGeneration']);
      expect(hub.seen[0]?.headers['x-tapis-token']).toBe('tok-react');
      queryClient.clear();
    });

    it('reject with MlHubError, and do not retry a 404', async () => {
      const queryClient = newQueryClient();
      const failing = queryClient.fetchQuery({ ...getModelOptions(client, 'nobody/nothing'), retry: retryMlHub });
      await expect(failing).rejects.toBeInstanceOf(MlHubError);
      await expect(failing).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: 'req-404' });
      expect(hub.seen).toHaveLength(1);
      queryClient.clear();
    });

    it('retry what may pass on a second try (429, 502-504, network), never other answers or aborts', () => {
      const error = (status: number) => new MlHubError({ status, code: 'SERVICE_UNAVAILABLE', message: 'x' });
      expect(retryMlHub(0, error(503))).toBe(true);
      expect(retryMlHub(0, error(429))).toBe(true);
      expect(retryMlHub(2, error(503))).toBe(false);
      expect(retryMlHub(0, error(400))).toBe(false);
      expect(retryMlHub(0, error(500))).toBe(false);
      expect(retryMlHub(0, new TypeError('fetch failed'))).toBe(true);
      expect(retryMlHub(0, new DOMException('aborted', 'AbortError'))).toBe(false);
    });

    it('keep the page metadata of a list', async () => {
      const queryClient = newQueryClient();
      const page = await queryClient.fetchQuery(listModelsOptions(client, { limit: 2 }));
      expect(page.result.map((m) => m.id)).toEqual(['google/flan-t5-small', 'google/flan-t5-base']);
      expect(page.metadata).toMatchObject({ total: 5, nextCursor: 'c2' });
      queryClient.clear();
    });

    it('infinite options follow nextCursor page by page', async () => {
      const queryClient = newQueryClient();
      const data = await queryClient.fetchInfiniteQuery({ ...listModelsInfiniteOptions(client, { limit: 2 }), pages: 3 });
      expect(data.pages.map((p) => p.result.map((m) => m.id))).toEqual([
        ['google/flan-t5-small', 'google/flan-t5-base'],
        ['google/flan-t5-large', 'google-t5/t5-small'],
        ['gpt2'],
      ]);
      expect(data.pageParams).toEqual([undefined, 'c2', 'c3']);
      queryClient.clear();
    });

    it('poll a server while it starts, and stop once it is running', () => {
      const { refetchInterval } = getInferenceServerOptions(client, 'srv-7f3a9c');
      if (typeof refetchInterval !== 'function') throw new Error('refetchInterval is not a function');
      const at = (state: InferenceServer['state']) =>
        refetchInterval({ state: { data: { ...server, state } } } as unknown as Parameters<typeof refetchInterval>[0]);
      expect(at('pending')).toBe(SERVER_POLL_MS);
      expect(at('initializing')).toBe(SERVER_POLL_MS);
      expect(at('running')).toBe(false);
      expect(at('failed')).toBe(false);
    });
  });

  describe('pulls and history', () => {
    it('fetch a server history, polled only while live', async () => {
      const queryClient = newQueryClient();
      const history = await queryClient.fetchQuery(getInferenceServerHistoryOptions(client, 'srv-7f3a9c'));
      expect(history.map((h) => h.state)).toEqual(['pending']);
      expect(getInferenceServerHistoryOptions(client, 'srv-7f3a9c').refetchInterval).toBe(false);
      expect(getInferenceServerHistoryOptions(client, 'srv-7f3a9c', true).refetchInterval).toBe(SERVER_POLL_MS);
      queryClient.clear();
    });

    it('poll a pull job until it is done or failed', () => {
      const { refetchInterval } = getModelPullOptions(client, 'pull-1');
      if (typeof refetchInterval !== 'function') throw new Error('refetchInterval is not a function');
      const at = (state: ModelPull['state']) =>
        refetchInterval({ state: { data: { ...pull, state } } } as unknown as Parameters<typeof refetchInterval>[0]);
      expect(at('queued')).toBe(SERVER_POLL_MS);
      expect(at('downloading')).toBe(SERVER_POLL_MS);
      expect(at('verifying')).toBe(SERVER_POLL_MS);
      expect(at('done')).toBe(false);
      expect(at('failed')).toBe(false);
    });

    it('createModelPull caches the new job, and joins the job of a 409', async () => {
      const queryClient = newQueryClient();
      const observer = new MutationObserver(queryClient, createModelPullOptions(client, queryClient));
      const created = await observer.mutate({ modelId: 'google/flan-t5-small' });
      expect(created.modelId).toBe('google/flan-t5-small');
      expect(queryClient.getQueryData(mlhubKeys.getModelPull('pull-1'))).toEqual(created);
      const joined = await observer.mutate({ modelId: 'google/flan-t5-base' });
      expect(joined).toEqual(pull);
      queryClient.clear();
    });
  });

  describe('mutations', () => {
    it('createInferenceServer posts the request, caches the server and invalidates server lists', async () => {
      const queryClient = newQueryClient();
      await queryClient.fetchQuery(listInferenceServersOptions(client));
      const listKey = mlhubKeys.listInferenceServers();
      expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(false);
      const observer = new MutationObserver(queryClient, createInferenceServerOptions(client, queryClient));
      const created = await observer.mutate({ modelId: 'google/flan-t5-small' });
      expect(created.state).toBe('pending');
      expect(JSON.parse(hub.seen.at(-1)?.body ?? '{}')).toEqual({ modelId: 'google/flan-t5-small' });
      expect(queryClient.getQueryData(mlhubKeys.getInferenceServer('srv-7f3a9c'))).toEqual(created);
      expect(queryClient.getQueryState(listKey)?.isInvalidated).toBe(true);
      queryClient.clear();
    });

    it('createInferenceServer rejects with the MlHubError of a 409', async () => {
      const queryClient = newQueryClient();
      const observer = new MutationObserver(queryClient, createInferenceServerOptions(client, queryClient));
      await expect(observer.mutate({ modelId: 'google/flan-t5-base' })).rejects.toMatchObject({
        name: 'MlHubError',
        status: 409,
        code: 'CONFLICT',
      });
      expect(observer.getCurrentResult().error).toBeInstanceOf(MlHubError);
      queryClient.clear();
    });

    it('deleteInferenceServer stops the server by id', async () => {
      const queryClient = newQueryClient();
      const observer = new MutationObserver(queryClient, deleteInferenceServerOptions(client, queryClient));
      const stopped = await observer.mutate('srv-7f3a9c');
      expect(stopped.state).toBe('stopped');
      expect(hub.seen.at(-1)?.method).toBe('DELETE');
      queryClient.clear();
    });

    it('runInference asks for JSON, not a stream, and gives the result', async () => {
      const queryClient = newQueryClient();
      const observer = new MutationObserver(queryClient, runInferenceOptions(client));
      const result = await observer.mutate({
        modelId: 'google/flan-t5-small',
        inputs: 'Translate English to German: How old are you?',
        parameters: { max_new_tokens: 16 },
      });
      expect(result.generatedText).toBe('Wie alt sind Sie?');
      const request = hub.seen.at(-1);
      expect(request?.headers.accept).toBe('application/json');
      expect(JSON.parse(request?.body ?? '{}')).toEqual({
        inputs: 'Translate English to German: How old are you?',
        parameters: { max_new_tokens: 16 },
        stream: false,
      });
      queryClient.clear();
    });
  });

  describe('hooks (rendered with react-dom/server)', () => {
    function ModelLine({ id }: { id: string }) {
      const model = useGetModel(id);
      const page = useListModels({ limit: 2 });
      const create = useCreateInferenceServer();
      if (model.isPending || page.isPending) return createElement('p', null, 'loading');
      if (model.isError || page.isError) return createElement('p', null, 'error');
      return createElement(
        'p',
        null,
        `${model.data.id} has ${model.data.files} files; ${page.data.metadata.total} models; mutation ${create.status}`,
      );
    }
    const render = (node: ReactNode) => renderToString(node);

    it('read what the matching queryOptions prefetched, with the query client given to the provider', async () => {
      const queryClient = newQueryClient();
      await queryClient.prefetchQuery(getModelOptions(client, 'google/flan-t5-small'));
      await queryClient.prefetchQuery(listModelsOptions(client, { limit: 2 }));
      const html = render(createElement(MlHubProvider, { client, queryClient }, createElement(ModelLine, { id: 'google/flan-t5-small' })));
      expect(html).toContain('google/flan-t5-small has 19 files; 5 models; mutation idle');
      queryClient.clear();
    });

    it('use the nearest QueryClientProvider when the provider has no query client', async () => {
      const queryClient = newQueryClient();
      const html = render(
        createElement(
          QueryClientProvider,
          { client: queryClient },
          createElement(MlHubProvider, { client }, createElement(ModelLine, { id: 'google/flan-t5-small' })),
        ),
      );
      // Nothing prefetched: the hooks are pending, and a server render never fetches.
      expect(html).toContain('loading');
      await queryClient.prefetchQuery(getModelOptions(client, 'google/flan-t5-small'));
      await queryClient.prefetchQuery(listModelsOptions(client, { limit: 2 }));
      const again = render(
        createElement(
          QueryClientProvider,
          { client: queryClient },
          createElement(MlHubProvider, { client }, createElement(ModelLine, { id: 'google/flan-t5-small' })),
        ),
      );
      expect(again).toContain('google/flan-t5-small has 19 files');
      queryClient.clear();
    });

    it('say what is missing when there is no MlHubProvider', () => {
      const queryClient = newQueryClient();
      expect(() => render(createElement(QueryClientProvider, { client: queryClient }, createElement(ModelLine, { id: 'gpt2' })))).toThrow(
        /MlHubProvider/,
      );
    });
  });
});
