import { ApiError } from '../../common/errors.js';
import { etagOf } from './cache.js';
import { inPlay, storeFailure, type CatalogContext, type KindState } from './context.js';
import { federatedPage, type LocalSource, type RemoteSource } from './federation.js';
import type { Shapes } from './kinds.js';
import type { CatalogIndex } from './search-index.js';
import { SORT_KEYS, type Direction, type ListPage, type Paging, type SortKey, type SourceName, type SourceStatus } from './types.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'limit': must be an integer from 1 to ${MAX_LIMIT}`, {
      parameter: 'limit',
      minimum: 1,
      maximum: MAX_LIMIT,
    });
  }
  return limit;
}

function isSortKey(sort: string): sort is SortKey {
  return (SORT_KEYS as readonly string[]).includes(sort);
}

function checkSort(sort: string | undefined): SortKey {
  if (sort === undefined) return 'downloads';
  if (!isSortKey(sort)) {
    throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'sort': must be one of ${SORT_KEYS.join(', ')}`, {
      parameter: 'sort',
      allowed: [...SORT_KEYS],
    });
  }
  return sort;
}

function checkDirection(direction: string | undefined): Direction {
  if (direction === undefined) return 'desc';
  if (direction !== 'asc' && direction !== 'desc') {
    throw new ApiError('INVALID_PARAMETER', "Invalid parameter 'direction': must be one of asc, desc", {
      parameter: 'direction',
      allowed: ['asc', 'desc'],
    });
  }
  return direction;
}

const PAGING_KEYS: ReadonlySet<string> = new Set(['sort', 'direction', 'limit', 'cursor']);

/** The filter part of a query, without paging keys or empty values, in a stable key order (the cursor's identity). */
export function filtersOf<F extends object>(query: F): F {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (PAGING_KEYS.has(key)) continue;
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) out[key] = value;
  }
  return out as F;
}

/**
 * One list page over the sources in play. Answers of the local sources only are remembered per store version
 * (`AnswerMemo`); Hugging Face's pages keep their own cache, and a store that cannot be read is asked again next time.
 */
export async function listPage<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  query: T['filters'] & Paging,
): Promise<ListPage<T['summary']>> {
  const { table } = state;
  const limit = checkLimit(query.limit);
  const sort = checkSort(query.sort);
  const direction = checkDirection(query.direction);
  const filters = filtersOf(query);
  const sources: SourceName[] = inPlay(ctx, filters.source);
  const failed: SourceStatus[] = [];
  let store: LocalSource<T['summary']> | null = null;
  let storeIndex: CatalogIndex<T['summary']> | null = null;
  if (sources.includes('store')) {
    try {
      storeIndex = await state.storeIndex();
      store = { name: 'store', index: storeIndex };
    } catch (error) {
      failed.push(storeFailure(error));
    }
  }
  const budget = ctx.hf.budget();
  const remote: RemoteSource<T['summary']> | null = sources.includes('huggingface')
    ? {
        name: 'huggingface',
        available: table.upstreamUrl(ctx.hf, filters, sort, direction, null) !== null,
        unsupported: 'Hugging Face lists only in descending order',
        page: (cursor) => {
          // Built here from the validated filters and the upstream's own page token: never a client's URL.
          const url = table.upstreamUrl(ctx.hf, filters, sort, direction, cursor) ?? '';
          return ctx.cache.get(`${table.plural}-page:${url}`, async () => {
            const page = await table.upstreamPage(ctx.hf, url, budget);
            return { items: page.items.map((e) => table.summary(e)), next: page.next };
          });
        },
      }
    : null;
  const answer = async (): Promise<ListPage<T['summary']>> => {
    const page = await federatedPage<T['summary']>({
      query: table.toQuery(filters),
      fields: table.fields,
      sort,
      direction,
      limit,
      cursor: query.cursor,
      seal: ctx.seal,
      identity: { kind: table.kind, filters, sort, direction, sources },
      store,
      snapshot: sources.includes('snapshot') ? { name: 'snapshot', index: state.snapshotIndex } : null,
      remote,
      failed,
    });
    const found = {
      items: page.items,
      limit,
      total: page.total,
      nextCursor: page.nextCursor,
      partial: page.partial,
      sources: page.sources,
    };
    return { ...found, etag: etagOf(found) };
  };
  if (remote || failed.length > 0) return answer();
  const key = JSON.stringify(['list', table.kind, filters, sort, direction, limit, query.cursor ?? null, sources]);
  return ctx.localAnswers.answer(key, storeIndex, answer);
}
