import { infiniteQueryOptions, queryOptions, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import type { MlHubClient } from '../client.js';
import { isAbort, MlHubError, unwrap, unwrapEnvelope, type ClientResult } from '../errors.js';
import type { components } from '../generated/hub.js';
import {
  mlhubKeys,
  type DatasetFacetsQuery,
  type ListDatasetsQuery,
  type ListInferenceServersQuery,
  type ListModelsQuery,
  type ModelFacetsQuery,
} from './keys.js';

type Schemas = components['schemas'];
type Paged = { result: unknown[]; metadata: { nextCursor: string | null } };

/** How many times a failed read is retried, when it is worth retrying at all. */
export const MAX_RETRIES = 2;
/** How often a server that is starting (pending, initializing) is polled, in milliseconds. */
export const SERVER_POLL_MS = 2000;

/**
 * Retry policy of every query: answers that will not change by asking again (4xx, and 500, which is a bug)
 * fail at once; overload and upstream trouble (429, 502, 503, 504) and network failures are retried.
 */
export function retryMlHub(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (error instanceof MlHubError) return error.code === 'NETWORK_ERROR' || [429, 502, 503, 504].includes(error.status);
  return !isAbort(error);
}

/** Query options whose data is the `result` of the envelope. */
function resultQuery<TKey extends QueryKey, D extends { result: unknown }>(
  queryKey: TKey,
  call: (signal: AbortSignal) => Promise<ClientResult<D>>,
) {
  return queryOptions<D['result'], MlHubError, D['result'], TKey>({
    queryKey,
    queryFn: async ({ signal }) => unwrap(await call(signal)),
    retry: retryMlHub,
  });
}

/** Query options of one page of a list: the whole envelope, so `metadata` (total, nextCursor, partial) is there. */
function pageQuery<TKey extends QueryKey, D extends Paged>(queryKey: TKey, call: (signal: AbortSignal) => Promise<ClientResult<D>>) {
  return queryOptions<D, MlHubError, D, TKey>({
    queryKey,
    queryFn: async ({ signal }) => unwrapEnvelope(await call(signal)),
    retry: retryMlHub,
  });
}

/** Infinite query options of a list, following `metadata.nextCursor`. */
function pagesQuery<TKey extends QueryKey, D extends Paged>(
  queryKey: TKey,
  call: (cursor: string | undefined, signal: AbortSignal) => Promise<ClientResult<D>>,
) {
  return infiniteQueryOptions<D, MlHubError, InfiniteData<D, string | undefined>, TKey, string | undefined>({
    queryKey,
    queryFn: async ({ pageParam, signal }) => unwrapEnvelope(await call(pageParam, signal)),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.metadata.nextCursor ?? undefined,
    retry: retryMlHub,
  });
}

const starting = (state: Schemas['InferenceServerState'] | undefined) => state === 'pending' || state === 'initializing';

// Models

/** One page of `listModels`. */
export function listModelsOptions(client: MlHubClient, query: ListModelsQuery & { cursor?: string } = {}) {
  return pageQuery(mlhubKeys.listModels(query), (signal) => client.GET('/v3/mlhub/models', { params: { query }, signal }));
}

/** Every page of `listModels`, for "load more" lists (`useInfiniteQuery`). */
export function listModelsInfiniteOptions(client: MlHubClient, query: ListModelsQuery = {}) {
  return pagesQuery(mlhubKeys.listModelsInfinite(query), (cursor, signal) =>
    client.GET('/v3/mlhub/models', { params: { query: { ...query, ...(cursor ? { cursor } : {}) } }, signal }),
  );
}

export function getModelOptions(client: MlHubClient, modelId: string) {
  return resultQuery(mlhubKeys.getModel(modelId), (signal) =>
    client.GET('/v3/mlhub/models/{modelId}', { params: { path: { modelId } }, signal }),
  );
}

export function getModelCardOptions(client: MlHubClient, modelId: string, revision?: string) {
  return resultQuery(mlhubKeys.getModelCard(modelId, revision), (signal) =>
    client.GET('/v3/mlhub/models/{modelId}/card', {
      params: { path: { modelId }, query: revision ? { revision } : {} },
      signal,
    }),
  );
}

export function listModelFilesOptions(client: MlHubClient, modelId: string, revision?: string) {
  return resultQuery(mlhubKeys.listModelFiles(modelId, revision), (signal) =>
    client.GET('/v3/mlhub/models/{modelId}/files', {
      params: { path: { modelId }, query: revision ? { revision } : {} },
      signal,
    }),
  );
}

export function getModelDownloadOptions(client: MlHubClient, modelId: string, revision?: string) {
  return resultQuery(mlhubKeys.getModelDownload(modelId, revision), (signal) =>
    client.GET('/v3/mlhub/models/{modelId}/download', {
      params: { path: { modelId }, query: revision ? { revision } : {} },
      signal,
    }),
  );
}

export function getModelSnippetsOptions(client: MlHubClient, modelId: string) {
  return resultQuery(mlhubKeys.getModelSnippets(modelId), (signal) =>
    client.GET('/v3/mlhub/models/{modelId}/snippets', { params: { path: { modelId } }, signal }),
  );
}

export function getModelFacetsOptions(client: MlHubClient, query: ModelFacetsQuery = {}) {
  return resultQuery(mlhubKeys.getModelFacets(query), (signal) => client.GET('/v3/mlhub/facets/models', { params: { query }, signal }));
}

// Datasets

/** One page of `listDatasets`. */
export function listDatasetsOptions(client: MlHubClient, query: ListDatasetsQuery & { cursor?: string } = {}) {
  return pageQuery(mlhubKeys.listDatasets(query), (signal) => client.GET('/v3/mlhub/datasets', { params: { query }, signal }));
}

/** Every page of `listDatasets`, for "load more" lists (`useInfiniteQuery`). */
export function listDatasetsInfiniteOptions(client: MlHubClient, query: ListDatasetsQuery = {}) {
  return pagesQuery(mlhubKeys.listDatasetsInfinite(query), (cursor, signal) =>
    client.GET('/v3/mlhub/datasets', { params: { query: { ...query, ...(cursor ? { cursor } : {}) } }, signal }),
  );
}

export function getDatasetOptions(client: MlHubClient, datasetId: string) {
  return resultQuery(mlhubKeys.getDataset(datasetId), (signal) =>
    client.GET('/v3/mlhub/datasets/{datasetId}', { params: { path: { datasetId } }, signal }),
  );
}

export function getDatasetCardOptions(client: MlHubClient, datasetId: string, revision?: string) {
  return resultQuery(mlhubKeys.getDatasetCard(datasetId, revision), (signal) =>
    client.GET('/v3/mlhub/datasets/{datasetId}/card', {
      params: { path: { datasetId }, query: revision ? { revision } : {} },
      signal,
    }),
  );
}

export function listDatasetFilesOptions(client: MlHubClient, datasetId: string, revision?: string) {
  return resultQuery(mlhubKeys.listDatasetFiles(datasetId, revision), (signal) =>
    client.GET('/v3/mlhub/datasets/{datasetId}/files', {
      params: { path: { datasetId }, query: revision ? { revision } : {} },
      signal,
    }),
  );
}

export function getDatasetDownloadOptions(client: MlHubClient, datasetId: string, revision?: string) {
  return resultQuery(mlhubKeys.getDatasetDownload(datasetId, revision), (signal) =>
    client.GET('/v3/mlhub/datasets/{datasetId}/download', {
      params: { path: { datasetId }, query: revision ? { revision } : {} },
      signal,
    }),
  );
}

export function getDatasetFacetsOptions(client: MlHubClient, query: DatasetFacetsQuery = {}) {
  return resultQuery(mlhubKeys.getDatasetFacets(query), (signal) => client.GET('/v3/mlhub/facets/datasets', { params: { query }, signal }));
}

// Inference

/** Whether a model can be served here and its server; polled while that server is starting. */
export function getInferenceAvailabilityOptions(client: MlHubClient, modelId: string) {
  return queryOptions({
    ...resultQuery(mlhubKeys.getInferenceAvailability(modelId), (signal) =>
      client.GET('/v3/mlhub/inference/models/{modelId}', { params: { path: { modelId } }, signal }),
    ),
    refetchInterval: (query) => (starting(query.state.data?.server?.state) ? SERVER_POLL_MS : false),
  });
}

/** One page of `listInferenceServers`. */
export function listInferenceServersOptions(client: MlHubClient, query: ListInferenceServersQuery & { cursor?: string } = {}) {
  return pageQuery(mlhubKeys.listInferenceServers(query), (signal) =>
    client.GET('/v3/mlhub/inference/servers', { params: { query }, signal }),
  );
}

/** One inference server; polled while it is starting (pending, initializing). */
export function getInferenceServerOptions(client: MlHubClient, serverId: string) {
  return queryOptions({
    ...resultQuery(mlhubKeys.getInferenceServer(serverId), (signal) =>
      client.GET('/v3/mlhub/inference/servers/{serverId}', { params: { path: { serverId } }, signal }),
    ),
    refetchInterval: (query) => (starting(query.state.data?.state) ? SERVER_POLL_MS : false),
  });
}

/** Every state an inference server went through, oldest first; polled while it is starting. */
export function getInferenceServerHistoryOptions(client: MlHubClient, serverId: string, live = false) {
  return queryOptions({
    ...resultQuery(mlhubKeys.getInferenceServerHistory(serverId), (signal) =>
      client.GET('/v3/mlhub/inference/servers/{serverId}/history', { params: { path: { serverId } }, signal }),
    ),
    refetchInterval: live ? SERVER_POLL_MS : false,
  });
}

/** A model pull job; polled until it is done or failed. */
export function getModelPullOptions(client: MlHubClient, jobId: string) {
  return queryOptions({
    ...resultQuery(mlhubKeys.getModelPull(jobId), (signal) =>
      client.GET('/v3/mlhub/inference/pulls/{jobId}', { params: { path: { jobId } }, signal }),
    ),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return state === 'done' || state === 'failed' ? false : SERVER_POLL_MS;
    },
  });
}
