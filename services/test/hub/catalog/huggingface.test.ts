import { describe, expect, it } from '@jest/globals';
import { delay, http, HttpResponse } from 'msw';
import { HuggingFaceSource } from '../../../src/hub/sources/huggingface.js';
import { failure, fixture, hfTestbed, HUB, LISTED } from './hf-fixtures.js';

// Hugging Face answered by msw; a 200 ms budget, so the timeout cases are quick.
const { hits, server, hfCatalog } = hfTestbed({ huggingface: { timeoutMs: 200 } });

describe('Hugging Face details', () => {
  it('follows a renamed id to the canonical one and reports both', async () => {
    const catalog = await hfCatalog();
    const { result, source } = await catalog.getModel('t5-small');
    expect(result.id).toBe('google-t5/t5-small');
    expect(result.requestedId).toBe('t5-small');
    expect(source).toBe('huggingface');
    expect(result.sha).toBe('df1b051c49625cf57a3d0d8d3863ed4d13564fe4');
    expect(result.modelType).toBe('t5');
  });

  it('reports a gated "manual" model as gated manual', async () => {
    const catalog = await hfCatalog();
    const { result } = await catalog.getModel('meta-llama/Llama-3.1-8B-Instruct');
    expect(result.gated).toBe('manual');
    expect(result.requestedId).toBeNull();
    expect(result.servable).toBe(false);
  });

  it('maps FLAN-T5 to a servable text2text model with its card data and file count', async () => {
    const catalog = await hfCatalog();
    const { result } = await catalog.getModel('google/flan-t5-small');
    expect(result).toMatchObject({
      id: 'google/flan-t5-small',
      pipelineTag: 'text2text-generation',
      library: 'transformers',
      license: 'apache-2.0',
      languages: ['en', 'fr', 'ro', 'de', 'multilingual'],
      servable: true,
      parameters: 76961152,
      storageBytes: 2378897868,
      architectures: ['T5ForConditionalGeneration'],
    });
    expect(result.files).toBe((fixture('models/google__flan-t5-small.json').siblings as unknown[]).length);
  });

  it('resolves a legacy dataset id to its canonical id', async () => {
    server.use(http.get(`${HUB}/api/datasets/gsm8k/revision/:rev`, () => HttpResponse.json(fixture('datasets/gsm8k.json'))));
    const catalog = await hfCatalog();
    const { result } = await catalog.getDataset('gsm8k');
    expect(result.id).toBe('openai/gsm8k');
    expect(result.requestedId).toBe('gsm8k');
    expect(result.benchmarks).toEqual(['gsm8k']);
    expect(result.languages).toEqual(['en']);
  });

  it('pins the file list to the sha the details came from', async () => {
    const catalog = await hfCatalog();
    const files = await catalog.listModelFiles('google/flan-t5-small');
    expect(files.result.sha).toBe('0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab');
    const tree = hits.urls.find((u) => u.includes('/tree/'));
    expect(tree).toContain('/api/models/google/flan-t5-small/tree/0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab');
  });

  it('lists a real tree with sizes, oids and LFS pointers', async () => {
    const recorded = fixture('tree_bert-base-uncased.json');
    server.use(
      http.get(`${HUB}/api/models/google-bert/bert-base-uncased/tree/:rev`, () => HttpResponse.json(recorded.tree_plain as object[])),
    );
    const source = new HuggingFaceSource({ hubUrl: HUB, fetch: (r, i) => globalThis.fetch(r, i) });
    const files = await source.files('model', 'google-bert/bert-base-uncased', 'dd4bc8b21efa05ec961e3efc4ee5e3832a3679c7');
    expect(files.find((f) => f.path === 'config.json')).toEqual({
      path: 'config.json',
      size: 313,
      oid: 'fca794a5f07ff8f963fe8b61e3694b0fb7f955df',
      lfs: null,
    });
    const lfs = files.find((f) => f.lfs !== null);
    expect(lfs?.lfs?.oid).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers NOT_FOUND for an id Hugging Face does not know', async () => {
    const catalog = await hfCatalog();
    const error = await failure(catalog.getModel('nobody/nothing'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.statusCode).toBe(404);
  });

  it('links downloads to resolve/{sha} and gives the card metadata when there is no README', async () => {
    const catalog = await hfCatalog();
    const card = await catalog.getModelCard('google/flan-t5-small');
    expect(card.result.sha).toBe('0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab');
    expect(card.result.metadata.license).toBe('apache-2.0');
    expect(hits.urls.some((u) => u.endsWith('/google/flan-t5-small/raw/0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab/README.md'))).toBe(true);
  });
});

describe('Hugging Face faults', () => {
  const infoUrl = `${HUB}/api/models/google/flan-t5-small/revision/:rev`;

  it('answers 504 UPSTREAM_TIMEOUT when Hugging Face is over its time budget', async () => {
    server.use(
      http.get(infoUrl, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const catalog = await hfCatalog();
    const error = await failure(catalog.getModel('google/flan-t5-small'));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.statusCode).toBe(504);
  });

  it('answers 502 UPSTREAM_ERROR when Hugging Face answers 500', async () => {
    server.use(http.get(infoUrl, () => HttpResponse.json({ error: 'boom' }, { status: 500 })));
    const error = await failure((await hfCatalog()).getModel('google/flan-t5-small'));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.statusCode).toBe(502);
    expect(error.message).toContain('500');
  });

  it('answers 502 when the network fails', async () => {
    server.use(http.get(infoUrl, () => HttpResponse.error()));
    const error = await failure((await hfCatalog()).getModel('google/flan-t5-small'));
    expect(error.code).toBe('UPSTREAM_ERROR');
  });

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After when Hugging Face rate limits', async () => {
    server.use(
      http.get(infoUrl, () =>
        HttpResponse.json({ error: 'You have exceeded our hourly quotas' }, { status: 429, headers: { 'Retry-After': '17' } }),
      ),
    );
    const error = await failure((await hfCatalog()).getModel('google/flan-t5-small'));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.statusCode).toBe(503);
    expect(error.headers['Retry-After']).toBe('17');
    expect(error.details).toEqual({ retryAfter: 17 });
  });

  it('answers 502 for garbage JSON, and does not crash', async () => {
    server.use(http.get(infoUrl, () => new HttpResponse('{"id": "google/flan-t5-sm', { headers: { 'Content-Type': 'application/json' } })));
    const error = await failure((await hfCatalog()).getModel('google/flan-t5-small'));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.statusCode).toBe(502);
  });

  it('answers 502 for JSON that is not a model', async () => {
    server.use(http.get(infoUrl, () => HttpResponse.json(['not', 'a', 'model'])));
    const error = await failure((await hfCatalog()).getModel('google/flan-t5-small'));
    expect(error.code).toBe('UPSTREAM_ERROR');
  });

  it('serves the cached answer, marked stale, when Hugging Face fails later', async () => {
    // ttl 0: every call goes upstream, so the second one meets the failure.
    const catalog = await hfCatalog({ cache: { ttlMs: 0, staleTtlMs: 60_000 } });
    const fresh = await catalog.getModel('google/flan-t5-small');
    expect(fresh.stale).toBe(false);
    server.use(http.get(infoUrl, () => HttpResponse.json({ error: 'boom' }, { status: 503 })));
    const stale = await catalog.getModel('google/flan-t5-small');
    expect(stale.stale).toBe(true);
    expect(stale.result).toEqual(fresh.result);
    expect(hits.get('info')).toBe(1);
  });

  it('sends 100 identical concurrent misses upstream exactly once', async () => {
    let upstream = 0;
    server.use(
      http.get(infoUrl, async () => {
        upstream++;
        await delay(20);
        return HttpResponse.json(fixture('models/google__flan-t5-small.json'));
      }),
    );
    const catalog = await hfCatalog({ huggingface: { timeoutMs: 5000 } });
    const answers = await Promise.all(Array.from({ length: 100 }, () => catalog.getModel('google/flan-t5-small')));
    expect(upstream).toBe(1);
    expect(new Set(answers.map((a) => a.etag)).size).toBe(1);
    expect(answers.every((a) => a.result.id === 'google/flan-t5-small')).toBe(true);
  });

  it('sends the token as a bearer header, through the custom fetch', async () => {
    let auth: string | null = null;
    server.use(
      http.get(infoUrl, ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json(fixture('models/google__flan-t5-small.json'));
      }),
    );
    const catalog = await hfCatalog({ huggingface: { token: 'hf_test_token' } });
    await catalog.getModel('google/flan-t5-small');
    expect(auth).toBe('Bearer hf_test_token');
  });
});

