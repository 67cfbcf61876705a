import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RepoFileRecord, SnapshotInput } from '@mlhub/services/snapshot';
import type { ApiDatasetBody, ApiModelBody, ApiSibling, ApiTreeEntry } from '@mlhub/services/snapshot';
import { filesFromSiblings, filesFromTree } from '@mlhub/services/snapshot';
import { readCardSources, type CardSource } from './cards.js';
import { parseCsv } from './csv.js';
import type { RankedDatasetRow } from './normalise-dataset.js';
import type { RadarModelEntry } from './normalise-model.js';

/** The recorded data in `../shared/data` the build reads; every file named here is described in its SOURCES.md. */
const INPUT_FILES = {
  radar: 'catalog/models-top500-2026-08.json',
  ranking: 'catalog/datasets-top500-2023-03.csv',
  index: 'hf-api/INDEX.json',
  tree: 'hf-api/tree_bert-base-uncased.json',
  blobs: 'hf-api/model-info-blobs.json',
  cards: 'cards/SOURCES.md',
} as const;

/** Where each input comes from, its licence and capture date, as SOURCES.md gives them. */
const ORIGINS: Record<string, { origin: string; licence: string; captured?: string }> = {
  [INPUT_FILES.radar]: {
    origin: 'Radar HuggingFace Dataset / HF//RADAR (github.com/686f6c61/radar-huggingface-dataset); metadata source: Hugging Face Hub',
    licence: 'CC-BY-4.0',
  },
  [INPUT_FILES.ranking]: {
    origin: 'github.com/YoungXinyu1802/HuggingFace-Dataset-Card-Analysis (top 500 datasets by downloads)',
    licence: 'MIT',
    captured: '2023-03',
  },
  [INPUT_FILES.index]: {
    origin: 'index of the hf-api captures (request made, canonical id returned)',
    licence: 'MIT',
    captured: '2025-09-21..2025-09-23',
  },
  [INPUT_FILES.tree]: {
    origin: 'github.com/huggingface/huggingface.js packages/hub/src/lib/list-files.spec.ts',
    licence: 'MIT',
    captured: '2025-06',
  },
  [INPUT_FILES.blobs]: {
    origin: 'github.com/huggingface/hf-hub src/api/sync.rs (detailed_info test)',
    licence: 'Apache-2.0',
    captured: '2026',
  },
  [INPUT_FILES.cards]: {
    origin: 'index of the Hugging Face card texts in cards/ (each card: source repository, commit, date, licence, sha256)',
    licence: 'each card its own; see ATTRIBUTION.md',
    captured: '2023..2025',
  },
  body: {
    origin:
      'github.com/daniel-p-green/alain-ai-learning-platform: recorded Hugging Face API bodies (model card metadata of Apache-2.0 / other-licensed model repos)',
    licence: 'MIT',
  },
};

/** The capture replaced dataset card prose by this marker; it is not a description. */
const REMOVED_PROSE = '(removed: card prose)';

interface IndexEntry {
  file: string;
  requested: string;
  canonical_id: string;
  captured: string;
}

interface CapturedBody<T> {
  /** The id the capture asked for (`t5-small`), which may differ from `body.id`. */
  requestedId: string;
  body: T;
  captured: string;
}

export interface BuildInputs {
  radar: RadarModelEntry[];
  models: CapturedBody<ApiModelBody>[];
  datasets: CapturedBody<ApiDatasetBody>[];
  ranking: RankedDatasetRow[];
  /** File lists with sizes and oids, by `${repoId}@${sha}`: only a capture at the same commit applies. */
  knownFiles: Map<string, RepoFileRecord[]>;
  inputs: SnapshotInput[];
  /** Card texts with their origin; a build without them ships cards with metadata only. */
  cards?: CardSource[];
}

export const filesKey = (id: string, sha: string) => `${id}@${sha}`;

export function readBuildInputs(dataDir: string): BuildInputs {
  const inputs: SnapshotInput[] = [];
  const read = (rel: string, captured?: string): string => {
    const full = path.join(dataDir, rel);
    let bytes: Buffer;
    try {
      bytes = readFileSync(full);
    } catch (err) {
      throw new Error(
        `catalog build: cannot read input ${full} (${(err as NodeJS.ErrnoException).code ?? String(err)}); pass --data <folder of SOURCES.md>`,
      );
    }
    const o = ORIGINS[rel] ?? ORIGINS.body!;
    inputs.push({
      path: rel,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      origin: o.origin,
      licence: o.licence,
      captured: captured ?? o.captured ?? '',
    });
    return bytes.toString('utf8');
  };

  const radarDoc = JSON.parse(read(INPUT_FILES.radar)) as { index_updated_at: string; entries: RadarModelEntry[] };
  inputs[inputs.length - 1]!.captured = radarDoc.index_updated_at.slice(0, 10);
  const index = JSON.parse(read(INPUT_FILES.index)) as IndexEntry[];
  const models: CapturedBody<ApiModelBody>[] = [];
  const datasets: CapturedBody<ApiDatasetBody>[] = [];
  for (const entry of index) {
    const m = /^GET \/api\/(models|datasets)\/(.+)$/.exec(entry.requested);
    if (!m) throw new Error(`catalog build: ${INPUT_FILES.index}: cannot read request "${entry.requested}"`);
    const body = JSON.parse(read(`hf-api/${entry.file}`, entry.captured.slice(0, 10))) as ApiModelBody & ApiDatasetBody;
    if (body.id !== entry.canonical_id)
      throw new Error(`catalog build: hf-api/${entry.file} holds ${body.id}, INDEX.json says ${entry.canonical_id}`);
    if (m[1] === 'models') models.push({ requestedId: m[2]!, body, captured: entry.captured });
    else {
      for (const key of ['description', 'citation'] as const)
        if (body[key as 'description'] === REMOVED_PROSE) delete body[key as 'description'];
      datasets.push({ requestedId: m[2]!, body, captured: entry.captured });
    }
  }

  const ranking = parseCsv(read(INPUT_FILES.ranking)) as unknown as RankedDatasetRow[];

  const knownFiles = new Map<string, RepoFileRecord[]>();
  const tree = JSON.parse(read(INPUT_FILES.tree)) as { _about: string; tree_plain: ApiTreeEntry[] };
  const at = /\/api\/models\/(.+)\/tree\/([0-9a-f]{40})/.exec(tree._about);
  if (!at) throw new Error(`catalog build: ${INPUT_FILES.tree}: cannot find the repository and commit in _about`);
  knownFiles.set(filesKey(at[1]!, at[2]!), filesFromTree(tree.tree_plain));
  const blobs = JSON.parse(read(INPUT_FILES.blobs)) as { body: { id: string; sha: string; siblings: ApiSibling[] } };
  knownFiles.set(filesKey(blobs.body.id, blobs.body.sha), filesFromSiblings(blobs.body.siblings) ?? []);

  const cards = readCardSources(dataDir, read(INPUT_FILES.cards));

  // Recorded order of INDEX.json is not meaningful; sort so the meta lists inputs the same way every time.
  inputs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { radar: radarDoc.entries, models, datasets, ranking, knownFiles, inputs, cards };
}
