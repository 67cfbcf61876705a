/**
 * Records of the offline catalog snapshot (`services/catalog/`), as written by `npm run catalog:build` and
 * `npm run catalog:mirror` and read by `loadSnapshot`. They follow the spec's `ModelDetails` and
 * `DatasetDetails` field for field (camelCase, `null` where the sources do not know a value): their types are
 * those answers' types with these deliberate differences, because the snapshot stores facts and the hub
 * derives answers from them:
 * - `files` is the file list (`RepoFile`s), not the count the details answer carries: the hub answers
 *   `listModelFiles` and downloads from it and reports `files.length` as the count. `null` when the source
 *   listed no files at all (the top-500 ranking carries none).
 * - `cardData` is `null` when the source held no card metadata; the spec's object is then `{}`.
 * - `source` is always `snapshot`; a dataset's `likes` and `gated` are `null` where no capture says.
 */

import type { DatasetDetails, Gated, ModelDetails, RepoFile } from './types.js';

export type { Gated };

/** One file of a repository, as the spec's `RepoFile`; a field is `null` when no capture knows it. */
export type RepoFileRecord = RepoFile;

/** What every snapshot record holds instead of the details answer's field. */
interface SnapshotFacts {
  source: 'snapshot';
  cardData: Record<string, unknown> | null;
  files: RepoFileRecord[] | null;
}

/**
 * `servable` is always `false` here: the snapshot holds no weights, the hub decides from the model store.
 * `requestedId` is per request in the hub's answers; the snapshot stores canonical ids, renames live in `aliases.json`.
 */
export type ModelRecord = Omit<ModelDetails, keyof SnapshotFacts> & SnapshotFacts;

export type DatasetRecord = Omit<DatasetDetails, keyof SnapshotFacts | 'likes' | 'gated'> &
  SnapshotFacts & {
    /** `null` for entries known only from the 2023 download ranking, which has no likes. */
    likes: number | null;
    /** `null` for entries known only from the 2023 download ranking, which does not say. */
    gated: Gated | null;
  };

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
  /** Where each shipped card text (`cards.json`) comes from; absent when none is shipped. */
  cards?: CardProvenance[];
}

/** The origin of one shipped card text. */
export interface CardProvenance {
  /** The snapshot id the card is shipped under. */
  id: string;
  kind: 'model' | 'dataset';
  /** The public repository the copy was taken from, the path in it and its commit. */
  sourceRepo: string;
  file: string;
  commit: string;
  cardDate: string;
  /** The card's own `license:` (for datasets, the data's). */
  cardLicence: string;
}

/** Card texts (the repository README, front matter included, byte for byte) by snapshot id. */
export interface SnapshotCards {
  models: Record<string, string>;
  datasets: Record<string, string>;
}

export interface Snapshot {
  models: ModelRecord[];
  datasets: DatasetRecord[];
  aliases: SnapshotAliases;
  meta: SnapshotMeta;
  /** Absent in a snapshot without card texts (a mirror, an older build): cards then carry metadata only. */
  cards?: SnapshotCards;
}

/** The files a snapshot folder holds, besides the human-readable `ATTRIBUTION.md`. */
export const SNAPSHOT_FILES = {
  models: 'models.json',
  datasets: 'datasets.json',
  aliases: 'aliases.json',
  meta: 'meta.json',
  /** Optional: `SnapshotCards`. */
  cards: 'cards.json',
  attribution: 'ATTRIBUTION.md',
} as const;
