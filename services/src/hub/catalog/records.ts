/**
 * Records of the offline catalog snapshot (`services/catalog/`), as written by `npm run catalog:build` and
 * `npm run catalog:mirror` and read by `loadSnapshot`. They follow the spec's `ModelDetails` and
 * `DatasetDetails` field for field (camelCase, `null` where the sources do not know a value), with two
 * deliberate differences, both because the snapshot stores facts and the hub derives answers from them:
 * - `files` is the file list (`RepoFile`s), not the count the details answer carries: the hub answers
 *   `listModelFiles` and downloads from it and reports `files.length` as the count. `null` when the source
 *   listed no files at all (the top-500 ranking carries none).
 * - `cardData` is `null` when the source held no card metadata; the spec's object is then `{}`.
 */

/** Whether access needs approval on Hugging Face. */
export type Gated = false | 'auto' | 'manual';

export interface LfsPointer {
  /** SHA-256 of the file content. */
  oid: string;
  size: number;
  pointerSize?: number;
}

/** One file of a repository, as the spec's `RepoFile`; a field is `null` when no capture knows it. */
export interface RepoFileRecord {
  path: string;
  size: number | null;
  /** Git blob id. */
  oid: string | null;
  lfs: LfsPointer | null;
}

export interface ModelRecord {
  id: string;
  author: string | null;
  source: 'snapshot';
  pipelineTag: string | null;
  library: string | null;
  tags: string[];
  languages: string[];
  license: string | null;
  datasets: string[];
  /** Downloads over the last 30 days, as of the capture. */
  downloads: number;
  likes: number;
  trendingScore: number | null;
  createdAt: string | null;
  lastModified: string | null;
  gated: Gated;
  private: boolean;
  /** Always `false` here: the snapshot holds no weights; the hub decides from the model store. */
  servable: boolean;
  parameters: number | null;
  storageBytes: number | null;
  baseModel: string | null;
  /** Per request in the hub's answers; the snapshot stores canonical ids, renames live in `aliases.json`. */
  requestedId: string | null;
  sha: string | null;
  modelType: string | null;
  architectures: string[];
  cardData: Record<string, unknown> | null;
  files: RepoFileRecord[] | null;
}

export interface DatasetRecord {
  id: string;
  author: string | null;
  source: 'snapshot';
  tags: string[];
  languages: string[];
  license: string | null;
  taskCategories: string[];
  sizeCategories: string[];
  /** Papers-with-code ids / benchmark names the dataset is known as. */
  benchmarks: string[];
  downloads: number;
  /** `null` for entries known only from the 2023 download ranking, which has no likes. */
  likes: number | null;
  trendingScore: number | null;
  createdAt: string | null;
  lastModified: string | null;
  /** `null` for entries known only from the 2023 download ranking, which does not say. */
  gated: Gated | null;
  private: boolean;
  description: string | null;
  requestedId: string | null;
  sha: string | null;
  cardData: Record<string, unknown> | null;
  files: RepoFileRecord[] | null;
}

/** Renamed or legacy ids (what a client may ask for) to the canonical id, per kind. */
export interface SnapshotAliases {
  models: Record<string, string>;
  datasets: Record<string, string>;
}

export interface SnapshotInput {
  /** Path relative to the data folder (build) or the hub URL (mirror). */
  path: string;
  /** SHA-256 of the input bytes; `null` for a live hub. */
  sha256: string | null;
  origin: string;
  licence: string;
  /** When the input was captured (ISO date or range). */
  captured: string;
}

export interface SnapshotMeta {
  schemaVersion: 1;
  /** `build` from the recorded data, or `mirror` from a live hub. */
  kind: 'build' | 'mirror';
  generator: string;
  /** Hub URL a mirror was taken from; `null` for a build. */
  hubUrl: string | null;
  inputs: SnapshotInput[];
  counts: { models: number; datasets: number; modelAliases: number; datasetAliases: number };
  notes: string[];
}

export interface Snapshot {
  models: ModelRecord[];
  datasets: DatasetRecord[];
  aliases: SnapshotAliases;
  meta: SnapshotMeta;
}

/** The files a snapshot folder holds, besides the human-readable `ATTRIBUTION.md`. */
export const SNAPSHOT_FILES = {
  models: 'models.json',
  datasets: 'datasets.json',
  aliases: 'aliases.json',
  meta: 'meta.json',
  attribution: 'ATTRIBUTION.md',
} as const;
