import { ApiError, isApiError } from '../../common/errors.js';
import { encodeRepoId, validateRevision } from '../ids.js';
import { DEFAULT_HUB_URL, HuggingFaceSource, type Budget } from '../sources/huggingface.js';
import { ModelStore, datasetEntry, modelEntry, type StoreRepo } from '../sources/store.js';
import { AnswerMemo } from './answer-memo.js';
import { etagOf, isUpstreamFailure, UpstreamCache } from './cache.js';
import { buildCard } from './card.js';
import { CursorSeal } from './cursor.js';
import { federatedPage, type LocalSource, type RemoteSource } from './federation.js';
import {
  DATASET_FACETS,
  DATASET_FIELDS,
  datasetQuery,
  MODEL_FACETS,
  MODEL_FIELDS,
  modelQuery,
} from './query/fields.js';
import { CatalogIndex, mergeFacetCounts, type FieldExtractor, type IndexQuery } from './query/index.js';
import type { Snapshot } from './records.js';
import { loadSnapshot } from './snapshot-loader.js';
import {
  datasetDetails,
  datasetSummary,
  modelDetails,
  modelSummary,
  type DatasetEntry,
  type ModelEntry,
} from './summaries.js';
import {
  SORT_KEYS,
  type Card,
  type Catalog,
  type CatalogConfig,
  type DatasetFacets,
  type DatasetFilters,
  type DatasetListQuery,
  type DatasetSummary,
  type Download,
  type FacetCount,
  type FacetsResult,
  type ItemResult,
  type ListPage,
  type ModelFacets,
  type ModelFilters,
  type ModelListQuery,
  type ModelSummary,
  type ReadyCheck,
  type RepoFile,
  type RepoFiles,
  type RepoKind,
  type SourceName,
  type SourceStatus,
} from './types.js';

const FACET_TOP = 50;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const PING_TTL_MS = 30_000;

type Entry = ModelEntry | DatasetEntry;
type Summary = ModelSummary | DatasetSummary;

/** Everything that differs between models and datasets, so one code path serves both. */
interface Kind<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters> {
  kind: RepoKind;
  noun: 'Model' | 'Dataset';
  plural: 'models' | 'datasets';
  fields: Record<string, FieldExtractor<S>>;
  facets: Record<string, string>;
  toQuery(filters: F): IndexQuery;
  summary(entry: E): S;
  fromStore(repo: StoreRepo): E;
  snapshotEntries: E[];
  aliases: Record<string, string>;
  hfUrl(hf: HuggingFaceSource, filters: F, query: ModelListQuery | DatasetListQuery, cursor: string | null): string | null;
  hfPage(hf: HuggingFaceSource, url: string, budget: Budget): Promise<{ items: E[]; next: string | null }>;
  hfInfo(hf: HuggingFaceSource, id: string, budget: Budget): Promise<E>;
}

interface Resolved<E extends Entry> {
  entry: E;
  requestedId: string | null;
  stale: boolean;
}

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

