import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { happyHandlers, Hits, HUB } from '../catalog/hf-fixtures.js';
import { errorLogs, get, startHub, type RunningHub } from './harness.js';
import { SpecValidator } from './spec-validator.js';

// Hugging Face is answered by msw with the recorded bodies; requests to the hub itself (loopback) pass.
const hits = new Hits();
// A tree of google/flan-t5-small in the shape Hugging Face records (see fixtures/hf-api/tree_bert-base-uncased.json).
// No answer of its tree endpoint was recorded: `config.json` is the real file's entry (size and git blob oid of
// the byte-exact Hub file in ../shared/data/flan-t5/flan-t5-small/config.json); the other two entries are made up.
const FLAN_TREE_SHAPED = [
  { type: 'file', oid: 'e7fd0c5a7f5b0fb5f0a2c0b0f5d8a1c2b3d4e5f6', size: 1477, path: '.gitattributes' },
  { type: 'file', oid: '360a0073f29a105ced4a366cda27e668b11bb73b', size: 1401, path: 'config.json' },
  {
    type: 'file',
    oid: '68d45e234eb4a928074dfd868cead0219ab85354',
    size: 307867048,
    path: 'model.safetensors',
    lfs: { oid: '68d45e234eb4a928074dfd868cead0219ab85354cc58b2e3b7a2b8f3a2e7a2b1', size: 307867048, pointerSize: 135 },
  },
];
const server = setupServer(
  http.get(`${HUB}/api/models/google/flan-t5-small/tree/:rev`, () => HttpResponse.json(FLAN_TREE_SHAPED)),
  ...happyHandlers(hits),
);

describe('the routes with the Hugging Face source enabled (msw)', () => {
  let hub: RunningHub;
  const validator = new SpecValidator();

  beforeAll(async () => {
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    });
    hub = await startHub(
      { MLHUB_SOURCES: 'huggingface,snapshot,store', MLHUB_HUGGINGFACE_URL: HUB, MLHUB_HUGGINGFACE_TIMEOUT_MS: '2000' },
      { huggingfaceFetch: (input, init) => globalThis.fetch(input, init) },
    );
  });
  afterEach(() => server.resetHandlers());
  afterAll(async () => {
    await hub.close();
    server.close();
  });

  it('a renamed id answers its canonical Hugging Face id, links pinned to its sha', async () => {
    const model = await get(hub, '/v3/mlhub/models/t5-small');
    expect(model.status).toBe(200);
    expect(validator.check('getModel', 200, model.headers.get('content-type'), model.body)).toEqual([]);
    expect(model.body.result).toMatchObject({ id: 'google-t5/t5-small', requestedId: 't5-small', source: 'huggingface' });
    const flan = await get(hub, '/v3/mlhub/models/google%2Fflan-t5-small');
    expect(flan.body.result.source).toBe('huggingface');
    const sha = flan.body.result.sha as string;
    const download = await get(hub, '/v3/mlhub/models/google/flan-t5-small/download');
    expect(validator.check('getModelDownload', 200, download.headers.get('content-type'), download.body)).toEqual([]);
    expect(download.body.result.files.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['config.json', 'model.safetensors']),
    );
    for (const file of download.body.result.files as { path: string; url: string }[]) {
      expect(file.url).toBe(`${HUB}/google/flan-t5-small/resolve/${sha}/${file.path}`);
    }
  });

  it('lists say which sources answered', async () => {
    const page = await get(hub, '/v3/mlhub/models?limit=5');
    expect(page.status).toBe(200);
    expect(validator.check('listModels', 200, page.headers.get('content-type'), page.body)).toEqual([]);
    expect(page.body.metadata.sources).toEqual(expect.arrayContaining([{ source: 'huggingface', ok: true }]));
    expect(page.body.metadata.partial).toBe(false);
    const legacy = await get(hub, '/v3/ml-hub/models');
    expect([legacy.status, legacy.headers.get('x-mlhub-stale')]).toEqual([200, null]);
  });

  it('legacy answers served in place of a failing Hugging Face say so in X-MLHub-Stale (their frozen bodies cannot)', async () => {
    server.use(http.get(`${HUB}/api/*`, () => new HttpResponse('upstream broke', { status: 500 })));
    // Queries no earlier test answered, so no fresh cached answer stands in.
    const list = await get(hub, '/v3/ml-hub/models/authors/google');
    expect([list.status, list.headers.get('x-mlhub-stale')]).toEqual([200, '1']);
    const datasets = await get(hub, '/v3/ml-hub/datasets/tasks/question-answering');
    expect([datasets.status, datasets.headers.get('x-mlhub-stale')]).toEqual([200, '1']);
  });

  it('Hugging Face failing: ready stays 200 (the snapshot answers), health lists it as failing, lists stay 200 and say partial; a detail only it knows is 502, logged as a warning', async () => {
    server.use(http.get(`${HUB}/api/*`, () => new HttpResponse('upstream broke', { status: 500 })));
    const ready = await get(hub, '/v3/mlhub/ready', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body.result.ready).toBe(true);
    expect(ready.body.result.checks).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'huggingface', ok: false })]));
    expect(validator.check('getReadiness', 200, ready.headers.get('content-type'), ready.body)).toEqual([]);
    const health = await get(hub, '/v3/mlhub/health', { token: null });
    expect(health.status).toBe(200);
    expect(health.body.result.sources).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'huggingface', ok: false })]));
    expect(validator.check('getHealth', 200, health.headers.get('content-type'), health.body)).toEqual([]);
    const page = await get(hub, '/v3/mlhub/models?limit=5&sort=likes');
    expect(page.status).toBe(200);
    expect(validator.check('listModels', 200, page.headers.get('content-type'), page.body)).toEqual([]);
    expect(page.body.metadata.partial).toBe(true);
    expect(page.body.metadata.sources).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'huggingface', ok: false })]));
    const detail = await get(hub, '/v3/mlhub/models/someone%2Fonly-on-the-hub');
    expect([detail.status, detail.body.metadata.code]).toEqual([502, 'UPSTREAM_ERROR']);
    expect(validator.check('getModel', 502, detail.headers.get('content-type'), detail.body)).toEqual([]);
    // A model another source (or the cache) holds is still answered.
    const known = await get(hub, '/v3/mlhub/models/google%2Fflan-t5-small');
    expect(known.status).toBe(200);
    expect(validator.check('getModel', 200, known.headers.get('content-type'), known.body)).toEqual([]);
    expect(hub.logs.some((l) => l.level === 40 && l['code'] === 'UPSTREAM_ERROR')).toBe(true);
    expect(errorLogs(hub)).toEqual([]);
  });
});
