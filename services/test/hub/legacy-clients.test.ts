import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Configuration as DatasetsConfiguration,
  DatasetsApi,
  type DatasetShortInfo,
  type RespDatasetsObject,
} from '@tapis/tapis-typescript-mlhub-datasets';
import {
  Configuration as ModelsConfiguration,
  ModelsApi,
  type ModelShortInfo,
  type RespModelsObject,
} from '@tapis/tapis-typescript-mlhub-models';
import { errorLogs, startHub, type RunningHub } from './routes/harness.js';
import { SpecValidator, specOperations } from './routes/spec-validator.js';

// What `RespModelsObject` / `RespDatasetsObject` promise: an object keyed by id of short infos whose
// own id is the key, `_private` and `gated` booleans, most downloaded first.
function expectModelList(answer: RespModelsObject, atLeast = 1): ModelShortInfo[] {
  expect(answer.status).toBe('success');
  const entries = Object.entries(answer.result ?? {});
  expect(entries.length).toBeGreaterThanOrEqual(atLeast);
  expect(entries.length).toBeLessThanOrEqual(100);
  for (const [key, model] of entries) {
    expect(model.model_id).toBe(key);
    expect(typeof model._private).toBe('boolean');
    expect(typeof model.gated).toBe('boolean');
    expect(Array.isArray(model.tags)).toBe(true);
  }
  const downloads = entries.map(([, m]) => m.downloads ?? 0);
  expect(downloads).toEqual([...downloads].sort((a, b) => b - a));
  return entries.map(([, m]) => m);
}

function expectDatasetList(answer: RespDatasetsObject, atLeast = 1): DatasetShortInfo[] {
  expect(answer.status).toBe('success');
  const entries = Object.entries(answer.result ?? {});
  expect(entries.length).toBeGreaterThanOrEqual(atLeast);
  expect(entries.length).toBeLessThanOrEqual(100);
  for (const [key, dataset] of entries) {
    expect(dataset.dataset_id).toBe(key);
    expect(typeof dataset._private).toBe('boolean');
  }
  return entries.map(([, d]) => d);
}

