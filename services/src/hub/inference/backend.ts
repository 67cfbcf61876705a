import type { BackendName, ServerRow, ServerState } from './state.js';

/** What a backend reports while it brings a server up, or when it goes away. */
export interface BackendEvents {
  /** A step of the start (`initializing` with the pod's status, for example). */
  progress(serverId: string, state: ServerState, message: string): void;
  /** The server went away without being asked (a child died, a pod errored). */
  lost(serverId: string, message: string): void;
}

export interface StartRequest {
  server: ServerRow;
  /** The model's folder inside the store. */
  modelDir: string;
  /** The user's token, for backends that act as the user (Pods without a service token). */
  token: string | null;
  signal: AbortSignal;
}

export interface Started {
  endpoint: string;
  /** What finds it again after a hub restart (a pid, a pod id). */
  handle: string;
}

/** What a server found after a hub restart turned out to be. */
export type Recovered =
  | { alive: true; endpoint: string; handle: string }
  /** `retry`: it may still come up (a child to restart, a pod still creating), so the start is resumed. */
  | { alive: false; message: string; retry: boolean }
  /** It could not be looked at now (an outage, no token): the state is kept as it is. */
  | { unknown: true; message: string };

/** One way of running inference servers; the control plane holds the states, a backend only does. */
export interface Backend {
  readonly name: BackendName;
  /**
   * The part of a start the creating request waits for (asking Tapis Pods for the pod), so an outage there
   * is the caller's 503, not a server stuck in `pending`. Resolves with the handle.
   */
  submit?(request: StartRequest): Promise<string>;
  /** Resolves when the server answers ready; rejects with a message a user can act on. */
  start(request: StartRequest): Promise<Started>;
  /**
   * Stops it; resolves once it no longer runs. `keep` (an idle stop) keeps what a wake restarts faster (a
   * stopped pod). Never throws for one already gone; throws `BackendUnavailable` when it cannot be reached.
   */
  stop(server: ServerRow, token: string | null, options?: { keep?: boolean }): Promise<void>;
  /** After a hub restart: finds what runs under `server.handle`, without starting anything. */
  recover(server: ServerRow, token: string | null): Promise<Recovered>;
  /** Ends everything it started (hub shutdown). */
  close(): Promise<void>;
}

/** Waits until `url` answers 200 (the server's readiness), polling; rejects on abort or timeout. */
export async function waitReady(
  url: string,
  options: { signal: AbortSignal; timeoutMs: number; intervalMs?: number; fetch?: typeof fetch },
): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    options.signal.throwIfAborted();
    try {
      const response = await doFetch(url, { signal: AbortSignal.any([options.signal, AbortSignal.timeout(5000)]) });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status === 200) return;
      last = `answered ${response.status}`;
    } catch (error) {
      options.signal.throwIfAborted();
      last = (error as Error).message;
    }
    await sleep(options.intervalMs ?? 200, options.signal);
  }
  throw new Error(`not ready after ${Math.round(options.timeoutMs / 1000)} s (${url} ${last})`);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The backend's own service could not be reached or refused for now (Tapis Pods down): a 503, state kept. */
export class BackendUnavailable extends Error {
  override readonly name = 'BackendUnavailable';
}