describe('Hugging Face lists', () => {
  it('walks the upstream pages by their Link header, in order, each id once', async () => {
    const catalog = await hfCatalog();
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await catalog.listModels({ limit: 2, cursor });
      expect(page.total).toBeNull();
      expect(page.partial).toBe(false);
      ids.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);
    expect(ids).toEqual(LISTED.map((m) => m.id));
    expect(hits.urls.some((u) => u.includes('cursor=3'))).toBe(true);
  });

  it('finds FLAN-T5 tagged text-generation upstream when asked for text2text-generation', async () => {
    const catalog = await hfCatalog();
    const page = await catalog.listModels({ task: 'text2text-generation', limit: 20 });
    const asked = hits.urls.find((u) => u.includes('/api/models?'));
    expect(new URL(asked!).searchParams.get('pipeline_tag')).toBe('text-generation');
    expect(page.items.map((m) => m.id)).toEqual(expect.arrayContaining(['google/flan-t5-small', 'google/flan-t5-base']));
    expect(page.items.every((m) => m.pipelineTag === 'text2text-generation')).toBe(true);
  });

  it('stays up with partial: true and the failed source when Hugging Face fails', async () => {
    server.use(http.get(`${HUB}/api/models`, () => HttpResponse.json({ error: 'boom' }, { status: 500 })));
    const catalog = await hfCatalog({ sources: ['huggingface', 'snapshot'] });
    const page = await catalog.listModels({ limit: 5 });
    expect(page.partial).toBe(true);
    expect(page.sources).toEqual(
      expect.arrayContaining([
        { source: 'huggingface', ok: false, error: 'Hugging Face answered 500' },
        { source: 'snapshot', ok: true },
      ]),
    );
    expect(page.items).toHaveLength(5);
    expect(page.items.every((m) => m.source === 'snapshot')).toBe(true);
  });

  it('reports garbage list JSON as a failed source, not a crash', async () => {
    server.use(http.get(`${HUB}/api/models`, () => new HttpResponse('<html>', { headers: { 'Content-Type': 'application/json' } })));
    const catalog = await hfCatalog({ sources: ['huggingface', 'snapshot'] });
    const page = await catalog.listModels({ limit: 1 });
    expect(page.partial).toBe(true);
    expect(page.sources.find((s) => s.source === 'huggingface')?.ok).toBe(false);
  });

  it('leaves Hugging Face out of an ascending sort and says so', async () => {
    const catalog = await hfCatalog({ sources: ['huggingface', 'snapshot'] });
    const page = await catalog.listModels({ direction: 'asc', limit: 3 });
    expect(hits.get('list')).toBe(0);
    expect(page.partial).toBe(true);
    expect(page.total).toBe(515);
    expect(page.sources.find((s) => s.source === 'huggingface')).toMatchObject({ ok: false });
  });

  it('refuses a cursor that points at another host', async () => {
    const catalog = await hfCatalog();
    const first = await catalog.listModels({ limit: 2 });
    const [body, mac] = first.nextCursor!.split('.') as [string, string];
    const state = JSON.parse(Buffer.from(body, 'base64url').toString()) as { h: { u: string } };
    state.h.u = 'https://evil.example/api/models';
    const forged = `${Buffer.from(JSON.stringify(state)).toString('base64url')}.${mac}`;
    const error = await failure(catalog.listModels({ limit: 2, cursor: forged }));
    expect(error.code).toBe('INVALID_PARAMETER');
  });
});

