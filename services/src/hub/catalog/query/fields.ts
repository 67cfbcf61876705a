import { tasksMatching } from '../normalise/text2text.js';
import type { DatasetFilters, DatasetSummary, ModelFilters, ModelSummary } from '../types.js';
import type { Clause, FieldExtractor, IndexQuery } from '../search-index.js';

const flag = (value: boolean): string => (value ? 'true' : 'false');

export const MODEL_FIELDS: Record<string, FieldExtractor<ModelSummary>> = {
  author: (m) => m.author,
  task: (m) => m.pipelineTag,
  library: (m) => m.library,
  language: (m) => m.languages,
  license: (m) => m.license,
  dataset: (m) => m.datasets,
  tag: (m) => m.tags,
  gated: (m) => flag(m.gated !== false),
  servable: (m) => flag(m.servable),
  source: (m) => m.source,
};

export const DATASET_FIELDS: Record<string, FieldExtractor<DatasetSummary>> = {
  author: (d) => d.author,
  task: (d) => d.taskCategories,
  size: (d) => d.sizeCategories,
  language: (d) => d.languages,
  license: (d) => d.license,
  benchmark: (d) => d.benchmarks,
  tag: (d) => d.tags,
  gated: (d) => flag(d.gated !== false),
  source: (d) => d.source,
};

/** The facets the spec counts, by answer key, and the index field each one counts. */
export const MODEL_FACETS = { task: 'task', library: 'library', language: 'language', license: 'license' } as const;
export const DATASET_FACETS = { task: 'task', size: 'size', language: 'language', license: 'license' } as const;

function common(filters: ModelFilters | DatasetFilters, clauses: Clause[]): void {
  if (filters.author) clauses.push({ field: 'author', anyOf: [filters.author] });
  if (filters.language) clauses.push({ field: 'language', anyOf: [filters.language] });
  if (filters.license) clauses.push({ field: 'license', anyOf: [filters.license] });
  for (const tag of filters.tags ?? []) if (tag) clauses.push({ field: 'tag', anyOf: [tag] });
  if (filters.gated !== undefined) clauses.push({ field: 'gated', anyOf: [flag(filters.gated)] });
  if (filters.source) clauses.push({ field: 'source', anyOf: [filters.source] });
}

export function modelQuery(filters: ModelFilters): IndexQuery {
  const clauses: Clause[] = [];
  common(filters, clauses);
  if (filters.task) clauses.push({ field: 'task', anyOf: tasksMatching(filters.task) });
  if (filters.library) clauses.push({ field: 'library', anyOf: [filters.library] });
  if (filters.dataset) clauses.push({ field: 'dataset', anyOf: [filters.dataset] });
  if (filters.servable !== undefined) clauses.push({ field: 'servable', anyOf: [flag(filters.servable)] });
  return filters.search ? { clauses, search: filters.search } : { clauses };
}

export function datasetQuery(filters: DatasetFilters): IndexQuery {
  const clauses: Clause[] = [];
  common(filters, clauses);
  if (filters.task) clauses.push({ field: 'task', anyOf: tasksMatching(filters.task) });
  if (filters.size) clauses.push({ field: 'size', anyOf: [filters.size] });
  if (filters.benchmark) clauses.push({ field: 'benchmark', anyOf: [filters.benchmark] });
  return filters.search ? { clauses, search: filters.search } : { clauses };
}

/** The index's semantics for one document, for items no index holds (Hugging Face pages). */
export function matches<T extends { id: string }>(doc: T, query: IndexQuery, fields: Record<string, FieldExtractor<T>>): boolean {
  if (query.search && !doc.id.toLowerCase().includes(query.search.toLowerCase())) return false;
  for (const clause of query.clauses) {
    const extract = fields[clause.field];
    if (!extract) return false;
    const raw = extract(doc);
    const values = raw === null ? [] : typeof raw === 'string' ? [raw] : raw;
    const wanted = new Set(clause.anyOf.map((v) => v.toLowerCase()));
    if (!values.some((v) => wanted.has(v.toLowerCase()))) return false;
  }
  return true;
}
