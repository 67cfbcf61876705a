import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMlHubClient, type MlHubClient } from '@mlhub/sdk';
import { get, errorLogs, startHub, type RunningHub } from './routes/harness.js';
import { SpecValidator, specOperations } from './routes/spec-validator.js';

interface Answer {
  response: Response;
  data?: unknown;
  error?: unknown;
}

// One call per discovery and service operation of the spec, through the SDK (ids given raw: the SDK
// percent-encodes them into one segment). Inference operations belong to a later issue; legacy ones have
// their own test with the published clients.
const calls: Record<string, (c: MlHubClient) => Promise<Answer>> = {
  listModels: (c) => c.GET('/v3/mlhub/models', { params: { query: { limit: 5, task: 'text2text-generation', sort: 'likes' } } }),
  getModelFacets: (c) => c.GET('/v3/mlhub/facets/models', { params: { query: { license: 'apache-2.0' } } }),
  getModel: (c) => c.GET('/v3/mlhub/models/{modelId}', { params: { path: { modelId: 'google/flan-t5-small' } } }),
  getModelCard: (c) => c.GET('/v3/mlhub/models/{modelId}/card', { params: { path: { modelId: 'acme/tiny-t5' } } }),
  listModelFiles: (c) => c.GET('/v3/mlhub/models/{modelId}/files', { params: { path: { modelId: 'google/flan-t5-small' } } }),
  getModelDownload: (c) => c.GET('/v3/mlhub/models/{modelId}/download', { params: { path: { modelId: 'acme/tiny-t5' } } }),
  downloadModelFile: (c) =>
    c.GET('/v3/mlhub/models/{modelId}/resolve', {
      params: { path: { modelId: 'acme/tiny-t5' }, query: { path: 'config.json' } },
      parseAs: 'text',
    }),
  getModelSnippets: (c) => c.GET('/v3/mlhub/models/{modelId}/snippets', { params: { path: { modelId: 'google/flan-t5-small' } } }),
  listDatasets: (c) => c.GET('/v3/mlhub/datasets', { params: { query: { limit: 3, direction: 'asc', sort: 'id' } } }),
  getDatasetFacets: (c) => c.GET('/v3/mlhub/facets/datasets', { params: { query: {} } }),
  getDataset: (c) => c.GET('/v3/mlhub/datasets/{datasetId}', { params: { path: { datasetId: 'gsm8k' } } }),
  getDatasetCard: (c) => c.GET('/v3/mlhub/datasets/{datasetId}/card', { params: { path: { datasetId: 'openai/gsm8k' } } }),
  listDatasetFiles: (c) => c.GET('/v3/mlhub/datasets/{datasetId}/files', { params: { path: { datasetId: 'acme/mini-qa' } } }),
  getDatasetDownload: (c) => c.GET('/v3/mlhub/datasets/{datasetId}/download', { params: { path: { datasetId: 'openai/gsm8k' } } }),
  downloadDatasetFile: (c) =>
    c.GET('/v3/mlhub/datasets/{datasetId}/resolve', {
      params: { path: { datasetId: 'acme/mini-qa' }, query: { path: 'data/train.csv' } },
      parseAs: 'text',
    }),
  getHealth: (c) => c.GET('/v3/mlhub/health'),
  getReadiness: (c) => c.GET('/v3/mlhub/ready'),
  getVersion: (c) => c.GET('/v3/mlhub/version'),
  getOpenApiDocument: (c) => c.GET('/v3/mlhub/openapi.json'),
  getApiReference: (c) => c.GET('/v3/mlhub/docs', { parseAs: 'text' }),
};

const discoveryOperations = specOperations()
  .filter((op) => op.path.startsWith('/v3/mlhub/') && !op.path.startsWith('/v3/mlhub/inference'))
  .map((op) => op.operationId)
  .sort();

