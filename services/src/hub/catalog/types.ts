/**
 * The catalog facade's public types: what `createCatalog` takes and answers. The answer shapes are the spec's
 * own (`openapi/hub/models.yaml`, `datasets.yaml`, `common.yaml`), as the SDK generates them, so a route can
 * put them in the envelope unchanged and a change of the spec breaks `tsc` here instead of drifting. Keep
 * this file stable: the routes code against it.
 */
import type {
  Card,
  components,
  DatasetDetails,
  DatasetFacets,
  DatasetSummary,
  Download,
  ModelDetails,
  ModelFacets,
  ModelSummary,
  RepoFiles,
  SourceName,
  SourceStatus,
} from '@mlhub/sdk';
import type { Snapshot } from './records.js';

type Schemas = components['schemas'];

// ---------------------------------------------------------------- answers (spec schemas, as the SDK names them)

export type {
  Card,
  DatasetDetails,
  DatasetFacets,
  DatasetSummary,
  Download,
  FacetCount,
  ModelDetails,
  ModelFacets,
  ModelSummary,
  RepoFile,
  RepoFiles,
  SourceName,
  SourceStatus,
} from '@mlhub/sdk';
export type CardSections = Schemas['Card']['sections'];
export type Gated = Schemas['Gated'];
export type Direction = components['parameters']['Direction'];
export type RepoKind = 'model' | 'dataset';

// The runtime lists of the spec's unions. Each `satisfies` proves a list names nothing the spec lacks, and
// `_ListsCoverSpec` that it names everything the spec has, so neither can drift from the spec.
const _SOURCE_NAMES = ['huggingface', 'snapshot', 'store'] as const satisfies readonly Schemas['SourceName'][];

/** The sort keys of models and datasets alike (the spec's `ModelSort` and `DatasetSort` are the same list). */
type SharedSort = Extract<Schemas['ModelSort'], Schemas['DatasetSort']>;
export const SORT_KEYS = ['downloads', 'likes', 'created', 'updated', 'trending', 'id'] as const satisfies readonly SharedSort[];
export type SortKey = (typeof SORT_KEYS)[number];

export const DATASET_SIZE_CATEGORIES = [
  'n<1K',
  '1K<n<10K',
  '10K<n<100K',
  '100K<n<1M',
  '1M<n<10M',
  '10M<n<100M',
  '100M<n<1B',
  '1B<n<10B',
  '10B<n<100B',
  '100B<n<1T',
  'n>1T',
] as const satisfies readonly Schemas['DatasetSizeCategory'][];

type Covers<List extends readonly unknown[], Union> = [Exclude<Union, List[number]>] extends [never] ? true : false;
type Holds<Check extends true> = Check;
type _ListsCoverSpec = [
  Holds<Covers<typeof _SOURCE_NAMES, Schemas['SourceName']>>,
  Holds<Covers<typeof SORT_KEYS, Schemas['ModelSort']>>,
  Holds<Covers<typeof SORT_KEYS, Schemas['DatasetSort']>>,
  Holds<Covers<typeof DATASET_SIZE_CATEGORIES, Schemas['DatasetSizeCategory']>>,
];

// ---------------------------------------------------------------- queries

/** Filters of `listModels` / `getModelFacets`; every given filter applies at once. */
export interface ModelFilters {
  /** Case-insensitive substring of the id. */
  search?: string;
  author?: string;
  /** `text-generation` also finds its subtask `text2text-generation` (FLAN-T5). */
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

/** An image of a Hugging Face repository's card, checked (type, first bytes, size) and held as the cache holds it. */
export interface CardImage {
  /** The type it is sent with: the image's own, `application/octet-stream` for SVG. */
  type: string;
  /** Sent as an attachment, never rendered on the hub's origin (SVG). */
  attachment: boolean;
  /** The bytes, base64: JSON-able, so the upstream cache counts them in its byte bound. */
  base64: string;
}

/** A file the `resolve` operations answer: any file of a store repository, or a card image of Hugging Face. */
export type RepoFileAnswer =
  | { store: StoreFileHandle }
  | {
      image: CardImage;
      etag: string;
      /** Read at a commit sha, so it never changes. */
      immutable: boolean;
    };

/** One source's health: the spec's `ReadinessCheck`. */
export type ReadyCheck = Schemas['ReadinessCheck'];

/** Whether this hub can serve (some source answers), with every source's check. */
export interface Readiness {
  ready: boolean;
  checks: ReadyCheck[];
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
  /**
   * A file for the `resolve` operations: any file of a store repository, else an image of the Hugging Face
   * repository at `revision` (403 FORBIDDEN for any other path, 422 over the image cap, 5xx when Hugging Face fails).
   */
  resolveFile(kind: RepoKind, id: string, path: string, revision?: string): Promise<RepoFileAnswer>;
  /**
   * For `/ready`: each enabled source's check (Hugging Face pinged at most every 30 s); ready while any source can
   * answer (the snapshot, the store, Hugging Face or its cached answers), so a failing Hugging Face does not take a
   * hub down that still serves. Never throws.
   */
  readiness(): Promise<Readiness>;
  /** For `/health`: each source's last known health, without calling upstream. Never throws. */
  health(): Promise<ReadyCheck[]>;
  /** Stops background work (none today); lets tests close what they start. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------- configuration

export interface HuggingFaceConfig {
  /** Default `https://huggingface.co`. */
  hubUrl?: string;
  /** Sent as `Authorization: Bearer` by the custom fetch; never logged. */
  token?: string;
  /** Time budget of one client request's upstream calls (all of them together), default 5000 ms. */
  timeoutMs?: number;
  /** Largest upstream body read; a larger one is a 502 UPSTREAM_ERROR. Default 8 MiB. */
  maxBodyBytes?: number;
  /** Largest card image read (`MLHUB_CARD_IMAGE_MAX_BYTES`); a larger one is a 422 UNPROCESSABLE. Default 5 MiB. */
  imageMaxBytes?: number;
  /** `https` hosts a card image's redirect may lead to besides the hub itself (`MLHUB_CARD_IMAGE_HOSTS`); default Hugging Face's CDN hosts. */
  imageHosts?: readonly string[];
  /** Clock of the time budgets (tests inject one). */
  now?: () => number;
  /** Injected fetch (tests pass `(r, i) => globalThis.fetch(r, i)` so msw sees it). */
  fetch?: typeof fetch;
}

export interface CacheConfig {
  /** Bytes of cached upstream answers (their JSON size), default 64 MiB. */
  maxBytes?: number;
  /** Entries at most (on top of the byte bound); default no entry limit. */
  max?: number;
  /** Freshness, default 5 minutes. */
  ttlMs?: number;
  /** How long a stale entry is kept to serve when the upstream fails, default 1 hour. */
  staleTtlMs?: number;
  /** How long a failed upstream call is remembered (answered without calling again), default 0; a 429 is remembered for its `Retry-After`. */
  failureTtlMs?: number;
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
  /** Clock of the caches and time budgets (tests inject one). */
  now?: () => number;
  /** Key that signs list cursors (`ensureCursorKey`); default a random one, so cursors hold for this process only. */
  cursorKey?: Buffer;
  /** How long a scan of the store folder is reused, default 2000 ms. */
  storeRescanMs?: number;
  /**
   * How many list and facet answers of the local sources are remembered until their data changes, default
   * 1000; 0 answers every call from the indexes (what a benchmark of the indexes wants).
   */
  rememberedAnswers?: number;
}
