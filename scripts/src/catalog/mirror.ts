import { datasetInfo, listDatasets, listModels, modelInfo, type ModelAdditionalField } from '@huggingface/hub';
import type { DatasetRecord, ModelRecord, Snapshot, SnapshotAliases, SnapshotMeta } from '@mlhub/services/snapshot';
import { apiBodyFromLibraryEntry } from '@mlhub/services/snapshot';
import { sortAliases, sortRecords } from './order.js';
import { snapshotDataset, snapshotModel } from './snapshot-records.js';

export interface MirrorOptions {
  /** Base URL of a Hugging Face-compatible hub (`https://huggingface.co`). */
  hubUrl: string;
  /** How many of the most downloaded models, and as many datasets, to take. */
  top: number;
  /** Hub access token, sent as `Authorization: Bearer`; needed for gated or private repos. */
  token?: string | undefined;
  /** Ids to take besides the top ones (a renamed id records an alias). */
  extraModels?: string[];
  extraDatasets?: string[];
  /** Budget of one hub request; default 30 s. */
  timeoutMs?: number;
  /** Requests in flight at once for details; default 4. */
  concurrency?: number;
  /** Underlying fetch (tests, proxies); default `globalThis.fetch`. */
  fetch?: typeof fetch;
}

/**
 * Fetch that adds the token and a time budget to every hub request. The token goes through here rather than
 * `accessToken`, which @huggingface/hub refuses unless it starts with `hf_`: self-hosted hubs issue others.
 */
function hubFetch(token: string | undefined, timeoutMs: number, base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    return base(input, { ...init, headers, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  };
}

// Everything the shared normaliser (`modelFromApiBody`) reads. `usedStorage` and `trendingScore` are expandable
// on the Hub API but missing from @huggingface/hub's key list; the library passes unknown keys through unchanged.
const MODEL_FIELDS = [
  'author',
  'cardData',
  'config',
  'createdAt',
  'library_name',
  'safetensors',
  'sha',
  'tags',
  'transformersInfo',
  'filePaths',
  'usedStorage',
  'trendingScore',
] as ModelAdditionalField[];
type DatasetField = 'author' | 'cardData' | 'createdAt' | 'description' | 'paperswithcode_id' | 'sha' | 'tags';
const DATASET_FIELDS = [
  'author',
  'cardData',
  'createdAt',
  'description',
  'paperswithcode_id',
  'sha',
  'tags',
  'siblings',
  'trendingScore',
] as DatasetField[];

async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Adds `extra` ids not already in `ranked`, keeping the ranking's order first. */
type Wanted = { name: string; revision?: string };
const withExtras = (ranked: Wanted[], extra: string[]): Wanted[] => [
  ...ranked,
  ...extra.filter((x) => !ranked.some((r) => r.name === x)).map((name) => ({ name })),
];

/**
 * A snapshot of a live hub: the `top` most downloaded models and datasets (list sorted by downloads, `Link`
 * pages followed by @huggingface/hub), each with its details pinned to the commit the list reported.
 */
export async function mirrorSnapshot(opts: MirrorOptions): Promise<{ snapshot: Snapshot; capturedAt: string }> {
  const capturedAt = new Date().toISOString();
  const fetch = hubFetch(opts.token, opts.timeoutMs ?? 30_000, opts.fetch);
  const common = { hubUrl: opts.hubUrl, fetch };
  const concurrency = opts.concurrency ?? 4;
  const aliases: SnapshotAliases = { models: {}, datasets: {} };

  const rankedModels: Wanted[] = [];
  for await (const m of listModels({ ...common, sort: 'downloads', limit: opts.top, additionalFields: ['sha'] })) {
    rankedModels.push({ name: m.name, ...(m.sha ? { revision: m.sha } : {}) });
  }
  const models = await pool(withExtras(rankedModels, opts.extraModels ?? []), concurrency, async ({ name, revision }) => {
    const record = snapshotModel(
      apiBodyFromLibraryEntry(await modelInfo({ ...common, name, additionalFields: MODEL_FIELDS, ...(revision ? { revision } : {}) })),
      `${opts.hubUrl}'s answer for model ${name}`,
    );
    if (record.id !== name) aliases.models[name] = record.id;
    return record;
  });

  const rankedDatasets: Wanted[] = [];
  for await (const d of listDatasets({ ...common, sort: 'downloads', limit: opts.top, additionalFields: ['sha'] })) {
    rankedDatasets.push({ name: d.name, ...(d.sha ? { revision: d.sha } : {}) });
  }
  const datasets = await pool(withExtras(rankedDatasets, opts.extraDatasets ?? []), concurrency, async ({ name, revision }) => {
    const record = snapshotDataset(
      apiBodyFromLibraryEntry(await datasetInfo({ ...common, name, additionalFields: DATASET_FIELDS, ...(revision ? { revision } : {}) })),
      `${opts.hubUrl}'s answer for dataset ${name}`,
    );
    if (record.id !== name) aliases.datasets[name] = record.id;
    return record;
  });

  const modelList = dedupe(sortRecords(models));
  const datasetList = dedupe(sortRecords(datasets));
  const sortedAliases = sortAliases(aliases);
  const meta: SnapshotMeta = {
    schemaVersion: 1,
    kind: 'mirror',
    generator: 'npm run catalog:mirror (scripts/bin/catalog-mirror.ts)',
    hubUrl: opts.hubUrl,
    inputs: [
      {
        path: `${opts.hubUrl}/api/models?sort=downloads`,
        sha256: null,
        origin: opts.hubUrl,
        licence: 'per repository',
        captured: capturedAt,
      },
      {
        path: `${opts.hubUrl}/api/datasets?sort=downloads`,
        sha256: null,
        origin: opts.hubUrl,
        licence: 'per repository',
        captured: capturedAt,
      },
    ],
    counts: {
      models: modelList.length,
      datasets: datasetList.length,
      modelAliases: Object.keys(sortedAliases.models).length,
      datasetAliases: Object.keys(sortedAliases.datasets).length,
    },
    notes: [
      `Top ${opts.top} models and datasets by downloads of ${opts.hubUrl}, details pinned to the listed commit.`,
      'FLAN-T5 / T5 text-to-text repos keep pipelineTag text2text-generation and carry both text2text-generation and text-generation in tags.',
      'servable is false throughout: the snapshot holds no weights; the hub decides from its model store.',
    ],
  };
  return { snapshot: { models: modelList, datasets: datasetList, aliases: sortedAliases, meta }, capturedAt };
}

/** An extra id that was a rename of a ranked one resolves to the same record; keep it once. */
function dedupe<T extends ModelRecord | DatasetRecord>(records: T[]): T[] {
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.id) && seen.add(r.id));
}
