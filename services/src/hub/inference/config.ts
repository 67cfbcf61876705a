import type { ConfigParts } from '../../common/config.js';

/** The inference control plane's keys (`MLHUB_INFERENCE_*`, `MLHUB_PODS_*`, `MLHUB_ADMIN_*`), part of the hub's config. */
export interface InferenceConfig {
  inferenceBackend: 'local' | 'pods';
  inferenceDtype: 'auto' | 'fp32' | 'q8';
  inferenceMaxPerUser: number;
  inferenceMaxServers: number;
  inferenceIdleTimeoutS: number;
  inferenceStartTimeoutS: number;
  inferenceWakeWaitMs: number;
  inferenceRequestTimeoutS: number;
  inferenceMaxModelBytes: number;
  inferenceRestartLimit: number;
  inferenceCommand: string[];
  adminUsers: string[];
  adminRole: string;
  podsUrl: string;
  podsToken: string;
  podsImage: string;
  podsPort: number;
  podsVolume: string;
  podsStoreMount: string;
  podsCpuLimit: number;
  podsMemLimit: number;
  podsTimeToStopS: number;
  podsPollMs: number;
  pullHubUrl: string;
}

export const inferenceConfigParts: ConfigParts<InferenceConfig> = {
  inferenceBackend: {
    schema: { type: 'string', enum: ['local', 'pods'], default: 'local' },
    description: 'Where inference servers run: `local` (child processes of the hub on loopback ports) or `pods` (Tapis Pods).',
  },
  inferenceDtype: {
    schema: { type: 'string', enum: ['auto', 'fp32', 'q8'], default: 'auto' },
    description: 'ONNX weights the servers load (`MLHUB_INFERENCE_DTYPE` of each server): `auto` takes q8 where its files exist.',
  },
  inferenceMaxPerUser: {
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 2 },
    description: 'Live inference servers one user may have created; over it, 429.',
  },
  inferenceMaxServers: {
    schema: { type: 'integer', minimum: 1, maximum: 10000, default: 4 },
    description:
      'Inference servers running or starting at once, in all (one scaled to zero holds no process and does not count); over it, create answers 429 and waking one 503.',
  },
  inferenceIdleTimeoutS: {
    schema: { type: 'integer', minimum: 1, maximum: 604800, default: 900 },
    description:
      'A server with no request for this long is stopped (`scaledToZero`) and woken by the next request. A request may ask for its own (`idleTimeoutSeconds`).',
  },
  inferenceStartTimeoutS: {
    schema: { type: 'integer', minimum: 1, maximum: 3600, default: 300 },
    description: 'A server not ready after this long is `failed`.',
  },
  inferenceWakeWaitMs: {
    schema: { type: 'integer', minimum: 0, maximum: 600000, default: 30000 },
    description: 'How long an inference request waits for a waking or starting server before 503 with `Retry-After`.',
  },
  inferenceRequestTimeoutS: {
    schema: { type: 'integer', minimum: 1, maximum: 86400, default: 300 },
    description:
      'How long the hub waits for an inference server to answer a request that does not stream (a stream: its first event) before 504; the server then stops that generation.',
  },
  inferenceMaxModelBytes: {
    schema: { type: 'integer', minimum: 1, default: 4000000000 },
    description: 'Largest model (its repository size) offered for serving; larger ones are not servable, and say so.',
  },
  inferenceRestartLimit: {
    schema: { type: 'integer', minimum: 0, maximum: 100, default: 5 },
    description:
      'Restarts in a row (with exponential backoff from 0.5 s) of a local server that died, before it is `failed`; a server that ran 10 minutes since its last start begins a new count.',
  },
  inferenceCommand: {
    schema: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
    description:
      'Command of a local inference server (comma-separated argv; `--model DIR --model-id ID` are appended); empty: `node --import tsx services/src/inference/server.ts`.',
  },
  adminUsers: {
    schema: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
    description: 'Tapis usernames (`user` or `tenant/user`) who may stop any inference server.',
  },
  adminRole: {
    schema: { type: 'string', default: '' },
    description: 'A token whose `tapis/roles` (or `roles`) claim holds this role may stop any inference server; empty: off.',
  },
  podsUrl: {
    schema: { type: 'string', anyOf: [{ const: '' }, { format: 'uri', pattern: '^https?://' }], default: '' },
    description:
      'Base URL of the Tapis tenant whose Pods API runs the servers (`https://tacc.tapis.io`); needed with `MLHUB_INFERENCE_BACKEND=pods`.',
  },
  podsToken: {
    schema: { type: 'string', default: '' },
    description: "A service token for the Pods API; empty: each request's own user token is used. Never logged.",
    secret: true,
  },
  podsImage: {
    schema: { type: 'string', default: 'tapis/mlhub-inference:1.0' },
    description: "The inference server image (on the Pods service's allow-list; built from `services/Dockerfile`).",
  },
  podsPort: {
    schema: { type: 'integer', minimum: 1, maximum: 65535, default: 8000 },
    description: 'Port the server listens on inside the pod (`networking.default.port`).',
  },
  podsVolume: {
    schema: { type: 'string', default: '' },
    description: 'Pods volume id holding the model store, mounted into every pod; empty: no volume (the image must hold the model).',
  },
  podsStoreMount: {
    schema: { type: 'string', pattern: '^/', default: '/store' },
    description: 'Where the store volume is mounted in the pod; the server loads `{mount}/models/<id>`.',
  },
  podsCpuLimit: {
    schema: { type: 'integer', minimum: 100, default: 2000 },
    description: 'CPU limit of a pod in millicpus (`resources.cpu_limit`); the request is half of it.',
  },
  podsMemLimit: {
    schema: { type: 'integer', minimum: 256, default: 3072 },
    description: 'Memory limit of a pod in MiB (`resources.mem_limit`); the request is half of it.',
  },
  podsTimeToStopS: {
    schema: { type: 'integer', minimum: -1, default: 43200 },
    description: "The pod's `time_to_stop_default` in seconds (-1: unlimited).",
  },
  podsPollMs: {
    schema: { type: 'integer', minimum: 50, maximum: 60000, default: 2000 },
    description: 'How often a starting pod is polled.',
  },
  pullHubUrl: {
    schema: { type: 'string', anyOf: [{ const: '' }, { format: 'uri', pattern: '^https?://' }], default: '' },
    description: 'Hugging Face-compatible hub that models are pulled from; empty: `MLHUB_HUGGINGFACE_URL`.',
  },
};
