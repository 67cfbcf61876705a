import { Pods } from '@tapis/tapis-typescript';
import {
  BackendUnavailable,
  sleep,
  waitReady,
  type Backend,
  type BackendEvents,
  type Recovered,
  type StartRequest,
  type Started,
} from './backend.js';
import type { ServerRow } from './state.js';

export interface PodsBackendOptions {
  /** The tenant's base URL (`https://tacc.tapis.io`); the client adds `/v3/pods`. */
  baseUrl: string;
  /** A service token; empty: the user's own token is used. */
  serviceToken: string;
  image: string;
  port: number;
  /** Pods volume holding the store; empty: none. */
  volume: string;
  storeMount: string;
  /** The model store folder on the hub's side, so a model folder maps to its path inside the pod. */
  storeDir: string;
  cpuLimit: number;
  memLimit: number;
  timeToStopS: number;
  pollMs: number;
  startTimeoutMs: number;
  dtype: string;
  /** More environment of every pod (how its server finds the tenant's keys). */
  env?: Record<string, string>;
  events: BackendEvents;
  fetch?: typeof fetch;
}

type PodModel = Pods.PodResponseModel;

/** Pod ids are lowercase letters and digits; ours are `mlhub` + the server id without dashes. */
export const podIdOf = (serverId: string): string => `mlhub${serverId.replace(/[^a-z0-9]/g, '')}`;

