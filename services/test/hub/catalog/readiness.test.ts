import { describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { servedInPlace } from '../../../src/hub/legacy/adapters.js';
import { hfTestbed, HUB } from './hf-fixtures.js';

const { hits, server, hfCatalog } = hfTestbed();

const down = () => server.use(http.get(`${HUB}/api/models`, () => HttpResponse.json({ error: 'down' }, { status: 503 })));

describe('readiness says whether this hub can serve', () => {
  it('stays ready while Hugging Face fails and the snapshot answers, listing Hugging Face as failing', async () => {
    down();
    const readiness = await (await hfCatalog({ sources: ['huggingface', 'snapshot'] })).readiness();
    expect(readiness.ready).toBe(true);
    expect(readiness.checks).toEqual([
      expect.objectContaining({ name: 'snapshot', ok: true }),
      { name: 'huggingface', ok: false, detail: 'Hugging Face answered 503' },
    ]);
  });

  it('is not ready when Hugging Face is the only source, fails, and nothing is cached', async () => {
    down();
    expect((await (await hfCatalog()).readiness()).ready).toBe(false);
  });

  it('is ready on Hugging Face answers it has cached while Hugging Face fails', async () => {
    const catalog = await hfCatalog();
    await catalog.getModel('google/flan-t5-small');
    down();
    const readiness = await catalog.readiness();
    expect(readiness.ready).toBe(true);
    expect(readiness.checks).toEqual([{ name: 'huggingface', ok: false, detail: 'Hugging Face answered 503' }]);
  });
});

describe('health reports each source as last seen, without calling upstream', () => {
  it('makes no upstream call, and shows the failure of the last one', async () => {
    const catalog = await hfCatalog({ sources: ['huggingface', 'snapshot'] });
    expect(await catalog.health()).toEqual([
      expect.objectContaining({ name: 'snapshot', ok: true }),
      { name: 'huggingface', ok: true, detail: `${HUB} (not called yet)` },
    ]);
    expect(hits.urls).toEqual([]);
    server.use(http.get(`${HUB}/api/models/:owner/:name/revision/:rev`, () => HttpResponse.json({ error: 'boom' }, { status: 500 })));
    await catalog.getModel('google/flan-t5-small');
    const before = hits.urls.length;
    expect((await catalog.health()).find((c) => c.name === 'huggingface')).toEqual({
      name: 'huggingface',
      ok: false,
      detail: 'Hugging Face answered 500',
    });
    expect(hits.urls.length).toBe(before);
  });
});

describe('an answer served in place of a failed source says so', () => {
  it('marks a detail the snapshot answers because Hugging Face failed as stale', async () => {
    server.use(http.get(`${HUB}/api/models/:owner/:name/revision/:rev`, () => HttpResponse.json({ error: 'boom' }, { status: 500 })));
    const found = await (await hfCatalog({ sources: ['huggingface', 'snapshot'] })).getModel('google/flan-t5-small');
    expect(found).toMatchObject({ source: 'snapshot', stale: true });
  });

  it('does not mark a detail stale when Hugging Face answered that it does not know the id', async () => {
    server.use(
      http.get(`${HUB}/api/models/:owner/:name/revision/:rev`, () => HttpResponse.json({ error: 'Repository not found' }, { status: 404 })),
    );
    const found = await (await hfCatalog({ sources: ['huggingface', 'snapshot'] })).getModel('google/flan-t5-small');
    expect(found).toMatchObject({ source: 'snapshot', stale: false });
  });

  it('tells the legacy routes when to set X-MLHub-Stale: a stale item, a partial list, a stale or failed source', () => {
    expect(servedInPlace({ stale: false }, { partial: false, sources: [{ source: 'snapshot', ok: true }] })).toBe(false);
    expect(servedInPlace({ stale: false }, { stale: true })).toBe(true);
    expect(servedInPlace({ partial: true, sources: [] })).toBe(true);
    expect(servedInPlace({ partial: false, sources: [{ source: 'huggingface', ok: true, stale: true }] })).toBe(true);
    expect(servedInPlace({ sources: [{ source: 'huggingface', ok: false, error: 'down' }] })).toBe(true);
  });
});
