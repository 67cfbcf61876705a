// The whole public surface of @mlhub/sdk. React Query hooks live in the `@mlhub/sdk/react` subpath, so
// this entry never loads React.
export { createMlHubClient, authMiddleware, TOKEN_HEADER } from './client.js';
export type { MlHubClient, MlHubClientOptions, TokenProvider } from './client.js';
export {
  MlHubError,
  unwrap,
  unwrapEnvelope,
  codeForStatus,
  errorCodes,
  errorStatus,
  isErrorCode,
  isAbort,
  toMlHubError,
} from './errors.js';
export type { ClientResult, ErrorCode, ErrorEnvelope, MlHubErrorCode, MlHubErrorInit } from './errors.js';
export { paginate, paginateItems } from './paginate.js';
export type { ListItem, ListPage, ListPath, ListQuery, PaginateOptions } from './paginate.js';
export { streamInference } from './stream.js';
export type { GenerationParameters, InferenceRequest, InferenceStreamEvent, StreamInferenceOptions } from './stream.js';
export { parseSse } from './sse.js';
export type { SseMessage } from './sse.js';
export type {
  Model,
  ModelDetails,
  ModelSummary,
  ModelSort,
  ModelFacets,
  ModelListPage,
  Dataset,
  DatasetDetails,
  DatasetSummary,
  DatasetSort,
  DatasetFacets,
  DatasetListPage,
  Card,
  RepoFiles,
  RepoFile,
  Download,
  DownloadLink,
  Snippet,
  FacetCount,
  InferenceAvailability,
  InferenceServer,
  InferenceServerState,
  InferenceServerRequest,
  InferenceServerListPage,
  InferenceResult,
  InferenceServerStateChange,
  ModelPull,
  ModelPullState,
  SourceName,
  SourceStatus,
  ListMetadata,
} from './types.js';
export type { paths, components, operations } from './generated/hub.js';
// The inference server's own contract (TGI, OpenAI completions, Open Inference Protocol, legacy), for code that
// serves or calls it directly rather than through the hub.
export type {
  paths as InferenceServerPaths,
  components as InferenceServerComponents,
  operations as InferenceServerOperations,
} from './generated/inference-server.js';
