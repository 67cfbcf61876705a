import { describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { ApiError } from '../../../src/common/errors.js';
import { AnswerMemo } from '../../../src/hub/catalog/answer-memo.js';
import { UpstreamCache } from '../../../src/hub/catalog/cache.js';
import { failure, fixture, hfTestbed, HUB } from './hf-fixtures.js';

const INFO = `${HUB}/api/models/google/flan-t5-small/revision/:rev`;
const FLAN = fixture('models/google__flan-t5-small.json');
const { hits, server, hfCatalog } = hfTestbed();

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** An info handler answering `answer()` and counting its calls. */
function countedInfo(answer: () => Response | Promise<Response>): { calls: () => number } {
  let calls = 0;
  server.use(
    http.get(INFO, async () => {
      calls++;
      return answer();
    }),
  );
  return { calls: () => calls };
}

describe('failures are remembered, and single flight holds while failing', () => {
  it('100 concurrent requests during a 500 make one upstream call, and so do 100 after them', async () => {
    const c = clock();
    const upstream = countedInfo(() => HttpResponse.json({ error: 'boom' }, { status: 500 }));
    const catalog = await hfCatalog({ now: c.now, cache: { failureTtlMs: 10_000 } });
    const concurrent = await Promise.allSettled(Array.from({ length: 100 }, () => catalog.getModel('google/flan-t5-small')));
    expect(concurrent.every((r) => r.status === 'rejected' && (r.reason as ApiError).code === 'UPSTREAM_ERROR')).toBe(true);
    expect(upstream.calls()).toBe(1);
    for (let i = 0; i < 100; i++) expect((await failure(catalog.getModel('google/flan-t5-small'))).statusCode).toBe(502);
    expect(upstream.calls()).toBe(1);
    c.advance(10_001);
    await failure(catalog.getModel('google/flan-t5-small'));
    expect(upstream.calls()).toBe(2);
  });

  it("honours a 429's Retry-After: 100 requests on an expired key are answered stale with one upstream call until it passes", async () => {
    const c = clock();
    let limited = false;
    const upstream = countedInfo(() =>
      limited ? HttpResponse.json({ error: 'quota' }, { status: 429, headers: { 'Retry-After': '30' } }) : HttpResponse.json(FLAN),
    );
    // No failure memory configured: the Retry-After alone keeps the hub from calling.
    const catalog = await hfCatalog({ now: c.now, cache: { ttlMs: 1000, failureTtlMs: 0 } });
    await catalog.getModel('google/flan-t5-small');
    limited = true;
    c.advance(2000);
    for (let i = 0; i < 100; i++) expect((await catalog.getModel('google/flan-t5-small')).stale).toBe(true);
    expect(upstream.calls()).toBe(2);
    c.advance(29_000);
    await catalog.getModel('google/flan-t5-small');
    expect(upstream.calls()).toBe(2);
    c.advance(2000);
    limited = false;
    const fresh = await catalog.getModel('google/flan-t5-small');
    expect(upstream.calls()).toBe(3);
    expect(fresh.stale).toBe(false);
  });

  it('answers a cold key during a 429 with 503 and Retry-After, from memory after the first call', async () => {
    const upstream = countedInfo(() => HttpResponse.json({ error: 'quota' }, { status: 429, headers: { 'Retry-After': '17' } }));
    const catalog = await hfCatalog();
    for (let i = 0; i < 10; i++) {
      const error = await failure(catalog.getModel('google/flan-t5-small'));
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.headers['Retry-After']).toBe('17');
    }
    expect(upstream.calls()).toBe(1);
  });
});

