import type { MlHubClient } from './client.js';
import { MlHubError, unwrapEnvelope, type ClientResult } from './errors.js';
import type { paths } from './generated/hub.js';

type GetOperation<P extends keyof paths> = paths[P] extends { get: infer O } ? O : never;
type OkBody<O> = O extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

/** One page of a list operation: the success envelope, `result` (the items) and `metadata`. */
export type ListPage<P extends ListPath> = OkBody<GetOperation<P>>;
/** One item of a list operation. */
export type ListItem<P extends ListPath> = ListPage<P> extends { result: Array<infer I> } ? I : never;
/** The query parameters of a list operation. */
export type ListQuery<P extends ListPath> = GetOperation<P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The paths of every list operation paged with `limit` + `cursor` (`metadata.nextCursor`). */
export type ListPath = {
  [P in keyof paths]: OkBody<GetOperation<P>> extends { result: unknown[]; metadata: { nextCursor: string | null } } ? P : never;
}[keyof paths];

export interface PaginateOptions<P extends ListPath> {
  /** Filters, sort and page size (`limit`); the cursor is managed here. */
  query?: Omit<ListQuery<P>, 'cursor'>;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
  /** Stops the iteration: the request in flight is aborted and the loop throws the signal's reason. */
  signal?: AbortSignal;
  /** Stop after this many pages. */
  maxPages?: number;
}

/**
 * Iterates over every page of a list operation, following `metadata.nextCursor` until it is null.
 * Error answers throw an {@link MlHubError}.
 *
 * ```ts
 * for await (const page of paginate(client, '/v3/mlhub/models', { query: { task: 'text-generation' } })) {
 *   console.log(page.metadata.total, page.result.length);
 * }
 * ```
 */
export async function* paginate<P extends ListPath>(
  client: MlHubClient,
  path: P,
  options: PaginateOptions<P> = {},
): AsyncGenerator<ListPage<P>, void, undefined> {
  const { query, signal, maxPages = Infinity } = options;
  // The path is only known to be one of the list paths here; openapi-fetch's per-path typing cannot follow it.
  const get = client.GET as unknown as (path: string, init: object) => Promise<ClientResult<ListPage<P>>>;
  const seen = new Set<string>();
  let cursor = options.cursor;
  for (let pages = 0; pages < maxPages; pages++) {
    signal?.throwIfAborted();
    const answer = await get(path, { params: { query: { ...query, ...(cursor ? { cursor } : {}) } }, signal });
    signal?.throwIfAborted();
    const page = unwrapEnvelope(answer);
    yield page;
    const next = (page as { metadata: { nextCursor: string | null } }).metadata.nextCursor;
    if (!next) return;
    if (seen.has(next)) {
      throw new MlHubError({
        status: answer.response.status,
        code: 'UPSTREAM_ERROR',
        message: `The hub handed back a cursor it already gave (${next}); stopping instead of looping`,
        url: answer.response.url || undefined,
        requestId: answer.response.headers.get('x-request-id') ?? undefined,
        body: page,
      });
    }
    seen.add(next);
    cursor = next;
  }
}

/** Like {@link paginate}, but yields the items of every page one by one. */
export async function* paginateItems<P extends ListPath>(
  client: MlHubClient,
  path: P,
  options: PaginateOptions<P> = {},
): AsyncGenerator<ListItem<P>, void, undefined> {
  for await (const page of paginate(client, path, options)) {
    yield* (page as { result: Array<ListItem<P>> }).result;
  }
}
