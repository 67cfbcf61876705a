import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorLogs, get, getRaw, startHub, STORE_FILES, type RunningHub } from './harness.js';

const encoded = (id: string): string => encodeURIComponent(id);

// Every route that takes an id, as [operation, path builder, id]: the store holds acme/tiny-t5, solo and
// acme/mini-qa; the snapshot holds google/flan-t5-small and openai/gsm8k.
const routes: [string, (id: string) => string, string][] = [
  ['getModel', (id) => `/v3/mlhub/models/${id}`, 'google/flan-t5-small'],
  ['getModel (bare id)', (id) => `/v3/mlhub/models/${id}`, 'solo'],
  ['getModelCard', (id) => `/v3/mlhub/models/${id}/card`, 'acme/tiny-t5'],
  ['listModelFiles', (id) => `/v3/mlhub/models/${id}/files`, 'acme/tiny-t5'],
  ['getModelDownload', (id) => `/v3/mlhub/models/${id}/download`, 'google/flan-t5-small'],
  ['downloadModelFile', (id) => `/v3/mlhub/models/${id}/resolve?path=config.json`, 'acme/tiny-t5'],
  ['downloadModelFile (bare id)', (id) => `/v3/mlhub/models/${id}/resolve?path=config.json`, 'solo'],
  ['getModelSnippets', (id) => `/v3/mlhub/models/${id}/snippets`, 'google/flan-t5-small'],
  ['getDataset', (id) => `/v3/mlhub/datasets/${id}`, 'openai/gsm8k'],
  ['getDatasetCard', (id) => `/v3/mlhub/datasets/${id}/card`, 'acme/mini-qa'],
  ['listDatasetFiles', (id) => `/v3/mlhub/datasets/${id}/files`, 'acme/mini-qa'],
  ['getDatasetDownload', (id) => `/v3/mlhub/datasets/${id}/download`, 'acme/mini-qa'],
  ['downloadDatasetFile', (id) => `/v3/mlhub/datasets/${id}/resolve?path=data%2Ftrain.csv`, 'acme/mini-qa'],
  ['legacyGetModel', (id) => `/v3/ml-hub/models/${id}`, 'google/flan-t5-small'],
  ['legacyDownloadModel', (id) => `/v3/ml-hub/download_model/${id}`, 'acme/tiny-t5'],
  ['legacyGetModelCard', (id) => `/v3/ml-hub/model_card/${id}`, 'google/flan-t5-small'],
  ['legacyGetDataset', (id) => `/v3/ml-hub/datasets/${id}`, 'openai/gsm8k'],
  ['legacyDownloadDataset', (id) => `/v3/ml-hub/download_dataset/${id}`, 'openai/gsm8k'],
  ['legacyGetDatasetCard', (id) => `/v3/ml-hub/dataset_card/${id}`, 'acme/mini-qa'],
  ['legacyListModelsByDataset', (id) => `/v3/ml-hub/models/trained_datasets/${id}`, 'deepmind/code_contests'],
  ['legacyListModelsByDatasetOld', (id) => `/v3/ml-hub/trained_datasets/${id}/models`, 'deepmind/code_contests'],
];

