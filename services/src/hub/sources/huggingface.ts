import { datasetInfo, listDatasets, listFiles, listModels, modelInfo } from '@huggingface/hub';
import { ApiError } from '../../common/errors.js';
import type { DatasetEntry, ModelEntry } from '../catalog/summaries.js';
import type { DatasetFilters, HuggingFaceConfig, ModelFilters, RepoFile, RepoKind, SortKey } from '../catalog/types.js';
import { datasetFromApiBody } from '../catalog/normalise/dataset.js';
import { fileFromTreeEntry } from '../catalog/normalise/files.js';
import { apiBodyFromLibraryEntry } from '../catalog/normalise/library-entry.js';
import { modelFromApiBody } from '../catalog/normalise/model.js';
import { upstreamTask } from '../catalog/normalise/text2text.js';
import type { CardImage } from '../catalog/types.js';
import { DEFAULT_IMAGE_HOSTS, DEFAULT_IMAGE_MAX_BYTES, fetchCardImage, imageTooLarge, type ImageKind } from './card-image.js';

const DEFAULT_HUB_URL = 'https://huggingface.co';
const DEFAULT_TIMEOUT_MS = 5000;
/** Largest upstream body read, default 8 MiB (a tree of 10,000 files is about 2 MiB). */
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Upstream page size: fixed, so page URLs (cache keys and cursor positions) do not depend on the client's limit. */
export const HF_PAGE_SIZE = 100;

/** One upstream list page: its items in Hugging Face's order and the page token of `Link: rel="next"`. */
export interface HfPage<T> {
  items: T[];
  next: string | null;
}

const SORT_FIELDS: Record<SortKey, string> = {
  downloads: 'downloads',
  likes: 'likes',
  created: 'createdAt',
  updated: 'lastModified',
  trending: 'trendingScore',
  id: 'id',
};

// Expand keys the list/info answers need beyond the library's defaults; some are not in its typings.
const MODEL_LIST_FIELDS = ['author', 'createdAt', 'library_name', 'tags', 'config', 'safetensors', 'trendingScore', 'usedStorage'];
const MODEL_INFO_FIELDS = [...MODEL_LIST_FIELDS, 'cardData', 'sha', 'transformersInfo', 'filePaths'];
const DATASET_LIST_FIELDS = ['author', 'createdAt', 'tags', 'paperswithcode_id', 'trendingScore', 'description'];
const DATASET_INFO_FIELDS = [...DATASET_LIST_FIELDS, 'cardData', 'sha'];

/** How much of an answer is read, and the error past it. */
interface BodyCap {
  max: number;
  tooBig: () => ApiError;
}

/** Thrown by the page fetch when the library would follow `Link` itself: a page ends where its answer ends. */
class PageEnd extends Error {}

/**
 * One request's time budget for everything it asks upstream: a card that resolves the details first and then
 * reads the README spends one budget on both, not one each.
 */
export interface Budget {
  /** Epoch ms (of the source's clock) past which no upstream call starts and running ones are aborted. */
  readonly deadline: number;
}

interface CallContext {
  /** When the request's budget runs out. */
  deadline: number;
  /** The last upstream answer's status and `Retry-After`, for errors the library reports without headers. */
  status?: number;
  retryAfter?: string | null;
  url?: string;
  next?: string | null;
  /** The time budget ran out. */
  timedOut?: boolean;
  /** The client's parameter an upstream 400/422 is about. */
  parameter?: string;
}

/** A library entry as the hub's record, through the normaliser the snapshot build and mirror use too (`../catalog/normalise/`). */
const modelEntry = (entry: object): ModelEntry | null => modelFromApiBody(apiBodyFromLibraryEntry(entry), 'huggingface');
const datasetEntry = (entry: object): DatasetEntry | null => datasetFromApiBody(apiBodyFromLibraryEntry(entry), 'huggingface');

/**
 * The page token of a `Link: <url>; rel="next"` answered for `asked`: only its `cursor` parameter is kept,
 * and only from a link to the same list, so the next URL is again one the hub builds itself.
 */