describe('stale answers while a refresh runs', () => {
  it('answers other requests at once with the older answer, marked stale, while one refresh is under way', async () => {
    const c = clock();
    let release!: () => void;
    let hang = false;
    const upstream = countedInfo(async () => {
      if (hang) await new Promise<void>((r) => (release = r));
      return HttpResponse.json(FLAN);
    });
    const catalog = await hfCatalog({ now: c.now, cache: { ttlMs: 1000 } });
    const first = await catalog.getModel('google/flan-t5-small');
    hang = true;
    c.advance(2000);
    let refreshed = false;
    const refreshing = catalog.getModel('google/flan-t5-small').then((a) => ((refreshed = true), a));
    while (upstream.calls() < 2) await new Promise((r) => setImmediate(r));
    const others = await Promise.all(Array.from({ length: 20 }, () => catalog.getModel('google/flan-t5-small')));
    expect(refreshed).toBe(false);
    expect(others.every((a) => a.stale && a.result.id === first.result.id)).toBe(true);
    expect(upstream.calls()).toBe(2);
    release();
    expect((await refreshing).stale).toBe(false);
  });
});

describe('one request, one upstream time budget', () => {
  it('a card whose details spent the whole budget makes no README call and answers 504', async () => {
    const c = clock();
    server.use(
      http.get(INFO, () => {
        c.advance(5000);
        return HttpResponse.json(FLAN);
      }),
    );
    const catalog = await hfCatalog({ now: c.now });
    const error = await failure(catalog.getModelCard('google/flan-t5-small'));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.statusCode).toBe(504);
    expect(hits.get('readme')).toBe(0);
  });

  it('the files of a model share the budget the same way (no tree call once it is spent)', async () => {
    const c = clock();
    server.use(
      http.get(INFO, () => {
        c.advance(5000);
        return HttpResponse.json(FLAN);
      }),
    );
    const catalog = await hfCatalog({ now: c.now });
    expect((await failure(catalog.listModelFiles('google/flan-t5-small'))).code).toBe('UPSTREAM_TIMEOUT');
    expect(hits.get('tree')).toBe(0);
  });
});

describe('what is read from upstream is capped', () => {
  const big = { ...FLAN, padding: 'x'.repeat(4096) };

  it('refuses a body declared over the cap with 502 and a clear message', async () => {
    server.use(http.get(INFO, () => HttpResponse.json(big)));
    const catalog = await hfCatalog({ huggingface: { maxBodyBytes: 2048 } });
    const error = await failure(catalog.getModel('google/flan-t5-small'));
    expect(error.statusCode).toBe(502);
    expect(error.message).toContain('more than 2048 bytes');
  });

  it('refuses a streamed body (no Content-Length) once it passes the cap', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(big));
    server.use(
      http.get(
        INFO,
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                for (let i = 0; i < bytes.length; i += 512) controller.enqueue(bytes.slice(i, i + 512));
                controller.close();
              },
            }),
            { headers: { 'Content-Type': 'application/json' } },
          ),
      ),
    );
    const catalog = await hfCatalog({ huggingface: { maxBodyBytes: 2048 } });
    const error = await failure(catalog.getModel('google/flan-t5-small'));
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toContain('more than 2048 bytes');
  });
});

describe('the upstream cache is bounded in bytes', () => {
  it('never holds more than maxBytes, whatever the number of distinct keys', async () => {
    const cache = new UpstreamCache({ maxBytes: 10_000 });
    let max = 0;
    for (let i = 0; i < 2000; i++) {
      await cache.get(`page:${i}`, async () => ({ i, items: 'y'.repeat(200 + (i % 300)) }));
      max = Math.max(max, cache.bytes);
    }
    expect(max).toBeLessThanOrEqual(10_000);
    expect(cache.bytes).toBeGreaterThan(5_000);
  });

  it('holds the remembered local answers within their byte bound too', async () => {
    const memo = new AnswerMemo(100_000, 20_000);
    let max = 0;
    for (let i = 0; i < 2000; i++) {
      await memo.answer(`list:${i}`, null, async () => ({ i, items: 'z'.repeat(300) }));
      max = Math.max(max, memo.bytes);
    }
    expect(max).toBeLessThanOrEqual(20_000);
    expect(memo.bytes).toBeGreaterThan(10_000);
  });
});
