import { isServable } from './normalise/text2text.js';
import type { DatasetRecord, ModelRecord, RepoFileRecord } from './records.js';
import type { DatasetDetails, DatasetSummary, ModelDetails, ModelSummary, RepoFile, SourceName } from './types.js';

/** A model as every source holds it: the snapshot's record shape, any source. */
export type ModelEntry = Omit<ModelRecord, 'source'> & { source: SourceName };
export type DatasetEntry = Omit<DatasetRecord, 'source'> & { source: SourceName };

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
