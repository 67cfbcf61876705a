import { gatedOf } from '@mlhub/services/snapshot';
import { mapText2Text } from '@mlhub/services/snapshot';
import { tagValues } from '@mlhub/services/snapshot';
import type { ModelRecord } from '@mlhub/services/snapshot';

/** An entry of the HF//RADAR top-500 export (`catalog/models-top500-2026-08.json`, schema 1). */
export interface RadarModelEntry {
  id: string;
  author: string;
  created_at: string | null;
  updated_at: string | null;
  license: string | null;
  pipeline_tag: string | null;
  library: string | null;
  languages: string[];
  tags: string[];
  likes: number;
  downloads_30d: number;
  trending_score: number | null;
  parameters: number | null;
  storage_bytes: number | null;
  base_model: string | null;
  gated: boolean;
}

export function modelFromRadarEntry(e: RadarModelEntry): ModelRecord {
  const task = mapText2Text({
    pipelineTag: e.pipeline_tag,
    tags: e.tags,
    modelType: null,
    architectures: [],
    transformersPipeline: null,
    autoModel: null,
  });
  return {
    id: e.id,
    author: e.author,
    source: 'snapshot',
    pipelineTag: task.pipelineTag,
    library: e.library,
    tags: task.tags,
    languages: e.languages,
    license: e.license,
    datasets: tagValues(e.tags, 'dataset'),
    downloads: e.downloads_30d,
    likes: e.likes,
    trendingScore: e.trending_score,
    createdAt: e.created_at,
    lastModified: e.updated_at,
    // The export reduces the Hub's false | "auto" | "manual" to a boolean; `gatedOf` holds the one reading of it.
    gated: gatedOf(e.gated) ?? false,
    // The export only holds public models.
    private: false,
    servable: false,
    parameters: e.parameters,
    storageBytes: e.storage_bytes,
    baseModel: e.base_model,
    requestedId: null,
    sha: null,
    modelType: null,
    architectures: [],
    cardData: null,
    files: null,
  };
}

const unknown = (v: unknown) => v === null || (Array.isArray(v) && v.length === 0);

/**
 * `full` over `base`, field by field: the full API body wins wherever it knows a value, the base fills what
 * the body does not carry (trending score, parameter count of models without safetensors, ...).
 */
export function mergeRecords<T extends object>(base: T, full: T): T {
  const out = { ...full };
  for (const key of Object.keys(full) as (keyof T)[]) {
    if (unknown(full[key]) && !unknown(base[key])) out[key] = base[key];
  }
  return out;
}
