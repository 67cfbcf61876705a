import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ApiError, isApiError } from '../../common/errors.js';
import type { CacheConfig } from './types.js';

/** A weak entity tag of a JSON-able value, the form the routes compare in `If-None-Match`. */
export function etagOf(value: unknown): string {
  return tagOfJson(JSON.stringify(value) ?? '');
}

function tagOfJson(json: string): string {
  return `W/"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
}

export interface Cached<T> {
  value: T;
  etag: string;
  /** Not a fresh upstream answer: an older one, because the upstream failed or a refresh of it is under way. */
  stale: boolean;
}

interface Entry {
  value: unknown;
  etag: string;
  fetchedAt: number;
  /** Bytes of the value's JSON form: what the byte bound counts. */
  bytes: number;
}

interface Failure {
  error: unknown;
  until: number;
}

interface CacheStats {
  hits: number;
  misses: number;
  /** Loads started (a shared in-flight load counts once). */
  loads: number;
  staleServed: number;
}

const CACHE_DEFAULTS = {
  maxBytes: 64 * 1024 * 1024,
  ttlMs: 5 * 60_000,
  staleTtlMs: 60 * 60_000,
  failureTtlMs: 0,
} as const;

/** Longest a `Retry-After` is honoured for; a longer one is the upstream's business, not a reason to go dark. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;
/** Failures remembered at most (each is a key and an error object, a few hundred bytes). */
const MAX_FAILURES = 10_000;

/** Upstream failures an older answer may stand in for; a 404 or a bad request is an answer, not a failure. */
export function isUpstreamFailure(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.code === 'UPSTREAM_ERROR' || error.code === 'UPSTREAM_TIMEOUT' || error.code === 'SERVICE_UNAVAILABLE';
}

/**
 * The one cache of upstream (Hugging Face) answers, bounded in bytes. Fresh for `ttlMs`; then kept up to
 * `staleTtlMs` to stand in when the upstream fails. Identical concurrent loads share one upstream call
 * (single flight), failing ones included, and a failure is remembered for `failureTtlMs` (a 429 for its
 * `Retry-After`), so a failing upstream sees one call per key per that time, not one per request. While a
 * refresh of an expired entry runs, other requests for it get the older answer at once.
 */
export class UpstreamCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, loads: 0, staleServed: 0 };
  private readonly lru: LRUCache<string, Entry>;
  private readonly failures: LRUCache<string, Failure>;
  private readonly inflight = new Map<string, Promise<Cached<unknown>>>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;

  constructor(
    config: CacheConfig = {},
    private readonly now: () => number = Date.now,
  ) {
    this.ttlMs = config.ttlMs ?? CACHE_DEFAULTS.ttlMs;
    this.failureTtlMs = config.failureTtlMs ?? CACHE_DEFAULTS.failureTtlMs;
    const staleTtl = Math.max(config.staleTtlMs ?? CACHE_DEFAULTS.staleTtlMs, this.ttlMs);
    this.lru = new LRUCache<string, Entry>({
      maxSize: config.maxBytes ?? CACHE_DEFAULTS.maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      ...(config.max ? { max: config.max } : {}),
      ttl: staleTtl,
      ttlAutopurge: false,
      perf: { now },
    });
    this.failures = new LRUCache<string, Failure>({ max: MAX_FAILURES });
  }

  /** Bytes held (the JSON size of the values), never over `maxBytes`. */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    const entry = this.lru.get(key);
    if (entry && this.now() - entry.fetchedAt < this.ttlMs) {
      this.stats.hits++;
      return this.answer<T>(entry, false);
    }
    this.stats.misses++;
    const failure = this.failures.get(key);
    if (failure && failure.until > this.now()) {
      if (entry) return this.staleAnswer<T>(entry);
      throw failure.error;
    }
    const running = this.inflight.get(key);
    // Someone is refreshing this entry: the older answer now beats waiting for it.
    if (running && entry) return this.staleAnswer<T>(entry);
    if (running) return (await running) as Cached<T>;
    const promise = this.load(key, load);
    this.inflight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inflight.delete(key);
    }
  }

  /** Waits for the loads under way (so a closing catalog leaves nothing running), then forgets everything. */
  async clear(): Promise<void> {
    await Promise.allSettled([...this.inflight.values()]);
    this.lru.clear();
    this.failures.clear();
  }

  private answer<T>(entry: Entry, stale: boolean): Cached<T> {
    return { value: entry.value as T, etag: entry.etag, stale };
  }

  private staleAnswer<T>(entry: Entry): Cached<T> {
    this.stats.staleServed++;
    return this.answer<T>(entry, true);
  }

  private async load<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    this.stats.loads++;
    try {
      const value = await load();
      const json = JSON.stringify(value) ?? '';
      const entry: Entry = { value, etag: tagOfJson(json), fetchedAt: this.now(), bytes: Buffer.byteLength(json) };
      this.lru.set(key, entry);
      this.failures.delete(key);
      return this.answer<T>(entry, false);
    } catch (error) {
      if (!isUpstreamFailure(error)) throw error;
      this.remember(key, error);
      const old = this.lru.get(key, { allowStale: true });
      if (old) return this.staleAnswer<T>(old);
      throw error;
    }
  }

  private remember(key: string, error: unknown): void {
    const retryAfter = isApiError(error) ? retryAfterMs(error) : null;
    const ms = retryAfter ?? this.failureTtlMs;
    if (ms > 0) this.failures.set(key, { error, until: this.now() + ms });
  }
}

function retryAfterMs(error: ApiError): number | null {
  const seconds = error.details?.['retryAfter'];
  return typeof seconds === 'number' && seconds > 0 ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : null;
}