function nextPageToken(link: string | null, asked: string): string | null {
  const match = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
  if (!match?.[1]) return null;
  let next: URL;
  try {
    next = new URL(match[1], asked);
  } catch {
    return null;
  }
  const own = new URL(asked);
  if (next.origin !== own.origin || next.pathname !== own.pathname) return null;
  return next.searchParams.get('cursor') || null;
}

/**
 * Hugging Face through `@huggingface/hub`. Every call gets a custom fetch that adds the token, enforces the
 * time budget (covering the body too) and records what the library drops (status, `Retry-After`, `Link`);
 * failures become the hub's ApiErrors. No caching here: the catalog wraps calls in its `UpstreamCache`.
 */
export class HuggingFaceSource {
  readonly hubUrl: string;
  /** The hub's origin: the one host the token goes to, and where a redirect may always lead. */
  private readonly hubOrigin: string;
  readonly timeoutMs: number;
  private readonly baseFetch: typeof fetch;
  private readonly token: string | undefined;
  private readonly maxBodyBytes: number;
  private readonly imageMaxBytes: number;
  private readonly imageHosts: readonly string[];
  private readonly now: () => number;
  /** How the last upstream exchange went, for health answers that must not call upstream themselves. */
  lastOutcome: { ok: boolean; detail: string; at: number } | null = null;

