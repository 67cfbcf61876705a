import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import type { MlHubClient } from '../client.js';
import { MlHubError, unwrap, unwrapEnvelope } from '../errors.js';
import type { components } from '../generated/hub.js';
import { runInferenceBody, type InferenceRequest } from '../stream.js';
import { mlhubKeys } from './keys.js';

type Schemas = components['schemas'];

export type CreateInferenceServerInput = Schemas['InferenceServerRequest'];
export type RunInferenceInput = InferenceRequest & { modelId: string };

/** What every server mutation makes stale: server lists, the server itself, and availability of models. */
function invalidateServers(queryClient: QueryClient, server: Schemas['InferenceServer']) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: mlhubKeys.operation('listInferenceServers') }),
    queryClient.invalidateQueries({ queryKey: mlhubKeys.getInferenceServer(server.id) }),
    queryClient.invalidateQueries({ queryKey: mlhubKeys.getInferenceAvailability(server.modelId) }),
  ]);
}

/** Asks for an inference server (202, state `pending`); then refreshes server lists and the model's availability. */
export function createInferenceServerOptions(client: MlHubClient, queryClient: QueryClient) {
  return mutationOptions<Schemas['InferenceServer'], MlHubError, CreateInferenceServerInput>({
    mutationKey: ['mlhub', 'createInferenceServer'],
    mutationFn: async (body) => unwrap(await client.POST('/v3/mlhub/inference/servers', { body })),
    onSuccess: async (server) => {
      queryClient.setQueryData(mlhubKeys.getInferenceServer(server.id), server);
      await invalidateServers(queryClient, server);
    },
  });
}

/** Stops an inference server; then refreshes server lists and the model's availability. */
export function deleteInferenceServerOptions(client: MlHubClient, queryClient: QueryClient) {
  return mutationOptions<Schemas['InferenceServer'], MlHubError, string>({
    mutationKey: ['mlhub', 'deleteInferenceServer'],
    mutationFn: async (serverId) =>
      unwrap(await client.DELETE('/v3/mlhub/inference/servers/{serverId}', { params: { path: { serverId } } })),
    onSuccess: async (server) => {
      queryClient.setQueryData(mlhubKeys.getInferenceServer(server.id), server);
      await invalidateServers(queryClient, server);
    },
  });
}

/**
 * Runs inference and waits for the whole answer (JSON). For token-by-token output use `streamInference`
 * from `@mlhub/sdk`.
 */
export function runInferenceOptions(client: MlHubClient) {
  return mutationOptions<Schemas['InferenceResult'], MlHubError, RunInferenceInput>({
    mutationKey: ['mlhub', 'runInference'],
    mutationFn: async ({ modelId, ...request }) => {
      const answer = await client.POST('/v3/mlhub/inference/models/{modelId}/generate', {
        params: { path: { modelId } },
        body: runInferenceBody(request, false),
        headers: { Accept: 'application/json' },
      });
      // The operation may also answer an event stream (a string to the types); asking for JSON rules it out.
      const envelope = unwrapEnvelope(answer);
      if (typeof envelope !== 'object') {
        throw new MlHubError({
          status: answer.response.status,
          code: 'UPSTREAM_ERROR',
          message: 'runInference answered something other than a JSON envelope',
          url: answer.response.url || undefined,
          body: envelope,
        });
      }
      return envelope.result;
    },
  });
}

export type CreateModelPullInput = Schemas['ModelPullRequest'];

/** Starts pulling a model's ONNX files (202, state `queued`); a pull already under way (409) is answered with that job. */
export function createModelPullOptions(client: MlHubClient, queryClient: QueryClient) {
  return mutationOptions<Schemas['ModelPull'], MlHubError, CreateModelPullInput>({
    mutationKey: ['mlhub', 'createModelPull'],
    mutationFn: async (body) => {
      const answer = await client.POST('/v3/mlhub/inference/pulls', { body });
      const conflict = answer.response.status === 409 ? (answer.error as { result?: Schemas['ModelPull'] } | undefined)?.result : undefined;
      return conflict ?? unwrap(answer);
    },
    onSuccess: (pull) => queryClient.setQueryData(mlhubKeys.getModelPull(pull.id), pull),
  });
}
