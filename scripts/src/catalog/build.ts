import type { DatasetRecord, ModelRecord, Snapshot, SnapshotAliases, SnapshotMeta } from '@mlhub/services/snapshot';
import { shipCards } from './cards.js';
import { enrichFiles } from './files.js';
import { filesKey, type BuildInputs } from './inputs.js';
import { datasetFromRankedRow, domainTags } from './normalise-dataset.js';
import { mergeRecords, modelFromRadarEntry } from './normalise-model.js';
import { sortAliases, sortRecords } from './order.js';
import { snapshotDataset, snapshotModel } from './snapshot-records.js';

const BUILD_NOTES = [
  'Models: the HF//RADAR top-500 of 2026-08 (30-day downloads), with the recorded full API bodies (2025-09) merged over them by id; a full body wins wherever it knows a value.',
  'FLAN-T5 / T5 text-to-text repos keep pipelineTag text2text-generation and carry both text2text-generation and text-generation in tags (Hugging Face relabelled them text-generation in 2025).',
  'Radar entries only say whether a model is gated; gated true is recorded as "manual".',
  "Where a prefix:value tag and the card metadata both give a value (task and size categories, base model, licence, dataset languages), the tag wins: it is the Hub's current reading, and what its filters match.",
  'Datasets: the 2023-03 download ranking (pre-namespace names, 2023 download counts) merged with the recorded full bodies (2025-09) through the renames in aliases.json; likes, gated and lastModified are null where only the ranking knows the dataset.',
  'servable is false throughout: the snapshot holds no weights; the hub decides from its model store.',
  'File sizes and oids are filled only from captures pinned to the same commit as a record (none of the shipped records has one yet), otherwise null.',
];

/** Said in meta.json when card texts are shipped. */
const CARD_NOTE =
  "Card texts (cards.json): the README of each repository the snapshot holds that cards/SOURCES.md lists, byte for byte, under its current id or the old id it was saved under; a model card that loads itself by its old id (from_pretrained('gpt2')) adds that rename to aliases.json.";

/** The snapshot the recorded data describes. Pure: the same inputs give the same snapshot, byte for byte once serialised. */
export function buildSnapshot(inputs: BuildInputs): Snapshot {
  const aliases: SnapshotAliases = { models: {}, datasets: {} };

  const models = new Map<string, ModelRecord>(inputs.radar.map((e) => [e.id, modelFromRadarEntry(e)]));
  for (const { requestedId, body } of inputs.models) {
    const full = snapshotModel(body, `the recorded body of ${requestedId}`);
    full.files = full.sha ? enrichFiles(full.files, inputs.knownFiles.get(filesKey(full.id, full.sha))) : full.files;
    const base = models.get(full.id);
    models.set(full.id, base ? mergeRecords(base, full) : full);
    if (requestedId !== full.id) aliases.models[requestedId] = full.id;
  }

  for (const { requestedId, body } of inputs.datasets) if (requestedId !== body.id) aliases.datasets[requestedId] = body.id;
  const datasets = new Map<string, DatasetRecord>();
  for (const row of inputs.ranking) {
    const record = datasetFromRankedRow(row);
    record.id = aliases.datasets[record.id] ?? record.id;
    if (datasets.has(record.id)) throw new Error(`catalog build: the dataset ranking names ${record.id} twice (after renames)`);
    datasets.set(record.id, record);
  }
  const domains = new Map(inputs.ranking.map((row) => [aliases.datasets[row.dataset_name] ?? row.dataset_name, domainTags(row)]));
  for (const { requestedId, body } of inputs.datasets) {
    const full = snapshotDataset(body, `the recorded body of ${requestedId}`);
    const base = datasets.get(full.id);
    const merged = base ? mergeRecords(base, full) : full;
    for (const tag of domains.get(full.id) ?? []) if (!merged.tags.includes(tag)) merged.tags = [...merged.tags, tag];
    datasets.set(full.id, merged);
  }

  const shipped = inputs.cards ? shipCards(inputs.cards, models, datasets, aliases) : undefined;

  const modelList = sortRecords([...models.values()]);
  const datasetList = sortRecords([...datasets.values()]);
  const sortedAliases = sortAliases(aliases);
  const meta: SnapshotMeta = {
    schemaVersion: 1,
    kind: 'build',
    generator: 'npm run catalog:build (scripts/bin/catalog-build.ts)',
    hubUrl: null,
    inputs: inputs.inputs,
    counts: {
      models: modelList.length,
      datasets: datasetList.length,
      modelAliases: Object.keys(sortedAliases.models).length,
      datasetAliases: Object.keys(sortedAliases.datasets).length,
    },
    notes: shipped ? [...BUILD_NOTES, CARD_NOTE] : BUILD_NOTES,
    ...(shipped ? { cards: shipped.provenance } : {}),
  };
  return { models: modelList, datasets: datasetList, aliases: sortedAliases, meta, ...(shipped ? { cards: shipped.cards } : {}) };
}
