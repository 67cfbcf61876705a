import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { MlHubError } from '../errors.js';
import { useMlHub } from './context.js';
import type { DatasetFacetsQuery, ListDatasetsQuery, ListInferenceServersQuery, ListModelsQuery, ModelFacetsQuery } from './keys.js';
import {
  createInferenceServerOptions,
  createModelPullOptions,
  deleteInferenceServerOptions,
  runInferenceOptions,
} from './mutation-options.js';
import * as q from './query-options.js';
import type * as t from '../types.js';

/** Options a hook passes on to `useQuery` (everything but the key and the fetch, which the hook owns). */
export type QueryBehavior<T> = Omit<UseQueryOptions<T, MlHubError, T>, 'queryKey' | 'queryFn' | 'select'>;

/** The query client of the provider, or of the nearest QueryClientProvider. */
function useHubQueryClient(): QueryClient {
  const { queryClient } = useMlHub();
  // Asking useQueryClient for a given client returns it without reading the React Query context.
  return useQueryClient(queryClient);
}

function useHubQuery<T, K extends readonly unknown[]>(
  options: UseQueryOptions<T, MlHubError, T, K>,
  behavior: QueryBehavior<T> | undefined,
) {
  const { queryClient } = useMlHub();
  return useQuery<T, MlHubError, T, K>({ ...options, ...behavior } as UseQueryOptions<T, MlHubError, T, K>, queryClient);
}

// Models

/** One page of models (`listModels`): `data.result` the models, `data.metadata` total, nextCursor, partial. */
export function useListModels(query: ListModelsQuery & { cursor?: string } = {}, behavior?: QueryBehavior<t.ModelListPage>) {
  return useHubQuery(q.listModelsOptions(useMlHub().client, query), behavior);
}

/** Every page of models, loaded one by one with `fetchNextPage()` (`listModels`). */
export function useListModelsInfinite(query: ListModelsQuery = {}) {
  const { client, queryClient } = useMlHub();
  return useInfiniteQuery(q.listModelsInfiniteOptions(client, query), queryClient);
}

export function useGetModel(modelId: string, behavior?: QueryBehavior<t.ModelDetails>) {
  return useHubQuery(q.getModelOptions(useMlHub().client, modelId), behavior);
}

export function useGetModelCard(modelId: string, revision?: string, behavior?: QueryBehavior<t.Card>) {
  return useHubQuery(q.getModelCardOptions(useMlHub().client, modelId, revision), behavior);
}

export function useListModelFiles(modelId: string, revision?: string, behavior?: QueryBehavior<t.RepoFiles>) {
  return useHubQuery(q.listModelFilesOptions(useMlHub().client, modelId, revision), behavior);
}

export function useGetModelDownload(modelId: string, revision?: string, behavior?: QueryBehavior<t.Download>) {
  return useHubQuery(q.getModelDownloadOptions(useMlHub().client, modelId, revision), behavior);
}

export function useGetModelSnippets(modelId: string, behavior?: QueryBehavior<t.Snippet[]>) {
  return useHubQuery(q.getModelSnippetsOptions(useMlHub().client, modelId), behavior);
}

export function useGetModelFacets(query: ModelFacetsQuery = {}, behavior?: QueryBehavior<t.ModelFacets>) {
  return useHubQuery(q.getModelFacetsOptions(useMlHub().client, query), behavior);
}

// Datasets

/** One page of datasets (`listDatasets`). */
export function useListDatasets(query: ListDatasetsQuery & { cursor?: string } = {}, behavior?: QueryBehavior<t.DatasetListPage>) {
  return useHubQuery(q.listDatasetsOptions(useMlHub().client, query), behavior);
}

/** Every page of datasets, loaded one by one with `fetchNextPage()` (`listDatasets`). */
export function useListDatasetsInfinite(query: ListDatasetsQuery = {}) {
  const { client, queryClient } = useMlHub();
  return useInfiniteQuery(q.listDatasetsInfiniteOptions(client, query), queryClient);
}

export function useGetDataset(datasetId: string, behavior?: QueryBehavior<t.DatasetDetails>) {
  return useHubQuery(q.getDatasetOptions(useMlHub().client, datasetId), behavior);
}

export function useGetDatasetCard(datasetId: string, revision?: string, behavior?: QueryBehavior<t.Card>) {
  return useHubQuery(q.getDatasetCardOptions(useMlHub().client, datasetId, revision), behavior);
}

export function useListDatasetFiles(datasetId: string, revision?: string, behavior?: QueryBehavior<t.RepoFiles>) {
  return useHubQuery(q.listDatasetFilesOptions(useMlHub().client, datasetId, revision), behavior);
}

export function useGetDatasetDownload(datasetId: string, revision?: string, behavior?: QueryBehavior<t.Download>) {
  return useHubQuery(q.getDatasetDownloadOptions(useMlHub().client, datasetId, revision), behavior);
}

export function useGetDatasetFacets(query: DatasetFacetsQuery = {}, behavior?: QueryBehavior<t.DatasetFacets>) {
  return useHubQuery(q.getDatasetFacetsOptions(useMlHub().client, query), behavior);
}

// Inference

/** Whether the model can be served here, and its server; polls while that server is starting. */
export function useGetInferenceAvailability(modelId: string, behavior?: QueryBehavior<t.InferenceAvailability>) {
  return useHubQuery(q.getInferenceAvailabilityOptions(useMlHub().client, modelId), behavior);
}

/** One page of inference servers (`listInferenceServers`). */
export function useListInferenceServers(
  query: ListInferenceServersQuery & { cursor?: string } = {},
  behavior?: QueryBehavior<t.InferenceServerListPage>,
) {
  return useHubQuery(q.listInferenceServersOptions(useMlHub().client, query), behavior);
}

/** One inference server; polls while it is starting. */
export function useGetInferenceServer(serverId: string, behavior?: QueryBehavior<t.InferenceServer>) {
  return useHubQuery(q.getInferenceServerOptions(useMlHub().client, serverId), behavior);
}

/** `mutate({ modelId })` asks for an inference server. */
export function useCreateInferenceServer() {
  const { client } = useMlHub();
  const queryClient = useHubQueryClient();
  return useMutation(createInferenceServerOptions(client, queryClient), queryClient);
}

/** `mutate(serverId)` stops an inference server. */
export function useDeleteInferenceServer() {
  const { client } = useMlHub();
  const queryClient = useHubQueryClient();
  return useMutation(deleteInferenceServerOptions(client, queryClient), queryClient);
}

/** `mutate({ modelId, inputs, parameters })` runs inference and gives the whole generated text. */
export function useRunInference() {
  const { client } = useMlHub();
  const queryClient = useHubQueryClient();
  return useMutation(runInferenceOptions(client), queryClient);
}

/** Every state the server went through, oldest first; polls while `live`. */
export function useGetInferenceServerHistory(serverId: string, live = false, behavior?: QueryBehavior<t.InferenceServerStateChange[]>) {
  return useHubQuery(q.getInferenceServerHistoryOptions(useMlHub().client, serverId, live), behavior);
}

/** A model pull job; polls until it is done or failed. */
export function useGetModelPull(jobId: string, behavior?: QueryBehavior<t.ModelPull>) {
  return useHubQuery(q.getModelPullOptions(useMlHub().client, jobId), behavior);
}

/** Starts pulling a model (or joins the pull already under way). */
export function useCreateModelPull() {
  const { client } = useMlHub();
  const queryClient = useHubQueryClient();
  return useMutation(createModelPullOptions(client, queryClient), queryClient);
}