describe('the published legacy clients call every legacy operation of a running hub', () => {
  let hub: RunningHub;
  let models: ModelsApi;
  let datasets: DatasetsApi;
  const called = new Set<string>();
  // Every answer is also checked against the legacy section of the spec, as the client saw it on the wire.
  const validator = new SpecValidator();
  const wire: { operationId: string; status: number; type: string | null; body: unknown }[] = [];
  let nextOperation = '';
  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    wire.push({ operationId: nextOperation, status: response.status, type: response.headers.get('content-type'), body: JSON.parse(text) });
    return response;
  };
  const op = <T>(operationId: string, call: () => Promise<T>): Promise<T> => {
    called.add(operationId);
    nextOperation = operationId;
    return call();
  };

  beforeAll(async () => {
    hub = await startHub();
    models = new ModelsApi(new ModelsConfiguration({ basePath: hub.url, apiKey: hub.token, fetchApi: recordingFetch }));
    datasets = new DatasetsApi(new DatasetsConfiguration({ basePath: hub.url, apiKey: hub.token, fetchApi: recordingFetch }));
  });
  afterAll(async () => {
    await hub.close();
  });

  it('ModelsApi: lists', async () => {
    const top = expectModelList(await op('legacyListModels', () => models.listModels()), 100);
    expect(top).toHaveLength(100);
    const google = expectModelList(await op('legacyListModelsByAuthor', () => models.listModelsByAuthor({ authorId: 'google' })));
    expect(google.every((m) => m.model_id?.startsWith('google/'))).toBe(true);
    const t2t = expectModelList(await op('legacyListModelsByTask', () => models.listModelsByTask({ taskType: 'text2text-generation' })));
    expect(t2t.map((m) => m.model_id)).toContain('google/flan-t5-small');
    expect(t2t.find((m) => m.model_id === 'google/flan-t5-small')?.pipeline_tag).toBe('text2text-generation');
    const gsm = expectModelList(
      await op('legacyListModelsByDataset', () => models.listModelsByDataset({ dataset: 'deepmind/code_contests' })),
    );
    expect(gsm.map((m) => m.model_id)).toContain('google/flan-t5-small');
    expectModelList(await op('legacyListModelsByLibrary', () => models.listModelsByLibrary({ libraryName: 'Transformers' })));
    const en = expectModelList(await op('legacyListModelsByLanguage', () => models.listModelsByLanguage({ languageName: 'ro' })));
    expect(en.map((m) => m.model_id)).toContain('google/flan-t5-small');
    const flan = expectModelList(await op('legacyListModelsByQuery', () => models.listModelsByQuery({ query: 'FLAN-T5' })));
    expect(flan.every((m) => m.model_id?.toLowerCase().includes('flan-t5'))).toBe(true);
  });

  it('ModelsApi: one model, its card and its downloads', async () => {
    const model = await op('legacyGetModel', () => models.getModel({ modelId: 'google/flan-t5-small' }));
    expect(model.result).toMatchObject({
      model_id: 'google/flan-t5-small',
      sha: '0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab',
      _private: false,
      gated: false,
      library_name: 'transformers',
      transformers_info: { auto_model: 'AutoModelForSeq2SeqLM', pipeline_tag: 'text2text-generation' },
    });
    expect(model.result?.repository_content).toContain('config.json');
    expect(model.result?.config).toMatchObject({ model_type: 't5' });
    const card = await op('legacyGetModelCard', () => models.getModelCard({ modelId: 'acme/tiny-t5' }));
    expect(card.result?.model_card).toContain('# tiny-t5');
    expect(card.result?.model_metadata).toMatchObject({ license: 'apache-2.0' });
    const download = await op('legacyDownloadModel', () => models.downloadModel({ modelId: 'acme/tiny-t5' }));
    const links = download.result?.download_links as Record<string, string>;
    expect(links['config.json']).toBe(`${hub.url}/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=config.json`);
    const fetched = await fetch(links['config.json'] as string, { headers: { 'X-Tapis-Token': hub.token } });
    expect(await fetched.text()).toContain('T5ForConditionalGeneration');
    const hf = await models.downloadModel({ modelId: 'google/flan-t5-small' });
    expect(hf.result?.download_links).toMatchObject({
      'config.json': 'https://huggingface.co/google/flan-t5-small/resolve/0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab/config.json',
    });
  });

  it('ModelsApi: the inference server of a model with none running is the legacy error answer', async () => {
    const failure = async (modelId: string) => {
      try {
        await op('legacyGetModelInferenceServer', () => models.getModelInferenceServer({ modelId }));
      } catch (error) {
        const response = error as Response;
        return { status: response.status, body: (await response.json()) as { result: { inference_server_possible: boolean } | null } };
      }
      throw new Error('expected the call to fail');
    };
    // Servable needs the whole ONNX export (encoder and merged decoder); the fixture has only the encoder.
    writeFileSync(path.join(hub.storeDir, 'models', 'acme', 'tiny-t5', 'onnx', 'decoder_model_merged.onnx'), 'graph');
    const servable = await failure('acme/tiny-t5');
    expect(servable.status).toBe(422);
    expect(servable.body.result?.inference_server_possible).toBe(true);
    const notServable = await failure('solo');
    expect(notServable.status).toBe(404);
    expect(notServable.body.result?.inference_server_possible).toBe(false);
    const unknown = await failure('nobody/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.body.result).toBeNull();
  });

  it('DatasetsApi: every operation', async () => {
    expect(expectDatasetList(await op('legacyListDatasets', () => datasets.listDatasets()), 100)).toHaveLength(100);
    const math = expectDatasetList(await op('legacyListDatasetsByQuery', () => datasets.listDatasetsByQuery({ query: 'gsm8k' })));
    expect(math.map((d) => d.dataset_id)).toContain('openai/gsm8k');
    const deepmind = expectDatasetList(
      await op('legacyListDatasetsByAuthor', () => datasets.listDatasetsByAuthor({ authorId: 'deepmind' })),
    );
    expect(deepmind.every((d) => d.dataset_id?.startsWith('deepmind/'))).toBe(true);
    expectDatasetList(await op('legacyListDatasetsByLanguage', () => datasets.listDatasetsByLanguage({ languageName: 'en' })));
    expectDatasetList(await op('legacyListDatasetsByTask', () => datasets.listDatasetsByTask({ taskType: 'question-answering' })));
    expectDatasetList(
      await op('legacyListDatasetsBySizeCategory', () => datasets.listDatasetsBySizeCategory({ sizeCategory: '1K<n<10K' })),
    );
    const gsm8k = await op('legacyGetDataset', () => datasets.getDataset({ datasetId: 'gsm8k' }));
    expect(gsm8k.result).toMatchObject({ dataset_id: 'openai/gsm8k', _private: false, sha: 'e53f048856ff4f594e959d75785d2c2d37b678ee' });
    expect(Array.isArray(gsm8k.result?.repository_content)).toBe(true);
    const card = await op('legacyGetDatasetCard', () => datasets.getDatasetCard({ datasetId: 'acme/mini-qa' }));
    expect(card.result?.dataset_card).toContain('# mini-qa');
    expect(card.result?.dataset_metadata).toMatchObject({ license: 'mit' });
    const download = await op('legacyDownloadDataset', () => datasets.downloadDataset({ datasetId: 'acme/mini-qa' }));
    expect(download.result?.download_links).toEqual({
      'README.md': `${hub.url}/v3/mlhub/datasets/acme%2Fmini-qa/resolve?path=README.md`,
      'data/train.csv': `${hub.url}/v3/mlhub/datasets/acme%2Fmini-qa/resolve?path=data%2Ftrain.csv`,
    });
  });

  it('the older path shapes answer the same', async () => {
    const get = async (operationId: string, path: string) => {
      called.add(operationId);
      const response = await fetch(`${hub.url}${path}`, { headers: { 'X-Tapis-Token': hub.token } });
      const body = (await response.json()) as RespModelsObject;
      wire.push({ operationId, status: response.status, type: response.headers.get('content-type'), body });
      return body.result;
    };
    const current = (await (
      await fetch(`${hub.url}/v3/ml-hub/models/authors/google`, { headers: { 'X-Tapis-Token': hub.token } })
    ).json()) as RespModelsObject;
    expect(await get('legacyListModelsByAuthorOld', '/v3/ml-hub/authors/google/models')).toEqual(current.result);
    expect(Object.keys((await get('legacyListModelsByTaskOld', '/v3/ml-hub/tasks/text-to-speech/models')) ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys((await get('legacyListModelsByDatasetOld', '/v3/ml-hub/trained_datasets/gsm8k/models')) ?? {})).toContain(
      'google/flan-t5-small',
    );
    expect(Object.keys((await get('legacyListModelsByLibraryOld', '/v3/ml-hub/libraries/pytorch/models')) ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys((await get('legacyListModelsByLanguageOld', '/v3/ml-hub/languages/de/models')) ?? {})).toContain(
      'google/flan-t5-small',
    );
  });

  it('without a token the legacy routes answer 401 with the envelope', async () => {
    const anonymous = new ModelsApi(new ModelsConfiguration({ basePath: hub.url }));
    let status = 0;
    try {
      await anonymous.listModels();
    } catch (error) {
      status = (error as Response).status;
      expect(((await (error as Response).json()) as { metadata: { code: string } }).metadata.code).toBe('UNAUTHORIZED');
    }
    expect(status).toBe(401);
  });

  it('covered every legacy operation of the spec, each answer valid against it', () => {
    const legacy = specOperations()
      .filter((o) => o.path.startsWith('/v3/ml-hub/'))
      .map((o) => o.operationId)
      .sort();
    expect(legacy.length).toBe(25);
    expect([...called].sort()).toEqual(legacy);
    const problems = wire.flatMap((w) => validator.check(w.operationId, w.status, w.type, w.body));
    expect(problems).toEqual([]);
  });

  it('logged nothing at error level', () => {
    expect(errorLogs(hub)).toEqual([]);
  });
});
