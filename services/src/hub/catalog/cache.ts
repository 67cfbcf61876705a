import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { isApiError } from '../../common/errors.js';
import type { CacheConfig } from './types.js';

/** A weak entity tag of a JSON-able value, the form the routes compare in `If-None-Match`. */
export function etagOf(value: unknown): string {
  return `W/"${createHash('sha256').update(JSON.stringify(value) ?? '').digest('base64url').slice(0, 27)}"`;
}

export interface Cached<T> {
  value: T;
  etag: string;
  /** The upstream failed and this is an older answer. */
  stale: boolean;
  /** Epoch ms the value was fetched. */
  fetchedAt: number;
}

interface Entry {
  value: unknown;
  etag: string;
  fetchedAt: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Loads started (a shared in-flight load counts once). */
  loads: number;
  staleServed: number;
}

/** Upstream failures an older answer may stand in for; a 404 or a bad request is an answer, not a failure. */
export function isUpstreamFailure(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.code === 'UPSTREAM_ERROR' || error.code === 'UPSTREAM_TIMEOUT' || error.code === 'SERVICE_UNAVAILABLE';
}

/**
 * LRU + TTL cache of upstream answers. Identical concurrent misses share one load (single-flight); an entry
 * past its freshness is kept up to `staleTtlMs` to stand in when the upstream fails.
 */
export class UpstreamCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, loads: 0, staleServed: 0 };
  private readonly lru: LRUCache<string, Entry>;
  private readonly inflight = new Map<string, Promise<Cached<unknown>>>();
  private readonly ttlMs: number;

  constructor(config: CacheConfig = {}, private readonly now: () => number = Date.now) {
    this.ttlMs = config.ttlMs ?? 5 * 60_000;
    const staleTtl = Math.max(config.staleTtlMs ?? 60 * 60_000, this.ttlMs);
    this.lru = new LRUCache<string, Entry>({ max: config.max ?? 5000, ttl: staleTtl, ttlAutopurge: false });
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    const entry = this.lru.get(key);
    if (entry && this.now() - entry.fetchedAt < this.ttlMs) {
      this.stats.hits++;
      return { value: entry.value as T, etag: entry.etag, stale: false, fetchedAt: entry.fetchedAt };
    }
    this.stats.misses++;
    const running = this.inflight.get(key);
    if (running) return (await running) as Cached<T>;
    const promise = this.load(key, load);
    this.inflight.set(key, promise);
    try {
      return (await promise) as Cached<T>;
    } finally {
      this.inflight.delete(key);
    }
  }

  /** Drops an entry (a source learned the answer changed). */
  delete(key: string): void {
    this.lru.delete(key);
  }

  clear(): void {
    this.lru.clear();
  }

  private async load<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    this.stats.loads++;
    try {
      const value = await load();
      const entry: Entry = { value, etag: etagOf(value), fetchedAt: this.now() };
      this.lru.set(key, entry);
      return { value, etag: entry.etag, stale: false, fetchedAt: entry.fetchedAt };
    } catch (error) {
      const old = this.lru.get(key, { allowStale: true });
      if (old && isUpstreamFailure(error)) {
        this.stats.staleServed++;
        return { value: old.value as T, etag: old.etag, stale: true, fetchedAt: old.fetchedAt };
      }
      throw error;
    }
  }
}
