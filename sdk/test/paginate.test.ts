import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { createMlHubClient, MlHubError, paginate, paginateItems, type ListPath, type MlHubClient } from '../src/index.js';
import { modelListPage, modelSummary } from './fixtures.js';
import { failure, sendJson, startLoopback, type Loopback } from './loopback.js';

const pages: Record<string, { ids: string[]; next: string | null }> = {
  first: { ids: ['google/flan-t5-small', 'google/flan-t5-base'], next: 'c2' },
  c2: { ids: ['google/flan-t5-large', 'google-t5/t5-small'], next: 'c3' },
  c3: { ids: ['gpt2'], next: null },
};

function sendPage(res: ServerResponse, key: string, next: string | null = pages[key]?.next ?? null) {
  const ids = pages[key]?.ids ?? [];
  sendJson(res, 200, {
    ...modelListPage,
    result: ids.map(modelSummary),
    metadata: { ...modelListPage.metadata, limit: 2, total: 5, nextCursor: next },
  });
}

describe('paginate', () => {
  let hub: Loopback;
  let client: MlHubClient;
  let route: (cursor: string | null, res: ServerResponse) => void;
  const closed: string[] = [];

  beforeAll(async () => {
    hub = await startLoopback((req, res) => {
      const cursor = new URL(req.url ?? '', 'http://x').searchParams.get('cursor');
      res.on('close', () => {
        if (!res.writableFinished) closed.push(cursor ?? 'first');
      });
      route(cursor, res);
    });
    client = createMlHubClient({ baseUrl: hub.url, token: 't' });
  });
  beforeEach(() => {
    hub.seen.length = 0;
    closed.length = 0;
    route = (cursor, res) => sendPage(res, cursor ?? 'first');
  });
  afterAll(() => hub.close());

  it('follows metadata.nextCursor across 3 pages, keeping the filters on every request', async () => {
    const seenPages: string[][] = [];
    for await (const page of paginate(client, '/v3/mlhub/models', { query: { task: 'text-generation', limit: 2 } })) {
      expect(page.metadata.total).toBe(5);
      seenPages.push(page.result.map((m) => m.id));
    }
    expect(seenPages).toEqual([pages.first?.ids, pages.c2?.ids, pages.c3?.ids]);
    const queries = hub.seen.map((r) => Object.fromEntries(new URL(r.rawUrl, 'http://x').searchParams));
    expect(queries).toEqual([
      { task: 'text-generation', limit: '2' },
      { task: 'text-generation', limit: '2', cursor: 'c2' },
      { task: 'text-generation', limit: '2', cursor: 'c3' },
    ]);
  });

  it('paginateItems yields every item of every page', async () => {
    const ids: string[] = [];
    for await (const model of paginateItems(client, '/v3/mlhub/models', { query: { limit: 2 } })) ids.push(model.id);
    expect(ids).toEqual([...(pages.first?.ids ?? []), ...(pages.c2?.ids ?? []), ...(pages.c3?.ids ?? [])]);
  });

  it('stops before the next request once the signal is aborted', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const page of paginate(client, '/v3/mlhub/models', { signal: controller.signal })) {
        seen.push(...page.result.map((m) => m.id));
        controller.abort();
      }
    })();
    await expect(loop).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(pages.first?.ids);
    expect(hub.seen).toHaveLength(1);
  });

  it('aborts the request in flight, and the server sees the connection close', async () => {
    const controller = new AbortController();
    let arrived!: () => void;
    const secondPageAsked = new Promise<void>((resolve) => (arrived = resolve));
    route = (cursor, res) => {
      if (cursor === 'c2')
        arrived(); // and never answer
      else sendPage(res, cursor ?? 'first');
    };
    const loop = (async () => {
      for await (const page of paginate(client, '/v3/mlhub/models', { signal: controller.signal })) void page;
    })();
    await secondPageAsked;
    controller.abort();
    await expect(loop).rejects.toMatchObject({ name: 'AbortError' });
    await waitFor(() => closed.includes('c2'));
    expect(closed).toEqual(['c2']);
  });

  it('throws the MlHubError of a failing page after yielding the pages before it', async () => {
    route = (cursor, res) => {
      if (cursor === 'c2') sendJson(res, 503, failure('SERVICE_UNAVAILABLE', 'Hugging Face is rate limiting us'));
      else sendPage(res, cursor ?? 'first');
    };
    const seen: string[] = [];
    const loop = (async () => {
      for await (const page of paginate(client, '/v3/mlhub/models')) seen.push(...page.result.map((m) => m.id));
    })();
    await expect(loop).rejects.toBeInstanceOf(MlHubError);
    await expect(loop).rejects.toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(seen).toEqual(pages.first?.ids);
  });

  it('refuses to loop when the hub hands back a cursor it already gave', async () => {
    route = (cursor, res) => sendPage(res, cursor ?? 'first', 'c2');
    const loop = (async () => {
      for await (const page of paginate(client, '/v3/mlhub/models')) void page;
    })();
    await expect(loop).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(hub.seen).toHaveLength(2);
  });

  it('starts from a given cursor and stops after maxPages', async () => {
    const ids: string[] = [];
    for await (const page of paginate(client, '/v3/mlhub/models', { cursor: 'c2', maxPages: 1 })) {
      ids.push(...page.result.map((m) => m.id));
    }
    expect(ids).toEqual(pages.c2?.ids);
    expect(hub.seen).toHaveLength(1);
  });
});

// Type-level: exactly the cursor-paged lists are accepted (checked by `tsc -b`, which covers tests).
export const cursorPagedLists: ListPath[] = ['/v3/mlhub/models', '/v3/mlhub/datasets', '/v3/mlhub/inference/servers'];
// @ts-expect-error: one model is not a list
export const notAList: ListPath = '/v3/mlhub/models/{modelId}';
// @ts-expect-error: the frozen legacy lists are keyed objects without cursors
export const legacyList: ListPath = '/v3/ml-hub/models';

/** Polls a condition the server side sets asynchronously (socket close events). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
