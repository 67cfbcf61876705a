import { ApiError, isApiError } from '../../common/errors.js';
import { encodeRepoId, validateRepoPath, validateRevision } from '../ids.js';
import { cardImageKind, notACardImage } from '../sources/card-image.js';
import type { Budget } from '../sources/huggingface.js';
import type { StoreRepo } from '../sources/store.js';
import { etagOf, isUpstreamFailure } from './cache.js';
import { buildCard } from './card.js';
import type { CatalogContext, KindState } from './context.js';
import type { Shapes } from './kinds.js';
import { repoFile } from './summaries.js';
import type { Card, Download, ItemResult, RepoFileAnswer, RepoFiles, SourceName } from './types.js';

interface Resolved<E> {
  entry: E;
  requestedId: string | null;
  /** Served in place of a failed source: an older cached answer, or the snapshot standing in for Hugging Face. */
  stale: boolean;
}

function item<R>(result: R, source: SourceName, stale: boolean): ItemResult<R> {
  return { result, source, stale, etag: etagOf({ result, stale }) };
}

/** The store's repository of an id (or of the id it is an alias of), if the store holds it. */
async function storeRepo<T extends Shapes>(ctx: CatalogContext, state: KindState<T>, id: string): Promise<StoreRepo | undefined> {
  const store = ctx.store;
  if (!store) return undefined;
  const { kind } = state.table;
  const aliased = state.aliases[id] ?? id;
  return (await store.repo(kind, id).catch(() => undefined)) ?? (await store.repo(kind, aliased).catch(() => undefined));
}

/** One item by id: store, then Hugging Face (which follows renames), then the snapshot (and its aliases). */
async function resolve<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  id: string,
  budget: Budget,
): Promise<Resolved<T['entry']>> {
  const { table } = state;
  const aliased = state.aliases[id] ?? id;
  const requestedId = aliased !== id ? id : null;
  const repo = await storeRepo(ctx, state, id);
  if (repo) return { entry: table.fromStore(repo), requestedId: repo.id !== id ? id : null, stale: false };
  const fromSnapshot = state.snapshotById.get(aliased);
  if (ctx.hfEnabled) {
    try {
      const cached = await ctx.cache.get(`${table.kind}:${id}`, () => table.upstreamInfo(ctx.hf, id, budget));
      const entry = cached.value;
      return { entry, requestedId: entry.id !== id ? id : null, stale: cached.stale };
    } catch (error) {
      // The snapshot stands in when Hugging Face fails or no longer knows the id; otherwise its error stands.
      const failed = isUpstreamFailure(error);
      const fallback = isApiError(error) && (error.code === 'NOT_FOUND' || failed);
      if (!fallback || !fromSnapshot) throw error;
      // An offline copy answering for a failed source says so.
      if (failed) return { entry: fromSnapshot, requestedId, stale: true };
    }
  }
  if (fromSnapshot) return { entry: fromSnapshot, requestedId, stale: false };
  throw new ApiError('NOT_FOUND', `${table.noun} '${id}' not found`);
}

export async function itemDetails<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  id: string,
): Promise<ItemResult<T['details']>> {
  const r = await resolve(ctx, state, id, ctx.hf.budget());
  return item(state.table.details(r.entry, r.requestedId), r.entry.source, r.stale);
}

function checkSnapshotRevision(state: KindState<Shapes>, entry: Shapes['entry'], revision: string | undefined): void {
  if (revision !== undefined && revision !== entry.sha) {
    throw new ApiError('NOT_FOUND', `Revision '${revision}' of ${state.table.kind} '${entry.id}' is not in the offline snapshot`);
  }
}

/**
 * An item at a revision: the revision checked, the item resolved, and `rev` the revision to read upstream (the
 * one asked for, else the sha the details came from). One time budget covers resolving and what is read after.
 */
async function resolveAt<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  id: string,
  revision: string | undefined,
): Promise<Resolved<T['entry']> & { budget: Budget; rev: string }> {
  if (revision !== undefined) validateRevision(revision);
  const budget = ctx.hf.budget();
  const r = await resolve(ctx, state, id, budget);
  return { ...r, budget, rev: revision ?? r.entry.sha ?? 'main' };
}