function checkSort(sort: string | undefined): (typeof SORT_KEYS)[number] {
  if (sort === undefined) return 'downloads';
  if (!(SORT_KEYS as readonly string[]).includes(sort)) {
    throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'sort': must be one of ${SORT_KEYS.join(', ')}`, {
      parameter: 'sort',
      allowed: [...SORT_KEYS],
    });
  }
  return sort as (typeof SORT_KEYS)[number];
}

type ListQuery<F> = F & { sort?: ModelListQuery['sort']; direction?: ModelListQuery['direction']; limit?: number; cursor?: string };

/** A list query checked: its paging terms, its filters, the sources in play and the key its answer is remembered by. */
interface ListTerms<F> {
  limit: number;
  sort: (typeof SORT_KEYS)[number];
  direction: 'asc' | 'desc';
  filters: Readonly<F>;
  sources: SourceName[];
  key: string;
}

/** The filter part of a list query, without paging keys, in a stable key order (the cursor's identity). */
function filtersOf<F extends object>(query: F & { sort?: unknown; direction?: unknown; limit?: unknown; cursor?: unknown }): F {
  const { sort: _s, direction: _d, limit: _l, cursor: _c, ...rest } = query;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(rest).sort()) {
    const value = (rest as Record<string, unknown>)[key];
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) out[key] = value;
  }
  return out as F;
}

/**
 * Builds the catalog over the configured sources. Sources default to every one configured: the snapshot
 * when `snapshot` is given, the store when `storeDir` is, Hugging Face when `huggingface` is.
 */
export async function createCatalog(config: CatalogConfig = {}): Promise<Catalog> {
  const enabled: SourceName[] =
    config.sources ??
    ([config.snapshot && 'snapshot', config.storeDir && 'store', config.huggingface && 'huggingface'].filter(Boolean) as SourceName[]);
  const snapshot: Snapshot | null = enabled.includes('snapshot') ? (config.snapshot ?? loadSnapshot()) : null;
  if (enabled.includes('store') && !config.storeDir) throw new Error("The 'store' source needs storeDir");
  const store = enabled.includes('store') && config.storeDir ? new ModelStore(config.storeDir, config.storeRescanMs) : null;
  const now = config.now ?? Date.now;
  const hf = new HuggingFaceSource({ now, ...config.huggingface });
  const hfEnabled = enabled.includes('huggingface');
  const cache = new UpstreamCache(config.cache, now);
  const localAnswers = new AnswerMemo(config.rememberedAnswers);
  const seal = new CursorSeal(config.cursorKey);

  const models: Kind<ModelEntry, ModelSummary, ModelFilters> = {
    kind: 'model',
    noun: 'Model',
    plural: 'models',
    fields: MODEL_FIELDS,
    facets: MODEL_FACETS,
    toQuery: modelQuery,
    summary: modelSummary,
    fromStore: modelEntry,
    snapshotEntries: snapshot?.models ?? [],
    aliases: snapshot?.aliases.models ?? {},
    hfUrl: (source, filters, q, cursor) => source.modelsUrl(filters, checkSort(q.sort), q.direction ?? 'desc', cursor),
    hfPage: (source, url, budget) => source.modelPage(url, budget),
    hfInfo: (source, id, budget) => source.model(id, budget),
  };
  const datasets: Kind<DatasetEntry, DatasetSummary, DatasetFilters> = {
    kind: 'dataset',
    noun: 'Dataset',
    plural: 'datasets',
    fields: DATASET_FIELDS,
    facets: DATASET_FACETS,
    toQuery: datasetQuery,
    summary: datasetSummary,
    fromStore: datasetEntry,
    snapshotEntries: snapshot?.datasets ?? [],
    aliases: snapshot?.aliases.datasets ?? {},
    hfUrl: (source, filters, q, cursor) => source.datasetsUrl(filters, checkSort(q.sort), q.direction ?? 'desc', cursor),
    hfPage: (source, url, budget) => source.datasetPage(url, budget),
    hfInfo: (source, id, budget) => source.dataset(id, budget),
  };

  function snapshotPart<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters>(k: Kind<E, S, F>) {
    const byId = new Map(k.snapshotEntries.map((e) => [e.id, e]));
    const index = new CatalogIndex<S>(k.snapshotEntries.map((e) => k.summary(e)), k.fields);
    return { byId, index };
  }
  const snapshotModels = snapshotPart(models);
  const snapshotDatasets = snapshotPart(datasets);
  const snapshotOf = <E extends Entry, S extends Summary>(k: Kind<E, S, never>) =>
    (k.kind === 'model' ? snapshotModels : snapshotDatasets) as unknown as { byId: Map<string, E>; index: CatalogIndex<S> };

  // The store index is rebuilt only when a new scan of the folder comes back.
  const storeIndexes = new WeakMap<Map<string, StoreRepo>, CatalogIndex<Summary>>();
  async function storeIndex<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters>(
    k: Kind<E, S, F>,
  ): Promise<CatalogIndex<S>> {
    const repos = await store!.repos(k.kind);
    let index = storeIndexes.get(repos) as CatalogIndex<S> | undefined;
    if (!index) {
      index = new CatalogIndex<S>([...repos.values()].map((r) => k.summary(k.fromStore(r) as E)), k.fields);
      storeIndexes.set(repos, index as unknown as CatalogIndex<Summary>);
    }
    return index;
  }

  function inPlay(source: SourceName | undefined): SourceName[] {
    // An empty answer would read as "that source has nothing", not "this hub does not ask it".
    if (source !== undefined && !enabled.includes(source)) {
      throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'source': '${source}' is not enabled on this hub (enabled: ${enabled.join(', ')})`, {
        parameter: 'source',
        allowed: [...enabled],
      });
    }
    return enabled.filter((s) => source === undefined || s === source);
  }

  async function list<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters>(
    k: Kind<E, S, F>,
    q: ListQuery<F>,
  ): Promise<ListPage<S>> {
    const { limit, sort, direction, filters, sources, key } = listTerms<F>(k.kind, q);
    const budget = hf.budget();
    const failed: SourceStatus[] = [];
    let storeSource: LocalSource<S> | null = null;
    if (sources.includes('store')) {
      try {
        storeSource = { name: 'store', index: await storeIndex(k) };
      } catch (error) {
        failed.push({ source: 'store', ok: false, error: `The model store cannot be read: ${(error as Error).message}` });
      }
    }
    const remote: RemoteSource<S> | null = sources.includes('huggingface')
      ? {
          name: 'huggingface',
          available: k.hfUrl(hf, filters, q, null) !== null,
          unsupported: 'Hugging Face lists only in descending order',
          page: (cursor) => {
            // Built here from the validated filters and the upstream's own page token: never a client's URL.
            const url = k.hfUrl(hf, filters, q, cursor)!;
            return cache.get(`${k.plural}-page:${url}`, async () => {
              const page = await k.hfPage(hf, url, budget);
              return { items: page.items.map((e) => k.summary(e)), next: page.next };
            });
          },
        }
      : null;
    const answer = async (): Promise<ListPage<S>> => {
      const page = await federatedPage<S>({
        query: k.toQuery(filters),
        fields: k.fields,
        sort,
        direction,
        limit,
        cursor: q.cursor,
        seal,
        identity: { kind: k.kind, filters, sort, direction, sources },
        store: storeSource,
        snapshot: sources.includes('snapshot') ? { name: 'snapshot', index: snapshotOf(k).index } : null,
        remote,
        failed,
      });
      const found = { items: page.items, limit, total: page.total, nextCursor: page.nextCursor, partial: page.partial, sources: page.sources };
      return { ...found, etag: etagOf(found) };
    };
    // Hugging Face's pages keep their own TTL cache; a store that cannot be read is asked again next time.
    if (remote || failed.length > 0) return answer();
    return localAnswers.answer(key, storeSource?.index ?? null, answer);
  }

  // A frozen query (the routes pass their validated, shared one) has its checked terms and memo key worked out once.
  const termsOfQuery: Record<RepoKind, WeakMap<object, ListTerms<object>>> = { model: new WeakMap(), dataset: new WeakMap() };
  function listTerms<F extends ModelFilters | DatasetFilters>(kind: RepoKind, q: ListQuery<F>): ListTerms<F> {
    const known = termsOfQuery[kind].get(q) as ListTerms<F> | undefined;
    if (known) return known;
    const limit = checkLimit(q.limit);
    const sort = checkSort(q.sort);
    const direction = q.direction ?? 'desc';
    if (direction !== 'asc' && direction !== 'desc') {
      throw new ApiError('INVALID_PARAMETER', "Invalid parameter 'direction': must be one of asc, desc", {
        parameter: 'direction',
        allowed: ['asc', 'desc'],
      });
    }
    const filters = Object.freeze(filtersOf<F>(q));
    const sources = inPlay(filters.source);
    const key = JSON.stringify(['list', kind, filters, sort, direction, limit, q.cursor ?? null, sources]);
    const terms: ListTerms<F> = Object.freeze({ limit, sort, direction, filters, sources, key });
    if (Object.isFrozen(q)) termsOfQuery[kind].set(q, terms);
    return terms;
  }

  async function facets<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters>(
    k: Kind<E, S, F>,
    filters: F,
  ): Promise<{ facets: Record<string, FacetCount[]>; partial: boolean; sources: SourceStatus[]; etag: string }> {
    const clean = filtersOf<F>(filters);
    const sources = inPlay(clean.source);
    let store: CatalogIndex<S> | null = null;
    let storeFailure: SourceStatus | null = null;
    if (sources.includes('store')) {
      try {
        store = await storeIndex(k);
      } catch (error) {
        storeFailure = { source: 'store', ok: false, error: `The model store cannot be read: ${(error as Error).message}` };
      }
    }
    const answer = async () => {
      const query = k.toQuery(clean);
      const statuses: SourceStatus[] = storeFailure ? [storeFailure] : [];
      const parts = new Map<string, Array<Map<string, number>>>(Object.keys(k.facets).map((f) => [f, []]));
      let storeIds = new Set<string>();
      if (store) {
        storeIds = new Set(store.docs.map((d) => d.id));
        const selection = store.select(query);
        for (const [facet, field] of Object.entries(k.facets)) parts.get(facet)!.push(store.facetCounts(selection, field));
        statuses.push({ source: 'store', ok: true });
      }
      if (sources.includes('huggingface')) {
        statuses.push({ source: 'huggingface', ok: false, error: 'Hugging Face does not count facets; the counts cover the snapshot and the store' });
      }
      if (sources.includes('snapshot')) {
        const index = snapshotOf(k).index;
        const selection = index.select(query);
        for (const [facet, field] of Object.entries(k.facets)) parts.get(facet)!.push(index.facetCounts(selection, field, storeIds));
        statuses.push({ source: 'snapshot', ok: true });
      }
      const result: Record<string, FacetCount[]> = {};
      for (const [facet, counts] of parts) result[facet] = mergeFacetCounts(counts, FACET_TOP);
      const partial = statuses.some((s) => !s.ok);
      return { facets: result, partial, sources: statuses, etag: etagOf({ result, partial, statuses }) };
    };
    // Counts come from the local sources only, so they are remembered per store version, unless it failed.
    if (storeFailure) return answer();
    return localAnswers.answer(JSON.stringify(['facets', k.kind, clean, sources]), store, answer);
  }

  /** One item by id: store, then Hugging Face (which follows renames), then the snapshot (and its aliases). */
  async function resolve<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters>(
    k: Kind<E, S, F>,
    id: string,
    budget: Budget,
  ): Promise<Resolved<E>> {
    const aliased = k.aliases[id] ?? id;
    const requestedId = aliased !== id ? id : null;
    if (store) {
      const repo = (await store.repo(k.kind, id).catch(() => undefined)) ?? (await store.repo(k.kind, aliased).catch(() => undefined));
      if (repo) return { entry: k.fromStore(repo) as E, requestedId: repo.id !== id ? id : null, stale: false };
    }
    const fromSnapshot = snapshot ? snapshotOf(k).byId.get(aliased) : undefined;
    if (hfEnabled) {
      try {
        const cached = await cache.get(`${k.kind}:${id}`, () => k.hfInfo(hf, id, budget));
        const entry = cached.value;
        return { entry, requestedId: entry.id !== id ? id : null, stale: cached.stale };
      } catch (error) {
        // The snapshot stands in when Hugging Face fails or no longer knows the id; otherwise its error stands.
        const failed = isUpstreamFailure(error);
        const fallback = isApiError(error) && (error.code === 'NOT_FOUND' || failed);
        if (!fallback || !fromSnapshot) throw error;
        // An offline copy answering for a failed source says so.
        if (failed) return { entry: fromSnapshot as E, requestedId, stale: true };
      }
    }
    if (fromSnapshot) return { entry: fromSnapshot as E, requestedId, stale: false };
    throw new ApiError('NOT_FOUND', `${k.noun} '${id}' not found`);
  }

  async function details<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters, D>(
    k: Kind<E, S, F>,
    id: string,
    toDetails: (entry: E, requestedId: string | null) => D,
  ): Promise<ItemResult<D>> {
    const r = await resolve(k, id, hf.budget());
    const result = toDetails(r.entry, r.requestedId);
    return { result, source: r.entry.source, stale: r.stale, etag: etagOf({ result, stale: r.stale }) };
  }

  function item<T>(result: T, source: SourceName, stale: boolean): ItemResult<T> {
    return { result, source, stale, etag: etagOf({ result, stale }) };
  }

  async function card<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters>(
    k: Kind<E, S, F>,
    id: string,
    revision: string | undefined,
  ): Promise<ItemResult<Card>> {
    if (revision !== undefined) validateRevision(revision);
    const budget = hf.budget();
    const r = await resolve(k, id, budget);
    const e = r.entry;
    if (e.source === 'huggingface') {
      const rev = revision ?? e.sha ?? 'main';
      const readme = await cache.get(`readme:${k.kind}:${e.id}@${rev}`, () => hf.readme(k.kind, e.id, rev, budget));
      return item(buildCard(e.id, revision ?? e.sha, k.kind, readme.value, e.cardData), e.source, r.stale || readme.stale);
    }
    if (e.source === 'store') {
      const repo = await store!.repo(k.kind, e.id);
      return item(buildCard(e.id, null, k.kind, repo?.readme ?? null, e.cardData), e.source, false);
    }
    checkSnapshotRevision(k, e, revision);
    return item(buildCard(e.id, e.sha, k.kind, null, e.cardData), e.source, false);
  }

  function checkSnapshotRevision(k: { kind: RepoKind }, e: Entry, revision: string | undefined): void {
    if (revision !== undefined && revision !== e.sha) {
      throw new ApiError('NOT_FOUND', `Revision '${revision}' of ${k.kind} '${e.id}' is not in the offline snapshot`);
    }
  }

  async function files<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters>(
    k: Kind<E, S, F>,
    id: string,
    revision: string | undefined,
  ): Promise<ItemResult<RepoFiles> & { entry: E }> {
    if (revision !== undefined) validateRevision(revision);
    const budget = hf.budget();
    const r = await resolve(k, id, budget);
    const e = r.entry;
    if (e.source === 'huggingface') {
      const rev = revision ?? e.sha ?? 'main';
      const listed = await cache.get(`files:${k.kind}:${e.id}@${rev}`, () => hf.files(k.kind, e.id, rev, budget));
      return { ...item({ id: e.id, sha: revision ?? e.sha, files: listed.value }, e.source, r.stale || listed.stale), entry: e };
    }
    if (e.source === 'snapshot') checkSnapshotRevision(k, e, revision);
    const list: RepoFile[] = (e.files ?? []).map((f) => ({ path: f.path, size: f.size, oid: f.oid, lfs: f.lfs }));
    return { ...item({ id: e.id, sha: e.sha, files: list }, e.source, false), entry: e };
  }

  async function download<E extends Entry, S extends Summary, F extends ModelFilters | DatasetFilters>(
    k: Kind<E, S, F>,
    id: string,
    revision: string | undefined,
    baseUrl: string | undefined,
  ): Promise<ItemResult<Download>> {
    const listed = await files(k, id, revision);
    const { id: canonical, sha, files: list } = listed.result;
    const source = listed.source;
    let links: Download['files'];
    if (source === 'store') {
      const base = (baseUrl ?? config.publicBaseUrl ?? '').replace(/\/+$/, '');
      links = await Promise.all(
        list.map(async (f) => {
          const handle = await store!.resolveFile(k.kind, canonical, f.path);
          return {
            path: f.path,
            size: handle.size,
            url: `${base}/v3/mlhub/${k.plural}/${encodeRepoId(canonical)}/resolve?path=${encodeURIComponent(f.path)}`,
            source,
            sha256: await handle.sha256(),
          };
        }),
      );
    } else {
      const pin = sha ?? 'main';
      links = list.map((f) => ({
        path: f.path,
        size: f.size,
        url: hf.resolveUrl(k.kind, canonical, pin, f.path),
        source,
        // An LFS pointer's oid is the SHA-256 of the content.
        sha256: f.lfs?.oid ?? null,
      }));
    }
    return item({ id: canonical, sha, files: links }, source, listed.stale);
  }

  let ping: { at: number; check: Promise<ReadyCheck> } | null = null;
  /** Each source's check; Hugging Face pinged (`probe`) or as its last exchange went. */
  async function checks(probe: boolean): Promise<ReadyCheck[]> {
    const checks: Array<Promise<ReadyCheck>> = [];
    if (snapshot) {
      checks.push(
        Promise.resolve({
          name: 'snapshot',
          ok: snapshot.models.length > 0,
          detail: `${snapshot.models.length} models, ${snapshot.datasets.length} datasets`,
        }),
      );
    }
    if (store) {
      checks.push(
        store
          .realRoot()
          .then((root) => ({ name: 'store', ok: true, detail: root ?? `${config.storeDir} does not exist yet (an empty store)` }))
          .catch((error: Error) => ({ name: 'store', ok: false, detail: `The model store cannot be read: ${error.message}` })),
      );
    }
    if (hfEnabled && !probe) {
      const last = hf.lastOutcome;
      checks.push(Promise.resolve(last ? { name: 'huggingface', ok: last.ok, detail: last.detail } : { name: 'huggingface', ok: true, detail: `${hf.hubUrl} (not called yet)` }));
    }
    if (hfEnabled && probe) {
      if (!ping || now() - ping.at > PING_TTL_MS) {
        ping = {
          at: now(),
          check: hf
            .ping()
            .then(() => ({ name: 'huggingface', ok: true, detail: hf.hubUrl }))
            .catch((error: Error) => ({ name: 'huggingface', ok: false, detail: error.message })),
        };
      }
      checks.push(ping.check);
    }
    return Promise.all(checks);
  }

  return {
    listModels: (query = {}) => list(models, query),
    modelFacets: async (filters = {}) => {
      const f = await facets(models, filters);
      return { ...f, facets: f.facets as unknown as ModelFacets } satisfies FacetsResult<ModelFacets>;
    },
    getModel: (id) => details(models, id, modelDetails),
    getModelCard: (id, revision) => card(models, id, revision),
    listModelFiles: async (id, revision) => {
      const { entry: _entry, ...rest } = await files(models, id, revision);
      return rest;
    },
    getModelDownload: (id, revision, baseUrl) => download(models, id, revision, baseUrl),

    listDatasets: (query = {}) => list(datasets, query),
    datasetFacets: async (filters = {}) => {
      const f = await facets(datasets, filters);
      return { ...f, facets: f.facets as unknown as DatasetFacets } satisfies FacetsResult<DatasetFacets>;
    },
    getDataset: (id) => details(datasets, id, datasetDetails),
    getDatasetCard: (id, revision) => card(datasets, id, revision),
    listDatasetFiles: async (id, revision) => {
      const { entry: _entry, ...rest } = await files(datasets, id, revision);
      return rest;
    },
    getDatasetDownload: (id, revision, baseUrl) => download(datasets, id, revision, baseUrl),

    resolveStoreFile: async (kind, id, path) => {
      if (!store) throw new ApiError('NOT_FOUND', 'This hub has no model store');
      return store.resolveFile(kind, id, path);
    },
    ready: () => checks(true),
    readiness: async () => {
      const all = await checks(true);
      // Hugging Face answers it has cached still serve while it fails.
      const ready = all.some((c) => c.ok) || (hfEnabled && cache.bytes > 0);
      return { ready, checks: all };
    },
    health: () => checks(false),
    close: async () => {
      await cache.clear();
      localAnswers.clear();
    },
  };
}

export { isServable } from './summaries.js';
export { DEFAULT_HUB_URL };
