import type { FastifyReply } from 'fastify';
/**
 * Thin adapters from the catalog's spec shapes to the frozen legacy `/v3/ml-hub` shapes
 * (`openapi/hub/legacy-*.yaml`): snake_case, `private`, `gated` as a boolean, fields omitted where the
 * legacy schema has no null, lists as objects keyed by id.
 */
import type {
  Card,
  DatasetDetails,
  DatasetSummary,
  Download,
  ModelDetails,
  ModelSummary,
  RepoFiles,
  SourceStatus,
} from '../catalog/types.js';
import { pre2025Task } from '../catalog/normalise/text2text.js';
import { transformersInfoOf } from '../snippets.js';

type Json = Record<string, unknown>;

const defined = (entries: [string, unknown][]): Json => Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== null));

// The legacy clients filter by `text2text-generation`, the task Hugging Face gave FLAN-T5 before 2025.
export const legacyTask = pre2025Task;

export function legacyModelShort(model: ModelSummary): Json {
  return {
    model_id: model.id,
    ...defined([
      ['created_at', model.createdAt],
      ['author', model.author],
      ['downloads', model.downloads],
      ['library_name', model.library],
      ['pipeline_tag', legacyTask(model.pipelineTag, model.tags)],
    ]),
    last_modified: model.lastModified,
    gated: model.gated !== false,
    private: model.private,
    tags: model.tags,
  };
}

export function legacyModelFull(model: ModelDetails, files: RepoFiles): Json {
  const card = model.cardData;
  const widget = Array.isArray(card['widget']) ? (card['widget'] as Json[]) : null;
  const modelIndex = Array.isArray(card['model-index']) ? (card['model-index'] as Json[]) : null;
  return {
    ...legacyModelShort(model),
    card_data: card,
    config: defined([
      ['architectures', model.architectures.length ? model.architectures : undefined],
      ['model_type', model.modelType],
    ]),
    model_index: modelIndex,
    repository_content: files.files.map((f) => f.path),
    ...defined([['sha', model.sha ?? files.sha]]),
    transformers_info: transformersInfoOf({ ...model, pipelineTag: legacyTask(model.pipelineTag, model.tags) }),
    widget_data: widget,
  };
}

export function legacyDatasetShort(dataset: DatasetSummary): Json {
  return {
    dataset_id: dataset.id,
    ...defined([
      ['created_at', dataset.createdAt],
      ['author', dataset.author],
      ['downloads', dataset.downloads],
    ]),
    last_modified: dataset.lastModified,
    gated: dataset.gated !== false,
    private: dataset.private,
    tags: dataset.tags,
  };
}

export function legacyDatasetFull(dataset: DatasetDetails, files: RepoFiles): Json {
  const card = dataset.cardData;
  const citation = typeof card['citation'] === 'string' ? card['citation'] : null;
  const pwc = typeof card['paperswithcode_id'] === 'string' ? card['paperswithcode_id'] : (dataset.benchmarks[0] ?? null);
  return {
    ...legacyDatasetShort(dataset),
    ...defined([['description', dataset.description]]),
    card_data: card,
    citation,
    repository_content: files.files.map((f) => f.path),
    ...defined([['sha', dataset.sha ?? files.sha]]),
    paperswithcode_id: pwc,
  };
}

/** `{filename: url}` of a download answer; `revision` stands in when no source knows the commit. */
export function legacyDownload(idKey: 'model_id' | 'dataset_id', download: Download, details: ModelDetails | DatasetDetails): Json {
  return {
    [idKey]: download.id,
    ...defined([
      ['created_at', details.createdAt],
      ['last_modified', details.lastModified],
    ]),
    // The legacy schema requires a string; a store copy with no recorded commit is the working tree.
    sha: download.sha ?? details.sha ?? 'local',
    download_links: Object.fromEntries(download.files.map((f) => [f.path, f.url])),
  };
}

export function legacyCard(kind: 'model' | 'dataset', card: Card): Json {
  return kind === 'model'
    ? { model_metadata: card.metadata, model_card: card.text }
    : { dataset_metadata: card.metadata, dataset_card: card.text };
}

/** A list answer: an object keyed by id, in the order given (most downloaded first). */
export function keyedById<T>(items: T[], idOf: (item: T) => string, map: (item: T) => Json): Json {
  const out: Json = {};
  for (const item of items) out[idOf(item)] = map(item);
  return out;
}

/**
 * The header a legacy answer carries when any catalog answer behind it stands in for a failed source (an older
 * cached copy, or the offline snapshot): the frozen legacy bodies have no field to say so.
 */
const STALE_HEADER = 'X-MLHub-Stale';

/** Whether any of the catalog answers behind one legacy answer was served in place of a failed source. */
export function servedInPlace(...answers: Array<{ stale?: boolean; partial?: boolean; sources?: SourceStatus[] }>): boolean {
  return answers.some((a) => a.stale === true || a.partial === true || (a.sources ?? []).some((s) => s.stale === true || !s.ok));
}

/** Says so on a legacy answer (its frozen body cannot) when any catalog answer behind it stood in for a failed source. */
export function markServedInPlace(
  reply: FastifyReply,
  ...answers: Array<{ stale?: boolean; partial?: boolean; sources?: SourceStatus[] }>
): void {
  if (servedInPlace(...answers)) void reply.header(STALE_HEADER, '1');
}
