import type { Budget, HfPage, HuggingFaceSource } from '../sources/huggingface.js';
import { datasetEntry, modelEntry, type StoreRepo } from '../sources/store.js';
import { DATASET_FACETS, DATASET_FIELDS, datasetQuery, MODEL_FACETS, MODEL_FIELDS, modelQuery } from './query/fields.js';
import type { Snapshot } from './records.js';
import type { FieldExtractor, IndexQuery } from './search-index.js';
import { datasetDetails, datasetSummary, modelDetails, modelSummary, type DatasetEntry, type ModelEntry } from './summaries.js';
import type {
  DatasetDetails,
  DatasetFacets,
  DatasetFilters,
  DatasetSummary,
  Direction,
  ModelDetails,
  ModelFacets,
  ModelFilters,
  ModelSummary,
  RepoKind,
  SortKey,
} from './types.js';

/** The shapes one kind of repository comes in, from a source's record to the spec's answers. */
export interface Shapes {
  entry: ModelEntry | DatasetEntry;
  summary: ModelSummary | DatasetSummary;
  details: ModelDetails | DatasetDetails;
  filters: ModelFilters | DatasetFilters;
  facets: ModelFacets | DatasetFacets;
}

export interface ModelShapes extends Shapes {
  entry: ModelEntry;
  summary: ModelSummary;
  details: ModelDetails;
  filters: ModelFilters;
  facets: ModelFacets;
}

export interface DatasetShapes extends Shapes {
  entry: DatasetEntry;
  summary: DatasetSummary;
  details: DatasetDetails;
  filters: DatasetFilters;
  facets: DatasetFacets;
}

/** The one table of what differs between models and datasets, so one code path serves both. */
export interface Kind<T extends Shapes> {
  kind: RepoKind;
  noun: 'Model' | 'Dataset';
  plural: 'models' | 'datasets';
  /** Index fields of a summary, by the names the filters use. */
  fields: Record<string, FieldExtractor<T['summary']>>;
  /** The facets the spec counts, by answer key, and the index field each one counts. */
  facets: Record<keyof T['facets'], string>;
  toQuery(filters: T['filters']): IndexQuery;
  summary(entry: T['entry']): T['summary'];
  details(entry: T['entry'], requestedId: string | null): T['details'];
  fromStore(repo: StoreRepo): T['entry'];
  snapshotEntries(snapshot: Snapshot): T['entry'][];
  /** Old ids the snapshot knows the canonical id of (renames, bare legacy ids). */
  aliases(snapshot: Snapshot): Record<string, string>;
  /** The upstream list URL of a query at page token `cursor`; null when Hugging Face cannot answer it. */
  upstreamUrl(hf: HuggingFaceSource, filters: T['filters'], sort: SortKey, direction: Direction, cursor: string | null): string | null;
  upstreamPage(hf: HuggingFaceSource, url: string, budget: Budget): Promise<HfPage<T['entry']>>;
  upstreamInfo(hf: HuggingFaceSource, id: string, budget: Budget): Promise<T['entry']>;
}

export const MODELS: Kind<ModelShapes> = {
  kind: 'model',
  noun: 'Model',
  plural: 'models',
  fields: MODEL_FIELDS,
  facets: MODEL_FACETS,
  toQuery: modelQuery,
  summary: modelSummary,
  details: modelDetails,
  fromStore: modelEntry,
  snapshotEntries: (snapshot) => snapshot.models,
  aliases: (snapshot) => snapshot.aliases.models,
  upstreamUrl: (hf, filters, sort, direction, cursor) => hf.modelsUrl(filters, sort, direction, cursor),
  upstreamPage: (hf, url, budget) => hf.modelPage(url, budget),
  upstreamInfo: (hf, id, budget) => hf.model(id, budget),
};

export const DATASETS: Kind<DatasetShapes> = {
  kind: 'dataset',
  noun: 'Dataset',
  plural: 'datasets',
  fields: DATASET_FIELDS,
  facets: DATASET_FACETS,
  toQuery: datasetQuery,
  summary: datasetSummary,
  details: datasetDetails,
  fromStore: datasetEntry,
  snapshotEntries: (snapshot) => snapshot.datasets,
  aliases: (snapshot) => snapshot.aliases.datasets,
  upstreamUrl: (hf, filters, sort, direction, cursor) => hf.datasetsUrl(filters, sort, direction, cursor),
  upstreamPage: (hf, url, budget) => hf.datasetPage(url, budget),
  upstreamInfo: (hf, id, budget) => hf.dataset(id, budget),
};