describe('ids with a slash work raw and percent-encoded on every route', () => {
  let hub: RunningHub;

  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it.each(routes)('%s', async (_operation, build, id) => {
    const one = await get(hub, build(encoded(id)));
    const raw = await getRaw(hub, build(id));
    expect([one.status, raw.status]).toEqual([200, 200]);
    expect(raw.text).toBe(one.text.replace(/"requestId":"[^"]+"/, `"requestId":"${raw.body?.metadata?.requestId as string}"`));
    const result = one.body?.result;
    if (
      result &&
      typeof result === 'object' &&
      !Array.isArray(result) &&
      ('id' in result || 'model_id' in result || 'dataset_id' in result)
    ) {
      expect(result.id ?? result.model_id ?? result.dataset_id).toBe(id);
    }
  });

  it('a renamed id resolves to the canonical id, which the answer reports', async () => {
    const model = await get(hub, '/v3/mlhub/models/t5-small');
    expect(model.status).toBe(200);
    expect(model.body.result).toMatchObject({ id: 'google-t5/t5-small', requestedId: 't5-small' });
    const card = await get(hub, '/v3/mlhub/models/t5-small/card');
    expect(card.body.result.id).toBe('google-t5/t5-small');
    const legacy = await get(hub, '/v3/ml-hub/models/t5-small');
    expect(legacy.body.result.model_id).toBe('google-t5/t5-small');
  });

  it('lists and details answer 304 to a matching If-None-Match', async () => {
    for (const url of [
      '/v3/mlhub/models?limit=3',
      '/v3/mlhub/models/google%2Fflan-t5-small',
      '/v3/mlhub/datasets?limit=3',
      '/v3/mlhub/datasets/openai%2Fgsm8k',
    ]) {
      const first = await get(hub, url);
      const etag = first.headers.get('etag');
      expect([url, typeof etag]).toEqual([url, 'string']);
      const again = await get(hub, url, { headers: { 'If-None-Match': etag as string } });
      expect([url, again.status, again.text]).toEqual([url, 304, '']);
      const other = await get(hub, url, { headers: { 'If-None-Match': '"something-else"' } });
      expect([url, other.status]).toEqual([url, 200]);
    }
    const page2 = await get(hub, '/v3/mlhub/models?limit=4');
    expect(page2.headers.get('etag')).not.toBe((await get(hub, '/v3/mlhub/models?limit=3')).headers.get('etag'));
  });
});

describe('downloads from the store', () => {
  let hub: RunningHub;
  const url = '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=onnx%2Fencoder_model.onnx';
  const bytes = STORE_FILES.weights;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fetchBytes = async (headers: Record<string, string> = {}) => {
    const response = await fetch(`${hub.url}${url}`, { headers: { 'X-Tapis-Token': hub.token, ...headers } });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('streams the whole file with Content-Length, ETag, X-Content-Sha256', async () => {
    const { response, body } = await fetchBytes();
    expect(response.status).toBe(200);
    expect(body.equals(bytes)).toBe(true);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('x-content-sha256')).toBe(sha256);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('etag')).toMatch(/^"/);
  });

  it('answers If-None-Match with 304 and no body', async () => {
    const etag = (await fetchBytes()).response.headers.get('etag') as string;
    const { response, body } = await fetchBytes({ 'If-None-Match': etag });
    expect(response.status).toBe(304);
    expect(body.length).toBe(0);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=4000-', 4000, 4095],
    ['bytes=-10', 4086, 4095],
    ['bytes=4090-9999', 4090, 4095],
  ])('answers Range %s with 206 and exactly those bytes', async (range, start, end) => {
    const { response, body } = await fetchBytes({ Range: range });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${bytes.length}`);
    expect(response.headers.get('content-length')).toBe(String(end - start + 1));
    expect(body.equals(bytes.subarray(start, end + 1))).toBe(true);
    expect(response.headers.get('x-content-sha256')).toBe(sha256);
  });

  it('answers a range outside the file with 416 and the envelope', async () => {
    const { response, body } = await fetchBytes({ Range: 'bytes=5000-6000' });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const envelope = JSON.parse(body.toString('utf8')) as { metadata: { code: string }; message: string };
    expect(envelope.metadata.code).toBe('RANGE_NOT_SATISFIABLE');
    expect(envelope.message).toContain('4096 bytes');
  });

  it('resumes a download with If-Range only while the file is unchanged, else sends it whole', async () => {
    const etag = (await fetchBytes()).response.headers.get('etag') as string;
    const current = await fetchBytes({ Range: 'bytes=100-199', 'If-Range': etag });
    expect([current.response.status, current.body.length]).toEqual([206, 100]);
    // The client's part came from an older version of the file: splicing it with this one would corrupt it.
    for (const stale of ['"an-older-version"', 'Wed, 21 Oct 2015 07:28:00 GMT']) {
      const whole = await fetchBytes({ Range: 'bytes=100-199', 'If-Range': stale });
      expect([whole.response.status, whole.response.headers.get('content-range')]).toEqual([200, null]);
      expect(whole.body.equals(bytes)).toBe(true);
    }
    const outside = await fetchBytes({ Range: 'bytes=5000-6000', 'If-Range': '"an-older-version"' });
    expect(outside.response.status).toBe(200);
  });

  it('sends an empty file as an empty 200', async () => {
    const answer = await get(hub, '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=empty.txt');
    expect([answer.status, answer.text, answer.headers.get('content-length')]).toEqual([200, '', '0']);
  });

  it.each([
    ['a .. path', '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=onnx/../../../secret.txt'],
    ['an encoded .. path', '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.txt'],
    ['an absolute path', '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=' + encodeURIComponent(`/${'etc/passwd'}`)],
    ['a symlink out of the store', '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=leak.txt'],
    ['a backslash path', '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=..%5C..%5Csecret.txt'],
    ['a model id climbing out', '/v3/mlhub/models/..%2F..%2F/resolve?path=secret.txt'],
  ])('never serves a byte from outside the store: %s', async (_what, path) => {
    const answer = await getRaw(hub, path);
    expect([400, 404]).toContain(answer.status);
    expect(answer.text).not.toContain(STORE_FILES.secret.trim());
  });

  it('logged nothing at error level', () => {
    expect(errorLogs(hub)).toEqual([]);
  });
});