  constructor(config: HuggingFaceConfig = {}) {
    this.hubUrl = (config.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
    this.hubOrigin = new URL(this.hubUrl).origin;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.baseFetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.token = config.token;
    this.maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.imageMaxBytes = config.imageMaxBytes ?? DEFAULT_IMAGE_MAX_BYTES;
    this.imageHosts = (config.imageHosts ?? DEFAULT_IMAGE_HOSTS).map((h) => h.toLowerCase());
    this.now = config.now ?? Date.now;
  }

  /** A fresh budget of `timeoutMs`, for one request's upstream calls. */
  budget(): Budget {
    return { deadline: this.now() + this.timeoutMs };
  }

  private context(budget: Budget | undefined, parameter?: string): CallContext {
    return { deadline: (budget ?? this.budget()).deadline, ...(parameter ? { parameter } : {}) };
  }

  /** The first upstream page URL of a model query; null when Hugging Face cannot answer it (ascending order). */
  modelsUrl(filters: ModelFilters, sort: SortKey, direction: 'asc' | 'desc', cursor: string | null = null): string | null {
    if (direction === 'asc') return null;
    const params = new URLSearchParams({ limit: String(HF_PAGE_SIZE), sort: SORT_FIELDS[sort], direction: '-1' });
    if (filters.search) params.set('search', filters.search);
    if (filters.author) params.set('author', filters.author);
    if (filters.task) params.set('pipeline_tag', upstreamTask(filters.task));
    const tags = [
      filters.library,
      filters.language,
      filters.license && `license:${filters.license}`,
      filters.dataset && `dataset:${filters.dataset}`,
      filters.servable === true ? 't5' : undefined,
      ...(filters.tags ?? []),
    ];
    for (const tag of tags) if (tag) params.append('filter', tag);
    if (filters.gated !== undefined) params.set('gated', String(filters.gated));
    for (const key of ['pipeline_tag', 'private', 'gated', 'downloads', 'likes', 'lastModified', ...MODEL_LIST_FIELDS]) {
      params.append('expand', key);
    }
    if (cursor !== null) params.set('cursor', cursor);
    return `${this.hubUrl}/api/models?${params}`;
  }

  datasetsUrl(filters: DatasetFilters, sort: SortKey, direction: 'asc' | 'desc', cursor: string | null = null): string | null {
    if (direction === 'asc') return null;
    const params = new URLSearchParams({ limit: String(HF_PAGE_SIZE), sort: SORT_FIELDS[sort], direction: '-1' });
    if (filters.search) params.set('search', filters.search);
    if (filters.author) params.set('author', filters.author);
    const tags = [
      filters.task && `task_categories:${filters.task}`,
      filters.size && `size_categories:${filters.size}`,
      filters.language && `language:${filters.language}`,
      filters.license && `license:${filters.license}`,
      filters.benchmark && `benchmark:${filters.benchmark}`,
      ...(filters.tags ?? []),
    ];
    for (const tag of tags) if (tag) params.append('filter', tag);
    if (filters.gated !== undefined) params.set('gated', String(filters.gated));
    for (const key of ['private', 'downloads', 'gated', 'likes', 'lastModified', ...DATASET_LIST_FIELDS]) {
      params.append('expand', key);
    }
    if (cursor !== null) params.set('cursor', cursor);
    return `${this.hubUrl}/api/datasets?${params}`;
  }

  /** One upstream page of models at `url` (built by `modelsUrl`). */
  async modelPage(url: string, budget?: Budget): Promise<HfPage<ModelEntry>> {
    return this.page(url, 'model', budget, (fetchFn) =>
      listModels({ hubUrl: this.hubUrl, fetch: fetchFn, limit: Number.POSITIVE_INFINITY, additionalFields: MODEL_LIST_FIELDS as never[] }),
    ).then((page) => ({ next: page.next, items: page.items.map(modelEntry).filter(notNull) }));
  }

  async datasetPage(url: string, budget?: Budget): Promise<HfPage<DatasetEntry>> {
    return this.page(url, 'dataset', budget, (fetchFn) =>
      listDatasets({
        hubUrl: this.hubUrl,
        fetch: fetchFn,
        limit: Number.POSITIVE_INFINITY,
        additionalFields: DATASET_LIST_FIELDS as never[],
      }),
    ).then((page) => ({ next: page.next, items: page.items.map(datasetEntry).filter(notNull) }));
  }

  /** Model details; `id` of the answer is the canonical one (Hugging Face follows renames by redirect). */
  async model(id: string, budget?: Budget): Promise<ModelEntry> {
    const ctx = this.context(budget);
    try {
      const entry = await modelInfo({
        name: id,
        hubUrl: this.hubUrl,
        fetch: this.fetchFor(ctx),
        additionalFields: MODEL_INFO_FIELDS as never[],
      });
      const mapped = modelEntry(entry);
      if (!mapped) throw new ApiError('UPSTREAM_ERROR', `Hugging Face answered a model without an id for '${id}'`);
      return mapped;
    } catch (error) {
      throw this.toApiError(error, ctx, `Model '${id}'`);
    }
  }

  async dataset(id: string, budget?: Budget): Promise<DatasetEntry> {
    const ctx = this.context(budget);
    try {
      const entry = await datasetInfo({
        name: id,
        hubUrl: this.hubUrl,
        fetch: this.fetchFor(ctx),
        additionalFields: DATASET_INFO_FIELDS as never[],
      });
      const mapped = datasetEntry(entry);
      if (!mapped) throw new ApiError('UPSTREAM_ERROR', `Hugging Face answered a dataset without an id for '${id}'`);
      return mapped;
    } catch (error) {
      throw this.toApiError(error, ctx, `Dataset '${id}'`);
    }
  }

  /** Every file of the repository at `revision` (the library follows the tree's `Link` pages). */
  async files(kind: RepoKind, id: string, revision: string, budget?: Budget): Promise<RepoFile[]> {
    const ctx = this.context(budget, 'revision');
    try {
      const files: RepoFile[] = [];
      for await (const entry of listFiles({
        repo: { type: kind, name: id },
        // The library puts the revision into the tree URL as it is; a branch may hold '/' and '%'.
        revision: encodeURIComponent(revision),
        recursive: true,
        hubUrl: this.hubUrl,
        fetch: this.fetchFor(ctx),
      })) {
        if (entry.type === 'file') files.push(fileFromTreeEntry(entry));
      }
      return files;
    } catch (error) {
      throw this.toApiError(error, ctx, `${kind === 'model' ? 'Model' : 'Dataset'} '${id}' at '${revision}'`);
    }
  }

  /** The README (card) at `revision`, raw; null when the repository has none. */
  async readme(kind: RepoKind, id: string, revision: string, budget?: Budget): Promise<string | null> {
    const ctx = this.context(budget, 'revision');
    const url = `${this.hubUrl}/${kind === 'dataset' ? 'datasets/' : ''}${id}/raw/${encodeURIComponent(revision)}/README.md`;
    try {
      const res = await this.fetchFor(ctx)(url, { headers: { accept: 'text/plain' } });
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw this.statusError(res.status, ctx, `The card of '${id}'`);
      }
      return await res.text();
    } catch (error) {
      throw this.toApiError(error, ctx, `The card of '${id}'`);
    }
  }