/** `networking.default.url` as Pods gives it (a host name, sometimes with a scheme) as a base URL. */
export function endpointOf(pod: PodModel): string | null {
  const url = pod.networking?.['default']?.url;
  if (!url) return null;
  return (/^https?:\/\//.test(url) ? url : `https://${url}`).replace(/\/+$/, '');
}

/** What the pod says about its failure: the container's message or reason. */
function podMessage(pod: PodModel): string {
  const container = (pod.status_container ?? {}) as Record<string, unknown>;
  const said = [container['message'], container['reason']].find((v): v is string => typeof v === 'string' && v.length > 0);
  return said ?? `pod ${pod.pod_id} is ${pod.status ?? 'in an unknown state'}`;
}

/**
 * Inference servers as Tapis pods: one pod per server from the allow-listed image, the model store mounted
 * as a volume, the model id and dtype in its environment; ready when the pod is `AVAILABLE` and the server's
 * own `/health` answers through the pod's URL.
 */
export class PodsBackend implements Backend {
  readonly name = 'pods' as const;

  constructor(private readonly options: PodsBackendOptions) {}

  private api(token: string | null): Pods.PodsApi {
    const use = this.options.serviceToken || token;
    if (!use) throw new BackendUnavailable('No token for the Tapis Pods API (set MLHUB_PODS_TOKEN)');
    return new Pods.PodsApi(
      new Pods.Configuration({
        basePath: this.options.baseUrl.replace(/\/+$/, ''),
        headers: { 'X-Tapis-Token': use },
        fetchApi: this.options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
      }),
    );
  }

  /** Runs a Pods call, turning its failures into messages: outages into BackendUnavailable. */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Response) {
        const body = (await error.json().catch(() => null)) as { message?: unknown } | null;
        const said = typeof body?.message === 'string' ? `: ${body.message}` : '';
        if (error.status >= 500 || error.status === 429)
          throw new BackendUnavailable(`Tapis Pods is unavailable (${what} answered ${error.status}${said})`);
        throw new PodsRefused(error.status, `Tapis Pods refused ${what} (${error.status}${said})`);
      }
      if (error instanceof BackendUnavailable) throw error;
      throw new BackendUnavailable(`Tapis Pods is unreachable (${what}: ${(error as Error).message})`);
    }
  }

  private modelPath(modelDir: string): string {
    const rel = modelDir.startsWith(this.options.storeDir) ? modelDir.slice(this.options.storeDir.length).replace(/^\/+/, '') : modelDir;
    return `${this.options.storeMount.replace(/\/+$/, '')}/${rel}`;
  }

  /** The pod definition (NewPod) of a server. */
  podDefinition(server: ServerRow, modelDir: string): Pods.NewPod {
    const o = this.options;
    return {
      pod_id: podIdOf(server.id),
      image: o.image,
      description: `ML Hub inference server ${server.id} for ${server.modelId}`,
      environment_variables: {
        ...o.env,
        MLHUB_INFERENCE_MODEL_ID: server.modelId,
        MLHUB_INFERENCE_MODEL_DIR: this.modelPath(modelDir),
        MLHUB_INFERENCE_DTYPE: o.dtype,
        MLHUB_PORT: String(o.port),
        MLHUB_HOST: '0.0.0.0',
      },
      ...(o.volume ? { volume_mounts: { [o.volume]: { type: 'tapisvolume', mount_path: o.storeMount, sub_path: '' } } } : {}),
      networking: { default: { protocol: 'http', port: o.port } },
      resources: {
        cpu_limit: o.cpuLimit,
        cpu_request: Math.round(o.cpuLimit / 2),
        mem_limit: o.memLimit,
        mem_request: Math.round(o.memLimit / 2),
        gpus: 0,
      },
      time_to_stop_default: o.timeToStopS,
      status_requested: 'ON',
    };
  }

  async submit(request: StartRequest): Promise<string> {
    const api = this.api(request.token);
    const podId = podIdOf(request.server.id);
    if (request.server.handle) {
      // A wake: the stopped pod is started again.
      await this.call('starting the pod', () => api.startPod({ podId }));
      return podId;
    }
    await this.call('creating the pod', () => api.createPod({ newPod: this.podDefinition(request.server, request.modelDir) }));
    return podId;
  }

  async start(request: StartRequest): Promise<Started> {
    const podId = request.server.handle ?? (await this.submit(request));
    const api = this.api(request.token);
    const deadline = Date.now() + this.options.startTimeoutMs;
    let lastStatus = '';
    for (;;) {
      request.signal.throwIfAborted();
      if (Date.now() > deadline)
        throw new Error(
          `pod ${podId} was not AVAILABLE within ${Math.round(this.options.startTimeoutMs / 1000)} s (last: ${lastStatus || 'no answer'})`,
        );
      let pod: PodModel | null = null;
      try {
        pod = (await this.call('reading the pod', () => api.getPod({ podId }))).result;
      } catch (error) {
        if (!(error instanceof BackendUnavailable)) throw error;
        // An outage while it starts: keep polling until the deadline.
        this.options.events.progress(request.server.id, 'initializing', `${error.message}; retrying`);
      }
      if (pod) {
        const status = pod.status ?? 'UNKNOWN';
        if (status === 'ERROR') throw new Error(`pod ${podId} failed: ${podMessage(pod)}`);
        if (status === 'AVAILABLE') {
          const endpoint = endpointOf(pod);
          if (!endpoint) throw new Error(`pod ${podId} is AVAILABLE but has no networking.default.url`);
          this.options.events.progress(request.server.id, 'initializing', `Pod is AVAILABLE; waiting for the server's readiness`);
          await waitReady(`${endpoint}/health`, {
            signal: request.signal,
            timeoutMs: Math.max(1000, deadline - Date.now()),
            intervalMs: this.options.pollMs,
            ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
          });
          return { endpoint, handle: podId };
        }
        if (status !== lastStatus) {
          lastStatus = status;
          this.options.events.progress(request.server.id, 'initializing', `Pod is ${status}`);
        }
      }
      await sleep(this.options.pollMs, request.signal);
    }
  }

  async stop(server: ServerRow, token: string | null, options: { keep?: boolean } = {}): Promise<void> {
    if (!server.handle) return;
    const api = this.api(token);
    const podId = server.handle;
    try {
      if (options.keep) await this.call('stopping the pod', () => api.stopPod({ podId }));
      else await this.call('deleting the pod', () => api.deletePod({ podId }));
    } catch (error) {
      if (error instanceof PodsRefused && error.status === 404) return;
      throw error;
    }
  }

  async recover(server: ServerRow, token: string | null): Promise<Recovered> {
    if (!server.handle) return { alive: false, message: 'Its pod was never created (the hub restarted)', retry: true };
    let pod: PodModel;
    try {
      pod = (await this.call('reading the pod', () => this.api(token).getPod({ podId: server.handle! }))).result;
    } catch (error) {
      if (error instanceof PodsRefused && error.status === 404)
        return { alive: false, message: `Its pod ${server.handle} is gone`, retry: false };
      return { unknown: true, message: (error as Error).message };
    }
    const endpoint = endpointOf(pod);
    if (pod.status === 'AVAILABLE' && endpoint) return { alive: true, endpoint, handle: server.handle };
    if (pod.status === 'ERROR') return { alive: false, message: `pod ${server.handle} failed: ${podMessage(pod)}`, retry: false };
    const starting = pod.status === 'REQUESTED' || pod.status === 'CREATING' || pod.status === 'AVAILABLE';
    return { alive: false, message: `Its pod ${server.handle} is ${pod.status ?? 'in an unknown state'}`, retry: starting };
  }

  async close(): Promise<void> {
    // Pods outlive the hub on purpose: they are the truth, polled again at the next start.
  }
}

/** Pods answered a 4xx: not an outage, the request itself was refused. */
class PodsRefused extends Error {
  override readonly name = 'PodsRefused';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
