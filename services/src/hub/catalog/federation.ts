import { createHash } from 'node:crypto';
import { isApiError } from '../../common/errors.js';
import type { Cached } from './cache.js';
import type { CursorSeal, UpstreamPosition } from './cursor.js';
import { matches } from './query/fields.js';
import type { CatalogIndex, FieldExtractor, IndexQuery, Selection } from './search-index.js';
import { comparePositions, positionOf, type Sortable, type SortPosition } from './query/sort.js';
import type { Direction, SortKey, SourceName, SourceStatus } from './types.js';

/** Upper bound of upstream pages one list call reads (post-filtering may reject whole pages). */
const MAX_UPSTREAM_PAGES = 5;

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
}

export interface LocalSource<S> {
  name: 'store' | 'snapshot';
  index: CatalogIndex<S & Sortable>;
}

export interface RemoteSource<S> {
  name: 'huggingface';
  /** Whether the upstream can answer this query (Hugging Face lists only in descending order). */
  available: boolean;
  /** Why it is not available. */
  unsupported?: string;
  /** The upstream page after page token `cursor` (null: the first page); `next` is the following page's token. */
  page(cursor: string | null): Promise<Cached<{ items: S[]; next: string | null }>>;
}

export interface FederatedQuery<S> {
  query: IndexQuery;
  fields: Record<string, FieldExtractor<S>>;
  sort: SortKey;
  direction: Direction;
  limit: number;
  cursor: string | undefined;
  /** Signs the cursors this page writes and checks the one it was given. */
  seal: CursorSeal;
  /** Identity of the query for the cursor check (filters, sort, direction, sources). */
  identity: unknown;
  store: LocalSource<S> | null;
  snapshot: LocalSource<S> | null;
  remote: RemoteSource<S> | null;
  /** Sources that were asked for but could not take part (a store folder that is gone), with why. */
  failed: SourceStatus[];
}

export interface FederatedPage<S> {
  items: S[];
  total: number | null;
  nextCursor: string | null;
  partial: boolean;
  sources: SourceStatus[];
}

interface Stream<S> {
  name: SourceName;
  head(): Promise<S | undefined>;
  take(): void;
  done(): boolean;
}

function arrayStream<S>(name: SourceName, items: S[], exhausted: boolean): Stream<S> & { consumed(): number } {
  let i = 0;
  return {
    name,
    head: async () => items[i],
    take: () => void i++,
    done: () => exhausted && i >= items.length,
    consumed: () => i,
  };
}

/**
 * One page of a query over the enabled sources: each local source answers from its index after the cursor's
 * position, Hugging Face from its upstream page and offset, and a k-way merge on the shared order
 * (`comparePositions`) takes `limit` items. Ids are unique across sources: store ids shadow every other
 * source; the snapshot (an offline copy of Hugging Face) is listed only when Hugging Face is not answering.
 */