describe('federation of Hugging Face and the store', () => {
  it('pages both sources in one order, the store copy of an id replacing the Hugging Face one', async () => {
    const { mkdtemp, mkdir, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'mlhub-fed-'));
    try {
      for (const [id, downloads] of [
        ['google/flan-t5-small', 1],
        ['lab/local-model', 250_000],
      ] as const) {
        const repo = path.join(dir, 'models', id);
        await mkdir(repo, { recursive: true });
        await writeFile(path.join(repo, 'config.json'), JSON.stringify(fixture('models/google__flan-t5-small.json').config));
        await writeFile(path.join(repo, '.mlhub.json'), JSON.stringify({ downloads }));
      }
      const catalog = await hfCatalog({ sources: ['huggingface', 'store'], storeDir: dir });
      const seen: Array<{ id: string; source: string; downloads: number }> = [];
      let cursor: string | undefined;
      do {
        const page = await catalog.listModels({ limit: 2, cursor });
        expect(page.total).toBeNull();
        seen.push(...page.items.map((m) => ({ id: m.id, source: m.source, downloads: m.downloads })));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && seen.length < 50);
      const ids = seen.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set([...LISTED.map((m) => m.id as string), 'lab/local-model']));
      expect(seen.find((s) => s.id === 'google/flan-t5-small')?.source).toBe('store');
      // One order across sources: downloads never increase along the walk.
      const downloads = seen.map((s) => s.downloads);
      expect(downloads).toEqual([...downloads].sort((a, b) => b - a));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves a cached list page, marked stale, when Hugging Face fails later', async () => {
    const catalog = await hfCatalog({ cache: { ttlMs: 0, staleTtlMs: 60_000 } });
    const fresh = await catalog.listModels({ limit: 2 });
    server.use(http.get(`${HUB}/api/models`, () => HttpResponse.json({ error: 'boom' }, { status: 502 })));
    const stale = await catalog.listModels({ limit: 2 });
    expect(stale.items).toEqual(fresh.items);
    expect(stale.partial).toBe(false);
    expect(stale.sources).toEqual([{ source: 'huggingface', ok: true, stale: true }]);
  });
});

