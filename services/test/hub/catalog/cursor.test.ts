import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { CursorSeal, ensureCursorKey } from '../../../src/hub/catalog/cursor.js';
import { failure, hfTestbed, HUB, LISTED } from './hf-fixtures.js';

const KEY = Buffer.alloc(32, 7);
const { hits, server, hfCatalog } = hfTestbed({ cursorKey: KEY });

type State = { q: string; l: unknown; k: unknown; h: Record<string, unknown> | null };
const bodyOf = (cursor: string): State => JSON.parse(Buffer.from(cursor.split('.')[0]!, 'base64url').toString()) as State;
const withBody = (cursor: string, state: unknown): string =>
  `${Buffer.from(JSON.stringify(state)).toString('base64url')}.${cursor.split('.')[1]!}`;

describe('list cursors are tamper-proof', () => {
  it('refuses a cursor whose body was edited (an upstream URL planted in it) without calling upstream', async () => {
    const catalog = await hfCatalog();
    const first = await catalog.listModels({ limit: 2 });
    const state = bodyOf(first.nextCursor!);
    state.h = { u: `${HUB}/api/../google/gemma-3-270m-it/resolve/main/config.json`, s: 0 };
    const before = hits.urls.length;
    const error = await failure(catalog.listModels({ limit: 2, cursor: withBody(first.nextCursor!, state) }));
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(error.details).toEqual({ parameter: 'cursor' });
    expect(hits.urls.length).toBe(before);
  });

  it('refuses a cursor sealed with another key (another hub, or a guessed key)', async () => {
    const theirs = await hfCatalog({ cursorKey: Buffer.alloc(32, 1) });
    const cursor = (await theirs.listModels({ limit: 2 })).nextCursor!;
    const ours = await hfCatalog();
    const before = hits.urls.length;
    const error = await failure(ours.listModels({ limit: 2, cursor }));
    expect(error.message).toBe("Invalid parameter 'cursor': it is not a cursor this hub wrote");
    expect(hits.urls.length).toBe(before);
  });

  it('refuses a genuine cursor of another query without calling upstream', async () => {
    const catalog = await hfCatalog();
    const cursor = (await catalog.listModels({ limit: 2 })).nextCursor!;
    const before = hits.urls.length;
    const error = await failure(catalog.listModels({ limit: 2, sort: 'likes', cursor }));
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(error.message).toContain('another query');
    expect(hits.urls.length).toBe(before);
  });

  it('refuses a correctly signed cursor whose upstream offset is negative (the offsets are checked, not only the seal)', async () => {
    const catalog = await hfCatalog();
    const cursor = (await catalog.listModels({ limit: 2 })).nextCursor!;
    const seal = new CursorSeal(KEY);
    const state = bodyOf(cursor);
    const forged = seal.seal({ ...state, h: { c: null, s: -1 } } as never);
    const error = await failure(catalog.listModels({ limit: 2, cursor: forged }));
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(error.statusCode).toBe(400);
    expect(error.details).toEqual({ parameter: 'cursor' });
    expect(error.message).toContain('offset');
  });

  it('keeps only the page token of an upstream Link: the next URL is rebuilt from the query', async () => {
    server.use(
      http.get(`${HUB}/api/models`, ({ request }) => {
        hits.hit('list', request.url);
        const from = Number(new URL(request.url).searchParams.get('cursor') ?? '0');
        const headers: Record<string, string> = {};
        // An upstream (or a man in the middle) asking for a bigger page and another filter: ignored.
        if (from === 0) headers.Link = `<${HUB}/api/models?limit=100000&search=evil&cursor=3>; rel="next"`;
        return HttpResponse.json(LISTED.slice(from, from + 3), { headers });
      }),
    );
    const catalog = await hfCatalog();
    const first = await catalog.listModels({ limit: 3 });
    await catalog.listModels({ limit: 3, cursor: first.nextCursor! });
    const second = new URL(hits.urls[1]!);
    expect(second.pathname).toBe('/api/models');
    expect(second.searchParams.get('cursor')).toBe('3');
    expect(second.searchParams.get('limit')).toBe('100');
    expect(second.searchParams.get('search')).toBeNull();
  });

  it('does not follow an upstream Link to another path: the list ends there', async () => {
    server.use(
      http.get(`${HUB}/api/models`, ({ request }) => {
        hits.hit('list', request.url);
        return HttpResponse.json(LISTED.slice(0, 3), { headers: { Link: `<${HUB}/api/../api/datasets?cursor=3>; rel="next"` } });
      }),
    );
    const catalog = await hfCatalog();
    const first = await catalog.listModels({ limit: 3 });
    const rest = await catalog.listModels({ limit: 3, cursor: first.nextCursor! });
    expect(first.items).toHaveLength(3);
    expect(rest.items).toEqual([]);
    expect(rest.nextCursor).toBeNull();
    expect(hits.get('dataset-list')).toBe(0);
  });
});

describe('the cursor key', () => {
  it('is made once in the data folder, mode 0600, and lets a restarted hub read its cursors', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mlhub-cursor-'));
    try {
      const file = path.join(dir, 'hub', 'cursor.key');
      const key = ensureCursorKey(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(ensureCursorKey(file).equals(key)).toBe(true);
      const before = await hfCatalog({ cursorKey: key });
      const cursor = (await before.listModels({ limit: 2 })).nextCursor!;
      const after = await hfCatalog({ cursorKey: ensureCursorKey(file) });
      const page = await after.listModels({ limit: 2, cursor });
      expect(page.items.map((m) => m.id)).toEqual(LISTED.slice(2, 4).map((m) => m.id));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
