import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { servicesPackageDir } from '../../common/repo-root.js';
import {
  SNAPSHOT_FILES,
  type DatasetRecord,
  type ModelRecord,
  type Snapshot,
  type SnapshotAliases,
  type SnapshotCards,
  type SnapshotMeta,
} from './records.js';

/** A snapshot file that is missing, not JSON, or not shaped as the records say. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`offline catalog snapshot ${file}: ${detail}`);
    this.name = 'SnapshotError';
  }
}

/**
 * The shipped snapshot folder, `services/catalog/`. Found by walking up to the services package, so it
 * resolves the same from `src/` under tsx and from a compiled `dist/src/`.
 */
function defaultSnapshotDir(): string {
  const dir = servicesPackageDir();
  if (dir === null) throw new Error('cannot find the @mlhub/services package folder above the snapshot loader');
  return path.join(dir, 'catalog');
}

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const strOrNull: Check = (v) => v === null || typeof v === 'string';
const count: Check = (v) => Number.isInteger(v) && (v as number) >= 0;
const countOrNull: Check = (v) => v === null || count(v);
const numOrNull: Check = (v) => v === null || typeof v === 'number';
const bool: Check = (v) => typeof v === 'boolean';
const strings: Check = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string');
const gated: Check = (v) => v === false || v === 'auto' || v === 'manual';
const objOrNull: Check = (v) => v === null || (typeof v === 'object' && !Array.isArray(v));
const filesOrNull: Check = (v) =>
  v === null ||
  (Array.isArray(v) &&
    v.every(
      (f) =>
        typeof f === 'object' &&
        f !== null &&
        typeof (f as { path?: unknown }).path === 'string' &&
        countOrNull((f as { size?: unknown }).size) &&
        strOrNull((f as { oid?: unknown }).oid) &&
        objOrNull((f as { lfs?: unknown }).lfs),
    ));

// Every field is checked for type, not content: a few microseconds per record, and a hand-edited or
// truncated file fails at boot with the record and field named instead of as a 500 on some later query.
const MODEL_FIELDS: Record<keyof ModelRecord, Check> = {
  id: str,
  author: strOrNull,
  source: (v) => v === 'snapshot',
  pipelineTag: strOrNull,
  library: strOrNull,
  tags: strings,
  languages: strings,
  license: strOrNull,
  datasets: strings,
  downloads: count,
  likes: count,
  trendingScore: numOrNull,
  createdAt: strOrNull,
  lastModified: strOrNull,
  gated,
  private: bool,
  servable: bool,
  parameters: countOrNull,
  storageBytes: countOrNull,
  baseModel: strOrNull,
  requestedId: strOrNull,
  sha: strOrNull,
  modelType: strOrNull,
  architectures: strings,
  cardData: objOrNull,
  files: filesOrNull,
};

const DATASET_FIELDS: Record<keyof DatasetRecord, Check> = {
  id: str,
  author: strOrNull,
  source: (v) => v === 'snapshot',
  tags: strings,
  languages: strings,
  license: strOrNull,
  taskCategories: strings,
  sizeCategories: strings,
  benchmarks: strings,
  downloads: count,
  likes: countOrNull,
  trendingScore: numOrNull,
  createdAt: strOrNull,
  lastModified: strOrNull,
  gated: (v) => v === null || gated(v),
  private: bool,
  description: strOrNull,
  requestedId: strOrNull,
  sha: strOrNull,
  cardData: objOrNull,
  files: filesOrNull,
};

