// @mlhub/sdk/react: React Query v5 hooks over the ML Hub client. Needs react and @tanstack/react-query;
// the main entry (@mlhub/sdk) never loads them.
export { MlHubProvider, useMlHub, useMlHubClient } from './context.js';
export type { MlHubContextValue, MlHubProviderProps } from './context.js';
export { mlhubKeys } from './keys.js';
export type { DatasetFacetsQuery, ListDatasetsQuery, ListInferenceServersQuery, ListModelsQuery, ModelFacetsQuery } from './keys.js';
export {
  MAX_RETRIES,
  SERVER_POLL_MS,
  retryMlHub,
  listModelsOptions,
  listModelsInfiniteOptions,
  getModelOptions,
  getModelCardOptions,
  listModelFilesOptions,
  getModelDownloadOptions,
  getModelSnippetsOptions,
  getModelFacetsOptions,
  listDatasetsOptions,
  listDatasetsInfiniteOptions,
  getDatasetOptions,
  getDatasetCardOptions,
  listDatasetFilesOptions,
  getDatasetDownloadOptions,
  getDatasetFacetsOptions,
  getInferenceAvailabilityOptions,
  listInferenceServersOptions,
  getInferenceServerOptions,
  getInferenceServerHistoryOptions,
  getModelPullOptions,
} from './query-options.js';
export {
  createInferenceServerOptions,
  createModelPullOptions,
  deleteInferenceServerOptions,
  runInferenceOptions,
} from './mutation-options.js';
export type { CreateInferenceServerInput, CreateModelPullInput, RunInferenceInput } from './mutation-options.js';
export {
  useListModels,
  useListModelsInfinite,
  useGetModel,
  useGetModelCard,
  useListModelFiles,
  useGetModelDownload,
  useGetModelSnippets,
  useGetModelFacets,
  useListDatasets,
  useListDatasetsInfinite,
  useGetDataset,
  useGetDatasetCard,
  useListDatasetFiles,
  useGetDatasetDownload,
  useGetDatasetFacets,
  useGetInferenceAvailability,
  useListInferenceServers,
  useGetInferenceServer,
  useCreateInferenceServer,
  useDeleteInferenceServer,
  useRunInference,
  useGetInferenceServerHistory,
  useGetModelPull,
  useCreateModelPull,
} from './hooks.js';
export type { QueryBehavior } from './hooks.js';