  /** Public download URL of a file pinned to a commit. */
  resolveUrl(kind: RepoKind, id: string, sha: string, path: string): string {
    const encoded = (value: string) => value.split('/').map(encodeURIComponent).join('/');
    return `${this.hubUrl}/${kind === 'dataset' ? 'datasets/' : ''}${encoded(id)}/resolve/${encodeURIComponent(sha)}/${encoded(path)}`;
  }

  /**
   * An image of the repository's card at `revision` (id, revision and path already validated), read from the
   * configured hub within the budget and `MLHUB_CARD_IMAGE_MAX_BYTES`; redirects only to this hub or the
   * allow-listed CDN hosts (`card-image.ts`).
   */
  async cardImage(kind: RepoKind, id: string, revision: string, path: string, image: ImageKind, budget?: Budget): Promise<CardImage> {
    const ctx = this.context(budget, 'revision');
    const cap = { max: this.imageMaxBytes, tooBig: () => imageTooLarge(path, this.imageMaxBytes) };
    try {
      return await fetchCardImage(this.fetchFor(ctx, cap), this.resolveUrl(kind, id, revision, path), path, image, {
        hubOrigin: this.hubOrigin,
        hosts: this.imageHosts,
      });
    } catch (error) {
      throw this.toApiError(error, ctx, `File '${path}' of ${kind} '${id}' at '${revision}'`);
    }
  }

  /** Readiness: one cheap list call within the budget. */
  async ping(): Promise<void> {
    await this.modelPage(`${this.hubUrl}/api/models?limit=1`);
  }

  private async page<E>(
    url: string,
    kind: RepoKind,
    budget: Budget | undefined,
    run: (fetchFn: typeof fetch) => AsyncGenerator<E>,
  ): Promise<HfPage<E>> {
    const ctx = this.context(budget);
    const inner = this.fetchFor(ctx);
    let calls = 0;
    const fetchFn: typeof fetch = async (_input, init) => {
      // The library built its own first URL; the page asked for is `url`, and its `Link` ends the page.
      if (calls++ > 0) throw new PageEnd();
      const res = await inner(url, init);
      ctx.next = nextPageToken(res.headers.get('link'), url);
      return res;
    };
    const items: E[] = [];
    try {
      for await (const item of run(fetchFn)) items.push(item);
    } catch (error) {
      if (!(error instanceof PageEnd)) throw this.toApiError(error, ctx, `The ${kind} list`);
    }
    return { items, next: ctx.next ?? null };
  }

