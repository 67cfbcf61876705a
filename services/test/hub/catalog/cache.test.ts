import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../src/common/errors.js';
import { UpstreamCache } from '../../../src/hub/catalog/cache.js';

function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('UpstreamCache', () => {
  it('answers from cache while fresh, and loads again once the TTL has passed', async () => {
    const c = clock();
    const cache = new UpstreamCache({ ttlMs: 1000 }, c.now);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect((await cache.get('k', load)).value).toEqual({ n: 1 });
    c.advance(999);
    expect((await cache.get('k', load)).value).toEqual({ n: 1 });
    c.advance(2);
    expect((await cache.get('k', load)).value).toEqual({ n: 2 });
  });

  it('shares one load among identical concurrent misses, failures included', async () => {
    const cache = new UpstreamCache();
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = async () => {
      loads++;
      await gate;
      return 'answer';
    };
    const pending = Array.from({ length: 100 }, () => cache.get('same', load));
    release();
    const answers = await Promise.all(pending);
    expect(loads).toBe(1);
    expect(new Set(answers.map((a) => a.etag)).size).toBe(1);

    let failing = 0;
    const fail = async (): Promise<string> => {
      failing++;
      throw new ApiError('UPSTREAM_ERROR', 'down');
    };
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => cache.get('broken', fail)));
    expect(failing).toBe(1);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });

  it('serves a stale answer on an upstream failure, but never stands in for a 404', async () => {
    const c = clock();
    const cache = new UpstreamCache({ ttlMs: 10, staleTtlMs: 1000 }, c.now);
    await cache.get('k', async () => 'old');
    c.advance(50);
    const stale = await cache.get('k', async () => {
      throw new ApiError('UPSTREAM_TIMEOUT', 'slow');
    });
    expect(stale).toMatchObject({ value: 'old', stale: true });
    await expect(
      cache.get('k', async () => {
        throw new ApiError('NOT_FOUND', 'gone');
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(cache.stats.staleServed).toBe(1);
  });

  it('gives equal answers equal etags and different answers different ones', async () => {
    const cache = new UpstreamCache();
    const a = await cache.get('a', async () => ({ x: 1 }));
    const b = await cache.get('b', async () => ({ x: 1 }));
    const d = await cache.get('d', async () => ({ x: 2 }));
    expect(a.etag).toBe(b.etag);
    expect(a.etag).not.toBe(d.etag);
    expect(a.etag).toMatch(/^W\/".+"$/);
  });

  it('evicts the least recently used entry beyond max', async () => {
    const cache = new UpstreamCache({ max: 2 });
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load);
    await cache.get('c', load);
    await cache.get('a', load);
    expect(loads).toBe(3);
    await cache.get('b', load);
    expect(loads).toBe(4);
  });
});