/** The card; one time budget covers resolving the item and reading its README. */
export async function itemCard<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  id: string,
  revision: string | undefined,
): Promise<ItemResult<Card>> {
  const { kind } = state.table;
  const r = await resolveAt(ctx, state, id, revision);
  const { entry: e, rev, budget } = r;
  if (e.source === 'huggingface') {
    const readme = await ctx.cache.get(`readme:${kind}:${e.id}@${rev}`, () => ctx.hf.readme(kind, e.id, rev, budget));
    return item(buildCard(e.id, revision ?? e.sha, kind, readme.value, e.cardData), e.source, r.stale || readme.stale);
  }
  if (e.source === 'store') {
    const repo = await ctx.store?.repo(kind, e.id);
    return item(buildCard(e.id, e.sha, kind, repo?.readme ?? null, e.cardData), e.source, false);
  }
  checkSnapshotRevision(state, e, revision);
  // The snapshot ships real card texts (cards.json) for the repositories it has them for.
  const text = ctx.snapshot?.cards?.[kind === 'model' ? 'models' : 'datasets'][e.id] ?? null;
  return item(buildCard(e.id, e.sha, kind, text, e.cardData), e.source, r.stale);
}

/** The file list, pinned to the sha the details came from; one time budget as for the card. */
export async function itemFiles<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  id: string,
  revision: string | undefined,
): Promise<ItemResult<RepoFiles>> {
  const { kind } = state.table;
  const r = await resolveAt(ctx, state, id, revision);
  const { entry: e, rev, budget } = r;
  if (e.source === 'huggingface') {
    const listed = await ctx.cache.get(`files:${kind}:${e.id}@${rev}`, () => ctx.hf.files(kind, e.id, rev, budget));
    return item({ id: e.id, sha: revision ?? e.sha, files: listed.value }, e.source, r.stale || listed.stale);
  }
  if (e.source === 'snapshot') checkSnapshotRevision(state, e, revision);
  return item({ id: e.id, sha: e.sha, files: (e.files ?? []).map(repoFile) }, e.source, r.stale);
}

/** Download links: Hugging Face `resolve/{sha}/{path}`, or this hub's `/resolve?path=` for store files (with their SHA-256). */
export async function itemDownload<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  id: string,
  revision: string | undefined,
  baseUrl: string | undefined,
): Promise<ItemResult<Download>> {
  const { kind, plural } = state.table;
  const listed = await itemFiles(ctx, state, id, revision);
  const { id: canonical, sha, files } = listed.result;
  const source = listed.source;
  let links: Download['files'];
  if (source === 'store' && ctx.store) {
    const store = ctx.store;
    const base = (baseUrl ?? ctx.publicBaseUrl ?? '').replace(/\/+$/, '');
    links = await Promise.all(
      files.map(async (f) => {
        const handle = await store.resolveFile(kind, canonical, f.path);
        return {
          path: f.path,
          size: handle.size,
          url: `${base}/v3/mlhub/${plural}/${encodeRepoId(canonical)}/resolve?path=${encodeURIComponent(f.path)}`,
          source,
          sha256: await handle.sha256(),
        };
      }),
    );
  } else {
    const pin = sha ?? 'main';
    links = files.map((f) => ({
      path: f.path,
      size: f.size,
      url: ctx.hf.resolveUrl(kind, canonical, pin, f.path),
      source,
      // An LFS pointer's oid is the SHA-256 of the content.
      sha256: f.lfs?.oid ?? null,
    }));
  }
  return item({ id: canonical, sha, files: links }, source, listed.stale);
}

/**
 * A file for `resolve`: any file of a store repository; else, for a Hugging Face (or snapshot) repository, only a
 * card image, refused (403) before anything is asked upstream when the path is not one, read at the revision
 * asked for (else the sha of the details) and kept in the upstream cache.
 */
export async function itemFile<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  id: string,
  path: string,
  revision: string | undefined,
): Promise<RepoFileAnswer> {
  const { kind } = state.table;
  const segments = validateRepoPath(path);
  if (revision !== undefined) validateRevision(revision);
  const stored = await storeRepo(ctx, state, id);
  if (stored && ctx.store) return { store: await ctx.store.resolveFile(kind, stored.id, path) };
  const image = cardImageKind(path);
  if (!image) throw notACardImage(kind, path);
  const r = await resolveAt(ctx, state, id, revision);
  const { entry: e, rev, budget } = r;
  if (!ctx.hfEnabled) {
    throw new ApiError(
      'NOT_FOUND',
      `File '${path}' of ${kind} '${e.id}' is not served: this hub does not read Hugging Face (MLHUB_SOURCES)`,
    );
  }
  const clean = segments.join('/');
  const cached = await ctx.cache.get(`image:${JSON.stringify([kind, e.id, rev, clean])}`, () =>
    ctx.hf.cardImage(kind, e.id, rev, clean, image, budget),
  );
  return { image: cached.value, etag: cached.etag, immutable: /^[0-9a-f]{40}$/.test(rev) };
}