function readJson(dir: string, file: string): unknown {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (err) {
    throw new SnapshotError(file, `cannot read ${full} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SnapshotError(file, `is not valid JSON (${(err as Error).message})`);
  }
}

function checkRecords<T>(file: string, value: unknown, fields: Record<string, Check>): T[] {
  if (!Array.isArray(value)) throw new SnapshotError(file, 'must hold a JSON array of records');
  const ids = new Set<string>();
  value.forEach((record: unknown, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new SnapshotError(file, `record ${i} is not an object`);
    }
    const r = record as Record<string, unknown>;
    for (const [field, ok] of Object.entries(fields)) {
      if (!ok(r[field])) {
        const where = typeof r.id === 'string' ? `record ${i} (${r.id})` : `record ${i}`;
        throw new SnapshotError(
          file,
          `${where}: field "${field}" is missing or has the wrong type (${JSON.stringify(r[field]) ?? 'undefined'})`,
        );
      }
    }
    if (ids.has(r.id as string)) throw new SnapshotError(file, `record ${i}: duplicate id ${r.id as string}`);
    ids.add(r.id as string);
  });
  return value as T[];
}

function checkAliases(value: unknown, models: ModelRecord[], datasets: DatasetRecord[]): SnapshotAliases {
  const file = SNAPSHOT_FILES.aliases;
  if (typeof value !== 'object' || value === null) throw new SnapshotError(file, 'must hold an object {models, datasets}');
  const known = { models: new Set(models.map((m) => m.id)), datasets: new Set(datasets.map((d) => d.id)) };
  for (const kind of ['models', 'datasets'] as const) {
    const map = (value as Record<string, unknown>)[kind];
    if (typeof map !== 'object' || map === null || Array.isArray(map))
      throw new SnapshotError(file, `"${kind}" must be an object of id -> canonical id`);
    for (const [from, to] of Object.entries(map)) {
      if (typeof to !== 'string') throw new SnapshotError(file, `${kind}.${from} must be a string`);
      if (!known[kind].has(to)) throw new SnapshotError(file, `${kind}.${from} points to ${to}, which is not in the snapshot`);
    }
  }
  return value as SnapshotAliases;
}

function checkCards(value: unknown, models: ModelRecord[], datasets: DatasetRecord[]): SnapshotCards {
  const file = SNAPSHOT_FILES.cards;
  if (typeof value !== 'object' || value === null) throw new SnapshotError(file, 'must hold an object {models, datasets}');
  const known = { models: new Set(models.map((m) => m.id)), datasets: new Set(datasets.map((d) => d.id)) };
  for (const kind of ['models', 'datasets'] as const) {
    const map = (value as Record<string, unknown>)[kind];
    if (typeof map !== 'object' || map === null || Array.isArray(map))
      throw new SnapshotError(file, `"${kind}" must be an object of id -> card text`);
    for (const [id, text] of Object.entries(map)) {
      if (typeof text !== 'string') throw new SnapshotError(file, `${kind}.${id} must be a string`);
      if (!known[kind].has(id)) throw new SnapshotError(file, `${kind}.${id} is the card of a repository that is not in the snapshot`);
    }
  }
  return value as SnapshotCards;
}

function checkMeta(value: unknown): SnapshotMeta {
  const file = SNAPSHOT_FILES.meta;
  if (typeof value !== 'object' || value === null) throw new SnapshotError(file, 'must hold an object');
  const v = (value as { schemaVersion?: unknown }).schemaVersion;
  if (v !== 1) throw new SnapshotError(file, `schemaVersion ${JSON.stringify(v)} is not supported (this hub reads 1)`);
  return value as SnapshotMeta;
}

/**
 * Reads and checks a snapshot folder (default: the shipped `services/catalog/`). Throws `SnapshotError`
 * naming the file, record and field when something is off, so a broken snapshot stops the hub at boot.
 */
export function loadSnapshot(dir: string = defaultSnapshotDir()): Snapshot {
  const meta = checkMeta(readJson(dir, SNAPSHOT_FILES.meta));
  const models = checkRecords<ModelRecord>(SNAPSHOT_FILES.models, readJson(dir, SNAPSHOT_FILES.models), MODEL_FIELDS);
  const datasets = checkRecords<DatasetRecord>(SNAPSHOT_FILES.datasets, readJson(dir, SNAPSHOT_FILES.datasets), DATASET_FIELDS);
  const aliases = checkAliases(readJson(dir, SNAPSHOT_FILES.aliases), models, datasets);
  if (!existsSync(path.join(dir, SNAPSHOT_FILES.cards))) return { models, datasets, aliases, meta };
  const cards = checkCards(readJson(dir, SNAPSHOT_FILES.cards), models, datasets);
  return { models, datasets, aliases, meta, cards };
}