describe('contract: the SDK calls every discovery and service operation of a running hub', () => {
  let hub: RunningHub;
  let client: MlHubClient;
  const validator = new SpecValidator();
  const answers = new Map<string, Answer>();

  beforeAll(async () => {
    hub = await startHub();
    client = createMlHubClient({ baseUrl: hub.url, token: hub.token });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('has a call for every operation the spec declares (and only those)', () => {
    expect(Object.keys(calls).sort()).toEqual(discoveryOperations);
    expect(discoveryOperations).toHaveLength(20);
  });

  it('registers a route for every operation of the spec, the inference control plane included', () => {
    const expected = specOperations()
      .map((op) => op.operationId)
      .sort();
    expect([...hub.app.hub.served].sort()).toEqual(expected);
  });

  it.each(discoveryOperations)('%s answers 2xx, valid against the spec', async (operationId) => {
    const call = calls[operationId];
    if (!call) throw new Error(`no call for ${operationId}`);
    const answer = await call(client);
    answers.set(operationId, answer);
    const body = answer.data ?? answer.error;
    expect([operationId, answer.response.ok, answer.response.status < 300]).toEqual([operationId, true, true]);
    expect(validator.check(operationId, answer.response.status, answer.response.headers.get('content-type'), body)).toEqual([]);
  });

  it('answers carry what the spec promises beyond the schema', async () => {
    const model = (await calls['getModel']!(client)).data as { result: { id: string; sha: string } };
    expect(model.result).toMatchObject({ id: 'google/flan-t5-small', sha: '0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab' });
    const dataset = (await calls['getDataset']!(client)).data as { result: { id: string; requestedId: string } };
    expect(dataset.result).toMatchObject({ id: 'openai/gsm8k', requestedId: 'gsm8k' });
    const download = (await calls['getModelDownload']!(client)).data as {
      result: { files: { path: string; url: string; source: string }[] };
    };
    const config = download.result.files.find((f) => f.path === 'config.json');
    expect(config?.source).toBe('store');
    expect(config?.url).toBe(`${hub.url}/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=config.json`);
    const hfDownload = (await calls['getDatasetDownload']!(client)).data as { result: { sha: string; files: { url: string }[] } };
    expect(hfDownload.result.files[0]?.url).toMatch(
      new RegExp(`^https://huggingface\\.co/datasets/openai/gsm8k/resolve/${hfDownload.result.sha}/`),
    );
    const snippets = (await calls['getModelSnippets']!(client)).data as { result: { id: string; content: string }[] };
    expect(snippets.result.map((s) => s.id)).toEqual(expect.arrayContaining(['transformers', 'mlhub-sdk', 'curl']));
    expect(snippets.result.find((s) => s.id === 'transformers')?.content).toContain('AutoModelForSeq2SeqLM');
    expect(snippets.result.find((s) => s.id === 'curl')?.content).toContain(`${hub.url}/v3/mlhub/models/google%2Fflan-t5-small`);
    const version = (await calls['getVersion']!(client)).data as { result: { sources: string[]; api: string } };
    expect(version.result).toMatchObject({ sources: ['snapshot', 'store'], api: '1.3.0' });
    const page = await get(hub, '/v3/mlhub/docs', { token: null });
    expect(page.text).toContain('listModels');
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!huggingface)[^"'\s]*\.(js|css)/);
  });

  it('public operations are exactly those with `security: []`; every other answers 401 without a token', async () => {
    const bare = createMlHubClient({ baseUrl: hub.url });
    const publicOps = specOperations()
      .filter((op) => op.public)
      .map((op) => op.operationId)
      .sort();
    expect(publicOps).toEqual(['getApiReference', 'getHealth', 'getOpenApiDocument', 'getReadiness', 'getVersion']);
    for (const operationId of discoveryOperations) {
      const answer = await calls[operationId]!(bare);
      const isPublic = publicOps.includes(operationId);
      expect({ operationId, status: answer.response.status }).toEqual({ operationId, status: isPublic ? 200 : 401 });
      if (!isPublic) {
        expect(validator.check(operationId, 401, answer.response.headers.get('content-type'), answer.error)).toEqual([]);
        expect((answer.error as { message: string }).message).toMatch(/token/i);
      }
    }
  });

  it('the validator itself rejects answers that break the spec', () => {
    expect(
      validator.check('getModel', 200, 'application/json', { status: 'success', message: 'x', version: '1', result: {}, metadata: {} }),
    ).not.toEqual([]);
    expect(validator.check('getModel', 418, 'application/json', {})).not.toEqual([]);
    expect(validator.check('getHealth', 200, 'text/plain', 'ok')).not.toEqual([]);
  });

  it('the validator refuses an undocumented field anywhere in an answer', () => {
    const list = answers.get('listDatasets')?.data as { result: Record<string, unknown>[] } | undefined;
    const model = answers.get('getModel')?.data as { result: Record<string, unknown>; metadata: Record<string, unknown> } | undefined;
    if (!list || !model) throw new Error('the 2xx answers above ran first');
    expect(validator.check('listDatasets', 200, 'application/json', list)).toEqual([]);
    const leaky = { ...list, result: list.result.map((d) => ({ ...d, internalPath: '/srv/store/datasets/x' })) };
    expect(validator.check('listDatasets', 200, 'application/json', leaky).join('\n')).toMatch(/unevaluated/);
    // In a part of an allOf (ModelDetails extends ModelSummary) and in the envelope's metadata too.
    expect(validator.check('getModel', 200, 'application/json', { ...model, result: { ...model.result, internalPath: 'x' } })).not.toEqual(
      [],
    );
    expect(validator.check('getModel', 200, 'application/json', { ...model, metadata: { ...model.metadata, debug: true } })).not.toEqual(
      [],
    );
  });

  it('logged nothing at error level', () => {
    expect(errorLogs(hub)).toEqual([]);
  });
});