describe('Hugging Face datasets and readiness', () => {
  it('lists datasets with their size categories, languages and benchmarks, and passes filters upstream', async () => {
    const catalog = await hfCatalog();
    const page = await catalog.listDatasets({ limit: 10 });
    expect(page.items.map((d) => d.id).sort()).toEqual(['cimec/lambada', 'openai/gsm8k']);
    const gsm8k = page.items.find((d) => d.id === 'openai/gsm8k')!;
    expect(gsm8k).toMatchObject({
      source: 'huggingface',
      languages: ['en'],
      license: 'mit',
      benchmarks: ['gsm8k'],
      sizeCategories: ['10K<n<100K'],
      gated: false,
    });
    await catalog.listDatasets({ task: 'text-generation', size: '10K<n<100K', limit: 10 });
    const asked = new URL(hits.urls.filter((u) => u.includes('/api/datasets?')).pop()!);
    expect(asked.searchParams.getAll('filter')).toEqual(['task_categories:text-generation', 'size_categories:10K<n<100K']);
  });

  it('takes task categories from the card data when the tags lack them', async () => {
    const { result } = await (await hfCatalog()).getDataset('openai/gsm8k');
    expect(result.taskCategories).toEqual(['text2text-generation']);
    expect(result.cardData.pretty_name).toBe('Grade School Math 8K');
  });

  it('reports each enabled source in readiness()', async () => {
    const catalog = await hfCatalog({ sources: ['huggingface', 'snapshot'] });
    const { checks } = await catalog.readiness();
    expect(checks.map((c) => [c.name, c.ok])).toEqual([
      ['snapshot', true],
      ['huggingface', true],
    ]);
    server.use(http.get(`${HUB}/api/models`, () => HttpResponse.json({ error: 'down' }, { status: 503 })));
    const down = (await (await hfCatalog()).readiness()).checks;
    expect(down).toEqual([{ name: 'huggingface', ok: false, detail: 'Hugging Face answered 503' }]);
  });
});