  private fetchFor(ctx: CallContext, cap: BodyCap = { max: this.maxBodyBytes, tooBig: () => bodyTooBig(this.maxBodyBytes) }): typeof fetch {
    return async (input, init) => {
      const headers = new Headers(init?.headers);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      // The token is for the hub alone: a CDN a redirect leads to gets a signed URL, never the token.
      if (this.token && new URL(url).origin === this.hubOrigin) headers.set('authorization', `Bearer ${this.token}`);
      const remaining = ctx.deadline - this.now();
      if (remaining <= 0) {
        // The request spent its budget on an earlier call: no new one starts.
        ctx.timedOut = true;
        throw new DOMException('The time budget is spent', 'TimeoutError');
      }
      const budget = AbortSignal.timeout(remaining);
      const signal = init?.signal ? AbortSignal.any([init.signal, budget]) : budget;
      ctx.url = url;
      // The budget covers headers and body: the body is read here, inside the race, and handed on buffered
      // (upstream answers are small JSON, capped). Racing too keeps the budget when a fetch ignores its signal.
      const exchange = (async () => {
        const res = await this.baseFetch(url, { ...init, headers, signal });
        const body = res.status === 204 || res.status === 304 ? null : await readCapped(res, cap);
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      })();
      let onAbort: (() => void) | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        onAbort = () =>
          reject(signal.reason instanceof Error ? signal.reason : new DOMException('The operation timed out', 'TimeoutError'));
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        const res = await Promise.race([exchange, timedOut]);
        ctx.status = res.status;
        ctx.retryAfter = res.headers.get('retry-after');
        const failing = res.status >= 500 || res.status === 429;
        this.lastOutcome = { ok: !failing, detail: failing ? `Hugging Face answered ${res.status}` : this.hubUrl, at: this.now() };
        return res;
      } catch (error) {
        if (budget.aborted) ctx.timedOut = true;
        const detail = ctx.timedOut
          ? `Hugging Face did not answer within ${this.timeoutMs} ms`
          : error instanceof Error
            ? error.message
            : String(error);
        this.lastOutcome = { ok: false, detail, at: this.now() };
        throw error;
      } finally {
        signal.removeEventListener('abort', onAbort!);
        exchange.catch(() => undefined);
      }
    };
  }

  private statusError(status: number, ctx: CallContext, what: string): ApiError {
    if (status === 401 || status === 403 || status === 404) {
      // Hugging Face answers 401 for a repository that does not exist when the caller is anonymous.
      return new ApiError('NOT_FOUND', `${what} not found on Hugging Face`);
    }
    if (status === 400 || status === 422) {
      // The request was refused as asked (a revision Hugging Face cannot parse): the client's to fix, not a fault.
      const about = ctx.parameter ? { parameter: ctx.parameter } : {};
      return new ApiError('INVALID_PARAMETER', `${what}: Hugging Face refused the request (${status})`, {
        ...about,
        upstreamStatus: status,
      });
    }
    if (status === 429) {
      const seconds = Number.parseInt(ctx.retryAfter ?? '', 10);
      const retryAfter = Number.isFinite(seconds) && seconds >= 0 ? seconds : 60;
      return new ApiError(
        'SERVICE_UNAVAILABLE',
        `Hugging Face is rate limiting the hub; retry in ${retryAfter} seconds`,
        { retryAfter },
        {
          headers: { 'Retry-After': String(retryAfter) },
        },
      );
    }
    return new ApiError('UPSTREAM_ERROR', `Hugging Face answered ${status}`, { upstreamStatus: status });
  }

  private toApiError(error: unknown, ctx: CallContext, what: string): ApiError {
    if (error instanceof ApiError) return error;
    const name = error instanceof Error ? error.name : '';
    if (ctx.timedOut || name === 'TimeoutError') {
      return new ApiError('UPSTREAM_TIMEOUT', `Hugging Face did not answer within ${this.timeoutMs} ms`, undefined, { cause: error });
    }
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number') {
      const mapped = this.statusError(status, ctx, what);
      return new ApiError(mapped.code, mapped.message, mapped.details, { headers: mapped.headers, cause: error });
    }
    if (error instanceof SyntaxError || (ctx.status !== undefined && ctx.status < 300)) {
      return new ApiError('UPSTREAM_ERROR', 'Hugging Face answered something that is not the expected JSON', undefined, { cause: error });
    }
    return new ApiError('UPSTREAM_ERROR', 'Hugging Face could not be reached', undefined, { cause: error });
  }
}

function bodyTooBig(max: number): ApiError {
  return new ApiError(
    'UPSTREAM_ERROR',
    `Hugging Face answered more than ${max} bytes (MLHUB_HUGGINGFACE_MAX_BODY_BYTES); the answer was not read`,
    { maxBytes: max },
  );
}

/** The body of `res`, refused past `cap.max` bytes: declared or counted while reading, never buffered whole. */
async function readCapped(res: Response, cap: BodyCap): Promise<Uint8Array<ArrayBuffer> | null> {
  const { max, tooBig } = cap;
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    // Not awaited: a peer that keeps sending must not hold the answer up.
    res.body?.cancel().catch(() => undefined);
    throw tooBig();
  }
  if (!res.body) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      reader.cancel().catch(() => undefined);
      throw tooBig();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

function notNull<T>(value: T | null): value is T {
  return value !== null;
}
