/**
 * The catalog facade's public types: what `createCatalog` takes and answers. The answer shapes are the spec's
 * (`openapi/hub/models.yaml`, `datasets.yaml`, `common.yaml`) field for field, so a route can put them in the
 * envelope unchanged. Keep this file stable: the routes code against it.
 */
import type { Snapshot } from './records.js';

export type SourceName = 'huggingface' | 'snapshot' | 'store';
export const SOURCE_NAMES: readonly SourceName[] = ['huggingface', 'snapshot', 'store'];

export type Gated = false | 'auto' | 'manual';
export type RepoKind = 'model' | 'dataset';

export const SORT_KEYS = ['downloads', 'likes', 'created', 'updated', 'trending', 'id'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Direction = 'asc' | 'desc';

export const DATASET_SIZE_CATEGORIES = [
  'n<1K', '1K<n<10K', '10K<n<100K', '100K<n<1M', '1M<n<10M', '10M<n<100M', '100M<n<1B', '1B<n<10B', '10B<n<100B',
  '100B<n<1T', 'n>1T',
] as const;

// ---------------------------------------------------------------- answers (spec schemas)

export interface ModelSummary {
  id: string;
  author: string | null;
  source: SourceName;
  pipelineTag: string | null;
  library: string | null;
  tags: string[];
  languages: string[];
  license: string | null;
  datasets: string[];
  downloads: number;
  likes: number;
  trendingScore: number | null;
  createdAt: string | null;
  lastModified: string | null;
  gated: Gated;
  private: boolean;
  servable: boolean;
  parameters: number | null;
  storageBytes: number | null;
  baseModel: string | null;
}

export interface ModelDetails extends ModelSummary {
  requestedId: string | null;
  sha: string | null;
  modelType: string | null;
  architectures: string[];
  cardData: Record<string, unknown>;
  /** How many files the repository holds. */
  files: number;
}

export interface DatasetSummary {
  id: string;
  author: string | null;
  source: SourceName;
  tags: string[];
  languages: string[];
  license: string | null;
  taskCategories: string[];
  sizeCategories: string[];
  benchmarks: string[];
  downloads: number;
  likes: number;
  trendingScore: number | null;
  createdAt: string | null;
  lastModified: string | null;
  gated: Gated;
  private: boolean;
  description: string | null;
}

export interface DatasetDetails extends DatasetSummary {
  requestedId: string | null;
  sha: string | null;
  cardData: Record<string, unknown>;
  files: number;
}

export interface LfsInfo {
  oid: string;
  size: number;
  pointerSize?: number;
}

export interface RepoFile {
  path: string;
  size: number | null;
  oid: string | null;
  lfs: LfsInfo | null;
}

export interface RepoFiles {
  id: string;
  sha: string | null;
  files: RepoFile[];
}

export interface DownloadLink {
  path: string;
  size: number | null;
  /** Hugging Face `resolve/{sha}/{path}` URL, or for store files this hub's `downloadModelFile` /
   * `downloadDatasetFile` URL (`{base}/v3/mlhub/models/{id}/resolve?path=...`; relative when no base is known). */
  url: string;
  source: SourceName;
  sha256: string | null;
}

export interface Download {
  id: string;
  sha: string | null;
  files: DownloadLink[];
}

export interface CardSections {
  present: string[];
  missing: string[];
}

export interface Card {
  id: string;
  sha: string | null;
  /** The YAML front matter (`{}` when there is none). */
  metadata: Record<string, unknown>;
  /** The Markdown body without the front matter. */
  text: string;
  sections: CardSections;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface ModelFacets {
  task: FacetCount[];
  library: FacetCount[];
  language: FacetCount[];
  license: FacetCount[];
}

export interface DatasetFacets {
  task: FacetCount[];
  size: FacetCount[];
  language: FacetCount[];
  license: FacetCount[];
}

export interface SourceStatus {
  source: SourceName;
  ok: boolean;
  /** The source's part came from cache because the source failed. */
  stale?: boolean;
  /** Why the source failed. */
  error?: string;
}

// ---------------------------------------------------------------- queries

/** Filters of `listModels` / `getModelFacets`; every given filter applies at once. */
export interface ModelFilters {
  /** Case-insensitive substring of the id. */
  search?: string;
  author?: string;
  /** `text-generation` and `text2text-generation` find each other. */
  task?: string;
  library?: string;
  language?: string;
  license?: string;
  dataset?: string;
  /** Every tag must be present. */
  tags?: string[];
  gated?: boolean;
  servable?: boolean;
  source?: SourceName;
}

export interface DatasetFilters {
  search?: string;
  author?: string;
  task?: string;
  size?: string;
  language?: string;
  license?: string;
  benchmark?: string;
  tags?: string[];
  gated?: boolean;
  source?: SourceName;
}

export interface Paging {
  /** Default `downloads`. */
  sort?: SortKey;
  /** Default `desc`. */
  direction?: Direction;
  /** 1..100, default 20. */
  limit?: number;
  /** `nextCursor` of the previous page; a cursor from another query is refused (INVALID_PARAMETER). */
  cursor?: string;
}

export type ModelListQuery = ModelFilters & Paging;
export type DatasetListQuery = DatasetFilters & Paging;

// ---------------------------------------------------------------- facade results

/** A list page: the spec's `result` (`items`) plus `ListMetadata` fields and the answer's entity tag. */
export interface ListPage<T> {
  items: T[];
  limit: number;
  /** Null when a source in play (Hugging Face) cannot count. */
  total: number | null;
  nextCursor: string | null;
  partial: boolean;
  sources: SourceStatus[];
  /** Strong entity tag of `items` + paging metadata, quoted, for `ETag` / `If-None-Match`. */
  etag: string;
}

export interface FacetsResult<F> {
  facets: F;
  partial: boolean;
  sources: SourceStatus[];
  etag: string;
}

/** One item answer: the spec's `result` plus `ItemMetadata` fields. */
export interface ItemResult<T> {
  result: T;
  source: SourceName;
  /** Served from cache because the upstream failed. */
  stale: boolean;
  etag: string;
}

/** A file of the store, resolved safely; open `absolutePath` only through this object. */
export interface StoreFileHandle {
  kind: RepoKind;
  id: string;
  /** Path inside the repository, `/`-separated. */
  path: string;
  /** Real path on disk, inside the store root. */
  absolutePath: string;
  size: number;
  mtimeMs: number;
  /** Quoted strong ETag from size, mtime and inode (cheap; no hashing). */
  etag: string;
  /** Hex SHA-256 of the whole file, computed once per (mtime, size) and cached. */
  sha256(): Promise<string>;
}

export interface ReadyCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface Catalog {
  listModels(query?: ModelListQuery): Promise<ListPage<ModelSummary>>;
  modelFacets(filters?: ModelFilters): Promise<FacetsResult<ModelFacets>>;
  getModel(id: string): Promise<ItemResult<ModelDetails>>;
  getModelCard(id: string, revision?: string): Promise<ItemResult<Card>>;
  listModelFiles(id: string, revision?: string): Promise<ItemResult<RepoFiles>>;
  /** `baseUrl` (`https://hub.example.org`, from the request) makes store links absolute; else `publicBaseUrl`. */
  getModelDownload(id: string, revision?: string, baseUrl?: string): Promise<ItemResult<Download>>;

  listDatasets(query?: DatasetListQuery): Promise<ListPage<DatasetSummary>>;
  datasetFacets(filters?: DatasetFilters): Promise<FacetsResult<DatasetFacets>>;
  getDataset(id: string): Promise<ItemResult<DatasetDetails>>;
  getDatasetCard(id: string, revision?: string): Promise<ItemResult<Card>>;
  listDatasetFiles(id: string, revision?: string): Promise<ItemResult<RepoFiles>>;
  getDatasetDownload(id: string, revision?: string, baseUrl?: string): Promise<ItemResult<Download>>;

  /** A store file for streaming; throws ApiError NOT_FOUND / INVALID_PARAMETER, never resolves outside the store. */
  resolveStoreFile(kind: RepoKind, id: string, path: string): Promise<StoreFileHandle>;
  /** Readiness of each enabled source (never throws). */
  ready(): Promise<ReadyCheck[]>;
  /** Stops background work (none today); lets tests close what they start. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------- configuration

export interface HuggingFaceConfig {
  /** Default `https://huggingface.co`. */
  hubUrl?: string;
  /** Sent as `Authorization: Bearer` by the custom fetch; never logged. */
  token?: string;
  /** Time budget of one upstream request, default 5000 ms. */
  timeoutMs?: number;
  /** Injected fetch (tests pass `(r, i) => globalThis.fetch(r, i)` so msw sees it). */
  fetch?: typeof fetch;
}

export interface CacheConfig {
  /** Entries, default 5000. */
  max?: number;
  /** Freshness, default 5 minutes. */
  ttlMs?: number;
  /** How long a stale entry is kept to serve when the upstream fails, default 1 hour. */
  staleTtlMs?: number;
}

export interface CatalogConfig {
  /** Enabled sources; default every source that is configured. */
  sources?: SourceName[];
  /** A loaded snapshot (`loadSnapshot`); the snapshot source is off without it. */
  snapshot?: Snapshot;
  /** The model store folder (`<store>/models/...`, `<store>/datasets/...`); the store source is off without it. */
  storeDir?: string;
  huggingface?: HuggingFaceConfig;
  cache?: CacheConfig;
  /** Absolute base of this hub (`https://hub.example.org`) for store download links when the caller gives none. */
  publicBaseUrl?: string;
  /** How long a scan of the store folder is reused, default 2000 ms. */
  storeRescanMs?: number;
  /**
   * How many list and facet answers of the local sources are remembered until their data changes, default
   * 1000; 0 answers every call from the indexes (what a benchmark of the indexes wants).
   */
  rememberedAnswers?: number;
}
