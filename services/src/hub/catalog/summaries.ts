import type { DatasetRecord, ModelRecord, RepoFileRecord } from './records.js';
import type { DatasetDetails, DatasetSummary, ModelDetails, ModelSummary, RepoFile, SourceName } from './types.js';

/** A model as every source holds it: the snapshot's record shape, any source. */
export type ModelEntry = Omit<ModelRecord, 'source'> & { source: SourceName };
export type DatasetEntry = Omit<DatasetRecord, 'source'> & { source: SourceName };

const SERVABLE_TASKS = new Set(['text2text-generation', 'text-generation']);

/**
 * Whether our FLAN-T5 inference server can run the model: a T5 encoder-decoder (`model_type` t5,
 * `T5ForConditionalGeneration`) used text-to-text. The pipeline may read `text-generation`: Hugging Face
 * retagged FLAN-T5 that way in 2025. Records without a config (the top-500 ranking) count by their `t5` tag.
 */
export function isServable(record: {
  modelType: string | null;
  architectures: readonly string[];
  pipelineTag: string | null;
  tags: readonly string[];
}): boolean {
  const t5 =
    record.modelType !== null
      ? record.modelType === 't5'
      : record.architectures.includes('T5ForConditionalGeneration') || record.tags.includes('t5');
  const archOk = record.architectures.length === 0 || record.architectures.includes('T5ForConditionalGeneration');
  return t5 && archOk && record.pipelineTag !== null && SERVABLE_TASKS.has(record.pipelineTag);
}

export function modelSummary(entry: ModelEntry): ModelSummary {
  return {
    id: entry.id,
    author: entry.author,
    source: entry.source,
    pipelineTag: entry.pipelineTag,
    library: entry.library,
    tags: entry.tags,
    languages: entry.languages,
    license: entry.license,
    datasets: entry.datasets,
    downloads: entry.downloads,
    likes: entry.likes,
    trendingScore: entry.trendingScore,
    createdAt: entry.createdAt,
    lastModified: entry.lastModified,
    gated: entry.gated,
    private: entry.private,
    servable: isServable(entry),
    parameters: entry.parameters,
    storageBytes: entry.storageBytes,
    baseModel: entry.baseModel,
  };
}

export function modelDetails(entry: ModelEntry, requestedId: string | null): ModelDetails {
  return {
    ...modelSummary(entry),
    requestedId: requestedId !== null && requestedId !== entry.id ? requestedId : null,
    sha: entry.sha,
    modelType: entry.modelType,
    architectures: entry.architectures,
    cardData: entry.cardData ?? {},
    files: entry.files?.length ?? 0,
  };
}

export function datasetSummary(entry: DatasetEntry): DatasetSummary {
  return {
    id: entry.id,
    author: entry.author,
    source: entry.source,
    tags: entry.tags,
    languages: entry.languages,
    license: entry.license,
    taskCategories: entry.taskCategories,
    sizeCategories: entry.sizeCategories,
    benchmarks: entry.benchmarks,
    downloads: entry.downloads,
    likes: entry.likes ?? 0,
    trendingScore: entry.trendingScore,
    createdAt: entry.createdAt,
    lastModified: entry.lastModified,
    gated: entry.gated ?? false,
    private: entry.private,
    description: entry.description,
  };
}

export function datasetDetails(entry: DatasetEntry, requestedId: string | null): DatasetDetails {
  return {
    ...datasetSummary(entry),
    requestedId: requestedId !== null && requestedId !== entry.id ? requestedId : null,
    sha: entry.sha,
    cardData: entry.cardData ?? {},
    files: entry.files?.length ?? 0,
  };
}

export function repoFile(file: RepoFileRecord): RepoFile {
  return { path: file.path, size: file.size, oid: file.oid, lfs: file.lfs };
}
