import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { envName, type FoundationConfig } from '../../common/config.js';
import { devTenantStaticKey } from '../../common/dev-tenant/keys.js';
import type { HubContext } from '../routes/context.js';
import type { Backend } from './backend.js';
import { availabilityOf, modelDirOf, type Availability } from './availability.js';
import { inferenceConfigParts, type InferenceConfig } from './config.js';
import { ControlPlane } from './control-plane.js';
import { registerInferenceRoutes } from './handlers.js';
import { LocalBackend } from './local-backend.js';
import { PodsBackend } from './pods-backend.js';
import { PullJobs } from './pull-jobs.js';
import { ControlState } from './state.js';

/** The hub configuration the control plane reads. */
export type InferenceHubConfig = FoundationConfig &
  InferenceConfig & { storeDir: string; huggingfaceUrl: string; huggingfaceToken: string };

/** Seams for tests: what stands for the outside world, and faster clocks. */
export interface InferenceOptions {
  /** Fetch of the Tapis Pods client. */
  podsFetch?: typeof fetch;
  /** Fetch of model pulls (the Hugging Face-compatible hub). */
  pullFetch?: typeof fetch;
  restartBackoffMs?: number;
  restartResetMs?: number;
  idleCheckMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The inference control plane (its state, its backend). */
    inferenceControl: ControlPlane;
    /** `getInferenceAvailability`'s answer for a model id (the legacy inference route answers from it too). */
    inferenceAvailability(modelId: string): Promise<Availability>;
  }
}

/** The store folder the hub serves: `MLHUB_STORE_DIR`, else `{dataDir}/store`. */
export const storeDirOf = (config: Pick<InferenceHubConfig, 'storeDir' | 'dataDir'>): string =>
  path.resolve(config.storeDir || path.join(config.dataDir, 'store'));

const HUB_KEYS = new Set(Object.keys(inferenceConfigParts).map((key) => envName(key)));

function backendOf(config: InferenceHubConfig, plane: () => ControlPlane, options: InferenceOptions): Backend {
  const events = {
    progress: (...args: Parameters<ControlPlane['progress']>) => plane().progress(...args),
    lost: (...args: Parameters<ControlPlane['lost']>) => plane().lost(...args),
  };
  const dataDir = path.resolve(config.dataDir);
  if (config.inferenceBackend === 'pods') {
    if (!config.podsUrl) throw new Error('MLHUB_INFERENCE_BACKEND=pods needs MLHUB_PODS_URL');
    return new PodsBackend({
      baseUrl: config.podsUrl,
      serviceToken: config.podsToken,
      image: config.podsImage,
      port: config.podsPort,
      volume: config.podsVolume,
      storeMount: config.podsStoreMount,
      storeDir: storeDirOf(config),
      cpuLimit: config.podsCpuLimit,
      memLimit: config.podsMemLimit,
      timeToStopS: config.podsTimeToStopS,
      pollMs: config.podsPollMs,
      startTimeoutMs: config.inferenceStartTimeoutS * 1000,
      dtype: config.inferenceDtype,
      env: { MLHUB_TENANTS_URL: config.tenantsUrl, MLHUB_ALLOWED_TENANTS: config.allowedTenants.join(',') },
      events,
      ...(options.podsFetch ? { fetch: options.podsFetch } : {}),
    });
  }
  // Keys of the inference server itself (batch size, token caps) set in the hub's environment reach every child.
  const serverKeys = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[0].startsWith('MLHUB_INFERENCE_') && !HUB_KEYS.has(e[0]) && e[0] !== 'MLHUB_INFERENCE_MODEL_DIR' && typeof e[1] === 'string',
    ),
  );
  const staticKeys = { ...config.staticKeys, ...(config.devTenant ? { [config.devTenant]: devTenantStaticKey(dataDir) } : {}) };
  return new LocalBackend({
    ...(config.inferenceCommand.length ? { command: config.inferenceCommand } : {}),
    env: {
      ...serverKeys,
      MLHUB_DATA_DIR: dataDir,
      MLHUB_STATIC_KEYS: JSON.stringify(staticKeys),
      MLHUB_TENANTS_URL: config.tenantsUrl,
      MLHUB_ALLOWED_TENANTS: config.allowedTenants.join(','),
      MLHUB_INFERENCE_DTYPE: config.inferenceDtype,
      // The hub already limits each user; its own calls must not be limited as one user.
      MLHUB_RATE_LIMIT_MAX: '100000000',
      MLHUB_LOG_LEVEL: config.logLevel === 'silent' ? 'info' : config.logLevel,
    },
    startTimeoutMs: config.inferenceStartTimeoutS * 1000,
    events,
  });
}

/**
 * The inference control plane on the hub: state file, backend, pulls, and the routes of every Inference-tag
 * operation. After a restart it reconciles what the state file says with what runs.
 */
export async function registerInference(
  app: FastifyInstance,
  hub: HubContext,
  config: InferenceHubConfig,
  options: InferenceOptions = {},
): Promise<void> {
  const storeDir = storeDirOf(config);
  const state = new ControlState(path.join(path.resolve(config.dataDir), 'hub', 'state.sqlite'));
  let plane: ControlPlane | null = null;
  const backend = backendOf(config, () => plane!, options);
  plane = new ControlPlane({
    state,
    backend,
    modelDir: (id) => modelDirOf(storeDir, id),
    limits: { perUser: config.inferenceMaxPerUser, global: config.inferenceMaxServers },
    idleTimeoutS: config.inferenceIdleTimeoutS,
    wakeWaitMs: config.inferenceWakeWaitMs,
    restartLimit: config.inferenceRestartLimit,
    ...(options.restartBackoffMs !== undefined ? { restartBackoffMs: options.restartBackoffMs } : {}),
    ...(options.restartResetMs !== undefined ? { restartResetMs: options.restartResetMs } : {}),
    ...(options.idleCheckMs !== undefined ? { idleCheckMs: options.idleCheckMs } : {}),
    log: app.log,
  });
  const pulls = new PullJobs({
    state,
    storeDir,
    hubUrl: config.pullHubUrl || config.huggingfaceUrl,
    ...(config.huggingfaceToken ? { token: config.huggingfaceToken } : {}),
    ...(options.pullFetch ? { fetch: options.pullFetch } : {}),
    log: app.log,
  });
  const ready = plane;
  app.decorate('inferenceControl', ready);
  const availability = (modelId: string): Promise<Availability> =>
    availabilityOf(
      { catalog: hub.catalog, storeDir, maxModelBytes: config.inferenceMaxModelBytes, liveServer: (id) => ready.liveServer(id) },
      modelId,
    );
  app.decorate('inferenceAvailability', availability);
  registerInferenceRoutes(app, hub, {
    plane: ready,
    pulls,
    availability,
    storeDir,
    config,
    inferenceTimeoutMs: config.inferenceRequestTimeoutS * 1000,
  });
  await ready.reconcile();
  app.addHook('onClose', async () => {
    await pulls.close();
    await ready.close();
    state.close();
  });
}