export async function federatedPage<S extends Sortable>(q: FederatedQuery<S>): Promise<FederatedPage<S>> {
  const fp = fingerprint(q.identity);
  const state = q.cursor ? q.seal.open(q.cursor, fp) : null;
  const sources: SourceStatus[] = [...q.failed];
  let partial = q.failed.length > 0;
  const storeIds = new Set<string>(q.store ? q.store.index.docs.map((d) => d.id) : []);

  // Hugging Face first: whether it answers decides whether the snapshot stands in.
  let remoteStream: (Stream<S> & { position(): UpstreamPosition | null }) | null = null;
  let remoteAnswering = false;
  if (q.remote) {
    const remote = q.remote;
    if (!remote.available) {
      sources.push({ source: 'huggingface', ok: false, error: remote.unsupported ?? 'Hugging Face cannot answer this query' });
      partial = true;
    } else {
      const start = state ? state.h : { c: null, s: 0 };
      const status: SourceStatus = { source: 'huggingface', ok: true };
      sources.push(status);
      remoteStream = upstreamStream(remote, start, q, storeIds, status);
      try {
        await remoteStream.head();
        remoteAnswering = status.ok;
      } catch (error) {
        // A forged cursor is the client's mistake, not a failing source.
        if (isApiError(error) && error.code === 'INVALID_PARAMETER') throw error;
        status.ok = false;
        status.error = error instanceof Error ? error.message : String(error);
        partial = true;
        remoteStream = null;
      }
    }
  }

  const selections = new Map<string, Selection>();
  const locals: Array<Stream<S> & { consumed(): number }> = [];
  let total: number | null = q.remote?.available ? null : 0;
  if (q.store) {
    const selection = q.store.index.select(q.query);
    selections.set('store', selection);
    const page = q.store.index.page(selection, q.sort, q.direction, state?.l ?? null, q.limit);
    locals.push(arrayStream('store', page.items, page.exhausted));
    sources.push({ source: 'store', ok: true });
    if (total !== null) total += selection.count;
  }
  if (q.snapshot) {
    sources.push({ source: 'snapshot', ok: true });
    if (!remoteAnswering) {
      const selection = q.snapshot.index.select(q.query);
      const page = q.snapshot.index.page(selection, q.sort, q.direction, state?.k ?? null, q.limit, storeIds);
      locals.push(arrayStream('snapshot', page.items, page.exhausted));
      if (total !== null) total += selection.count - q.snapshot.index.countIds(selection, storeIds);
    }
  }

  const streams: Stream<S>[] = [...locals, ...(remoteStream ? [remoteStream] : [])];
  const items: S[] = [];
  let lastLocal = state?.l ?? null;
  let last = state?.k ?? null;
  while (items.length < q.limit) {
    let best: { stream: Stream<S>; item: S; pos: SortPosition } | null = null;
    let blocked = false;
    for (const stream of streams) {
      let item: S | undefined;
      try {
        item = await stream.head();
      } catch {
        // An upstream page failing mid-merge: stop here; the cursor resumes at the same upstream position.
        partial = true;
        blocked = true;
        break;
      }
      if (item === undefined) {
        if (!stream.done()) blocked = true;
        continue;
      }
      const pos = positionOf(item, q.sort);
      if (!best || comparePositions(pos, best.pos, q.direction) < 0) best = { stream, item, pos };
    }
    if (blocked || !best) break;
    best.stream.take();
    items.push(best.item);
    last = best.pos;
    if (best.stream.name !== 'huggingface') lastLocal = best.pos;
  }

  const finished = streams.every((s) => s.done());
  const nextCursor = finished
    ? null
    : q.seal.seal({
        q: fp,
        l: lastLocal,
        k: last,
        h: remoteStream ? remoteStream.position() : (state?.h ?? (q.remote?.available ? { c: null, s: 0 } : null)),
      });
  return { items, total, nextCursor, partial, sources };
}

/** Hugging Face's list as a stream from (page URL, offset): reads upstream pages lazily, filters them locally. */
function upstreamStream<S extends Sortable>(
  remote: RemoteSource<S>,
  start: UpstreamPosition | null,
  q: FederatedQuery<S>,
  storeIds: ReadonlySet<string>,
  status: SourceStatus,
): Stream<S> & { position(): UpstreamPosition | null } {
  // `done` is the end of the upstream list; `token` the page being read (null: the first page).
  let done = start === null;
  let token: string | null = start?.c ?? null;
  let offset = start?.s ?? 0;
  let page: { items: S[]; next: string | null } | null = null;
  let reads = 0;
  const seen = new Set<string>();
  const accepts = (item: S): boolean => !storeIds.has(item.id) && !seen.has(item.id) && matches(item, q.query, q.fields);

  const advance = async (): Promise<void> => {
    for (;;) {
      if (done) return;
      if (!page) {
        if (reads >= MAX_UPSTREAM_PAGES) return;
        reads++;
        let cached;
        try {
          cached = await remote.page(token);
        } catch (error) {
          status.ok = false;
          status.error = error instanceof Error ? error.message : String(error);
          throw error;
        }
        if (cached.stale) status.stale = true;
        page = cached.value;
      }
      while (offset < page.items.length && !accepts(page.items[offset]!)) offset++;
      if (offset < page.items.length) return;
      if (page.next === null) done = true;
      token = page.next;
      offset = 0;
      page = null;
    }
  };

  return {
    name: 'huggingface',
    async head() {
      await advance();
      return page && !done ? page.items[offset] : undefined;
    },
    take() {
      if (page) {
        seen.add(page.items[offset]!.id);
        offset++;
      }
    },
    done: () => done,
    position: () => (done ? null : { c: token, s: offset }),
  };
}
