import type { operations } from '../generated/hub.js';

type Query<Op extends keyof operations> = operations[Op] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type ListModelsQuery = Omit<Query<'listModels'>, 'cursor'>;
export type ListDatasetsQuery = Omit<Query<'listDatasets'>, 'cursor'>;
export type ModelFacetsQuery = Query<'getModelFacets'>;
export type DatasetFacetsQuery = Query<'getDatasetFacets'>;
export type ListInferenceServersQuery = Omit<Query<'listInferenceServers'>, 'cursor'>;

/**
 * The query keys of every read operation: `['mlhub', operationId, params]`. The operationId segment lets
 * one call invalidate every cached answer of an operation (`mlhubKeys.operation('listInferenceServers')`),
 * and `mlhubKeys.all` everything the SDK cached.
 */
export const mlhubKeys = {
  all: ['mlhub'] as const,
  operation: <Op extends keyof operations>(operationId: Op) => ['mlhub', operationId] as const,

  listModels: (query: ListModelsQuery & { cursor?: string } = {}) => ['mlhub', 'listModels', query] as const,
  listModelsInfinite: (query: ListModelsQuery = {}) => ['mlhub', 'listModels', query, 'infinite'] as const,
  getModel: (modelId: string) => ['mlhub', 'getModel', { modelId }] as const,
  getModelCard: (modelId: string, revision?: string) => ['mlhub', 'getModelCard', { modelId, revision }] as const,
  listModelFiles: (modelId: string, revision?: string) => ['mlhub', 'listModelFiles', { modelId, revision }] as const,
  getModelDownload: (modelId: string, revision?: string) => ['mlhub', 'getModelDownload', { modelId, revision }] as const,
  getModelSnippets: (modelId: string) => ['mlhub', 'getModelSnippets', { modelId }] as const,
  getModelFacets: (query: ModelFacetsQuery = {}) => ['mlhub', 'getModelFacets', query] as const,

  listDatasets: (query: ListDatasetsQuery & { cursor?: string } = {}) => ['mlhub', 'listDatasets', query] as const,
  listDatasetsInfinite: (query: ListDatasetsQuery = {}) => ['mlhub', 'listDatasets', query, 'infinite'] as const,
  getDataset: (datasetId: string) => ['mlhub', 'getDataset', { datasetId }] as const,
  getDatasetCard: (datasetId: string, revision?: string) => ['mlhub', 'getDatasetCard', { datasetId, revision }] as const,
  listDatasetFiles: (datasetId: string, revision?: string) => ['mlhub', 'listDatasetFiles', { datasetId, revision }] as const,
  getDatasetDownload: (datasetId: string, revision?: string) => ['mlhub', 'getDatasetDownload', { datasetId, revision }] as const,
  getDatasetFacets: (query: DatasetFacetsQuery = {}) => ['mlhub', 'getDatasetFacets', query] as const,

  getInferenceAvailability: (modelId: string) => ['mlhub', 'getInferenceAvailability', { modelId }] as const,
  listInferenceServers: (query: ListInferenceServersQuery & { cursor?: string } = {}) => ['mlhub', 'listInferenceServers', query] as const,
  getInferenceServer: (serverId: string) => ['mlhub', 'getInferenceServer', { serverId }] as const,
  getInferenceServerHistory: (serverId: string) => ['mlhub', 'getInferenceServerHistory', { serverId }] as const,
  getModelPull: (jobId: string) => ['mlhub', 'getModelPull', { jobId }] as const,
};
