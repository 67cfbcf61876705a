import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { ApiError } from '../../common/errors.js';
import { BackendUnavailable, type Backend, type BackendEvents } from './backend.js';
import { ControlState, LIVE_STATES, type NewServer, type ServerRow, type ServerState } from './state.js';

export interface ControlPlaneOptions {
  state: ControlState;
  backend: Backend;
  /** The model folder of an id inside the store. */
  modelDir(modelId: string): string;
  limits: { perUser: number; global: number };
  idleTimeoutS: number;
  wakeWaitMs: number;
  restartLimit: number;
  /** First restart delay; doubles per attempt (capped at 30 s). */
  restartBackoffMs?: number;
  /**
   * A server that ran this long since its last start has its restart count cleared, as the kubelet resets a
   * container's crash backoff after 10 minutes: a death a week is a restart each time, not `failed` on the sixth.
   */
  restartResetMs?: number;
  /** How often idle servers are looked for; default a quarter of the idle time, at most 10 s. */
  idleCheckMs?: number;
  log: FastifyBaseLogger;
}

/** Who acts: the verified identity of the request. */
export interface Actor {
  tenant: string;
  username: string;
  admin: boolean;
  token: string | null;
}

export const newId = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/**
 * The inference control plane: server states in SQLite, one backend doing the work. Holds what must not
 * outlive the process in memory only (tokens, start promises, last use), and rebuilds the rest from the
 * state file at boot (`reconcile`).
 */
export class ControlPlane implements BackendEvents {
  readonly state: ControlState;
  readonly backend: Backend;
  private readonly starts = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  private readonly restarts = new Map<string, number>();
  /** When each server last turned `running` (Date.now()): a long run clears its restart count. */
  private readonly runningSince = new Map<string, number>();
  private readonly tokens = new Map<string, string>();
  private readonly lastUsed = new Map<string, number>();
  /** Requests in flight per server: a server that is streaming is not idle, however long the stream. */
  private readonly inFlight = new Map<string, number>();
  private readonly idleTimer: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: ControlPlaneOptions) {
    this.state = options.state;
    this.backend = options.backend;
    const every = options.idleCheckMs ?? Math.min(10_000, Math.max(200, (options.idleTimeoutS * 1000) / 4));
    this.idleTimer = setInterval(() => void this.stopIdle(), every);
    this.idleTimer.unref();
  }

  // ---------------------------------------------------------------- BackendEvents

  progress(serverId: string, state: ServerState, message: string): void {
    this.state.transition(serverId, state, message, {}, ['pending', 'initializing']);
  }

  lost(serverId: string, message: string): void {
    if (this.closed) return;
    const server = this.state.server(serverId);
    if (!server || server.state !== 'running') return;
    const ranMs = Date.now() - (this.runningSince.get(serverId) ?? Date.now());
    if (ranMs >= (this.options.restartResetMs ?? 600_000)) this.restarts.delete(serverId);
    const attempt = (this.restarts.get(serverId) ?? 0) + 1;
    if (attempt > this.options.restartLimit) {
      this.state.transition(serverId, 'failed', `${message}; gave up after ${this.options.restartLimit} restarts`, { endpoint: null });
      this.options.log.warn({ serverId, modelId: server.modelId }, 'inference server died too often; failed');
      return;
    }
    this.restarts.set(serverId, attempt);
    const delay = Math.min(30_000, (this.options.restartBackoffMs ?? 500) * 2 ** (attempt - 1));
    this.state.transition(
      serverId,
      'initializing',
      `${message}; restarting in ${delay} ms (attempt ${attempt} of ${this.options.restartLimit})`,
      {
        endpoint: null,
      },
    );
    this.options.log.warn({ serverId, modelId: server.modelId, attempt, delay }, 'inference server died; restarting');
    this.launch(serverId, delay);
  }

  // ---------------------------------------------------------------- operations

  /** Creates a server for a model that is in the store, or answers the live one (409) or the limit (429). */
  async create(actor: Actor, modelId: string, idleTimeoutS?: number): Promise<ServerRow> {
    const record: NewServer = {
      id: newId('srv'),
      modelId,
      backend: this.backend.name,
      tenant: actor.tenant,
      createdBy: actor.username,
      idleTimeoutS: idleTimeoutS ?? this.options.idleTimeoutS,
      message: `Requested by ${actor.username}`,
    };
    const outcome = this.state.insertServer(record, this.options.limits);
    if ('live' in outcome) {
      throw new ApiError(
        'CONFLICT',
        `An inference server for '${modelId}' is already ${outcome.live.state}`,
        { serverId: outcome.live.id },
        {},
      );
    }
    if ('overLimit' in outcome) {
      const message =
        outcome.overLimit === 'user'
          ? `You already have ${outcome.count} live inference servers, the most one user may have (${this.options.limits.perUser}); stop one first`
          : `This hub already runs ${outcome.count} inference servers, the most it runs at once (${this.options.limits.global}); try again once one of them stops (idle servers stop by themselves)`;
      throw new ApiError('RATE_LIMITED', message, { limit: outcome.overLimit }, { headers: { 'Retry-After': '60' } });
    }
    const server = outcome.created;
    if (actor.token) this.tokens.set(server.id, actor.token);
    if (this.backend.submit) {
      try {
        const handle = await this.backend.submit({
          server,
          modelDir: this.options.modelDir(modelId),
          token: actor.token,
          signal: new AbortController().signal,
        });
        this.state.transition(server.id, 'pending', `Submitted to the ${this.backend.name} backend as ${handle}`, { handle });
      } catch (error) {
        const message = (error as Error).message;
        this.state.transition(server.id, 'failed', message);
        if (error instanceof BackendUnavailable)
          throw new ApiError('SERVICE_UNAVAILABLE', message, undefined, { headers: { 'Retry-After': '30' } });
        throw new ApiError('UPSTREAM_ERROR', message);
      }
    }
    // The answer is the server as it was requested; the start goes on in the background.
    const requested = this.state.server(server.id)!;
    this.launch(server.id, 0);
    return requested;
  }

  /** The conflicting live server of a model, for a 409's body. */
  liveServer(modelId: string): ServerRow | undefined {
    return this.state.liveServerOf(modelId);
  }

  get(serverId: string): ServerRow {
    const server = this.state.server(serverId);
    if (!server) throw new ApiError('NOT_FOUND', `Inference server '${serverId}' not found`);
    return server;
  }

  /** Stops a server: its creator or an admin (403 for anyone else). Stopping a stopped one answers it. */
  async remove(actor: Actor, serverId: string): Promise<ServerRow> {
    const server = this.get(serverId);
    const owner = server.tenant === actor.tenant && server.createdBy === actor.username;
    if (!owner && !actor.admin) {
      throw new ApiError('FORBIDDEN', `Only ${server.createdBy}, who created inference server '${serverId}', or an admin may stop it`);
    }
    if (server.state === 'stopped') return server;
    const start = this.starts.get(serverId);
    start?.abort.abort(new Error('stopped'));
    try {
      await this.backend.stop(server, actor.token ?? this.tokens.get(serverId) ?? null);
    } catch (error) {
      if (error instanceof BackendUnavailable) {
        throw new ApiError('SERVICE_UNAVAILABLE', `${error.message}; the server is unchanged, try again`, undefined, {
          headers: { 'Retry-After': '30' },
        });
      }
      throw error;
    }
    await start?.promise.catch(() => undefined);
    this.tokens.delete(serverId);
    this.restarts.delete(serverId);
    this.runningSince.delete(serverId);
    this.lastUsed.delete(serverId);
    return this.state.transition(serverId, 'stopped', `Stopped by ${actor.username}`, { endpoint: null })!;
  }

  /**
   * The running server of a model for an inference request: wakes one scaled to zero and waits for a
   * starting one, up to the wake bound (then 503 with `Retry-After`). No live server: 409 with the hint.
   */
  async ensureRunning(modelId: string, token: string | null): Promise<ServerRow> {
    let server = this.state.liveServerOf(modelId);
    if (!server) {
      throw new ApiError('CONFLICT', `No inference server is running for '${modelId}'; create one with POST /v3/mlhub/inference/servers`, {
        hint: 'createInferenceServer',
        modelId,
      });
    }
    if (server.state === 'running' && server.endpoint) {
      this.markUsed(server.id);
      return server;
    }
    if (server.state === 'scaledToZero') {
      // Waking takes a process: within the hub's capacity, checked and taken in this same synchronous step.
      const running = this.state.countRunning();
      if (running >= this.options.limits.global) {
        throw new ApiError(
          'SERVICE_UNAVAILABLE',
          `The inference server for '${modelId}' is scaled to zero and this hub already runs ${running} inference servers, the most it runs at once (${this.options.limits.global}); it wakes once one of them stops (idle servers stop by themselves)`,
          { serverId: server.id },
          { headers: { 'Retry-After': '60' } },
        );
      }
      if (token) this.tokens.set(server.id, token);
      const woken = this.state.transition(server.id, 'initializing', 'Woken by an inference request', {}, ['scaledToZero']);
      if (woken) this.launch(server.id, 0);
    }
    const waited = await this.waitRunning(server.id, this.options.wakeWaitMs);
    server = this.state.server(server.id)!;
    if (!waited || server.state !== 'running' || !server.endpoint) {
      if (server.state === 'failed')
        throw new ApiError('UPSTREAM_ERROR', `The inference server for '${modelId}' failed: ${server.message ?? 'unknown reason'}`);
      throw new ApiError(
        'SERVICE_UNAVAILABLE',
        `The inference server for '${modelId}' is ${server.state}; try again shortly`,
        { serverId: server.id },
        {
          headers: { 'Retry-After': '5' },
        },
      );
    }
    this.markUsed(server.id);
    return server;
  }

  markUsed(serverId: string): void {
    this.lastUsed.set(serverId, Date.now());
  }

  /** A request to the server starts; call the returned function once, when it ends. */
  begin(serverId: string): () => void {
    this.inFlight.set(serverId, (this.inFlight.get(serverId) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.inFlight.get(serverId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(serverId, left);
      else this.inFlight.delete(serverId);
      this.markUsed(serverId);
    };
  }

  /** Resolves true once the server is running, false at the bound or when it failed or stopped. */
  async waitRunning(serverId: string, withinMs: number): Promise<boolean> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const server = this.state.server(serverId);
      if (!server) return false;
      if (server.state === 'running') return true;
      if (server.state === 'failed' || server.state === 'stopped') return false;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      const start = this.starts.get(serverId);
      await Promise.race([
        start ? start.promise.catch(() => undefined) : Promise.resolve(),
        new Promise((r) => setTimeout(r, Math.min(left, 100))),
      ]);
    }
  }

  /**
   * After a hub restart: every live server is looked at again. Running ones the backend still finds keep
   * serving; dead local children are restarted (an orphan of the old hub is ended first); pods still
   * starting are polled again; gone ones are `failed`, with why.
   */
  async reconcile(): Promise<void> {
    for (const server of this.state.servers({ states: LIVE_STATES })) {
      if (server.backend !== this.backend.name) {
        this.state.transition(server.id, 'failed', `This hub now runs the ${this.backend.name} backend, not ${server.backend}`, {
          endpoint: null,
        });
        continue;
      }
      if (server.state === 'scaledToZero') continue;
      const found = await this.backend.recover(server, null);
      if ('unknown' in found) {
        this.options.log.warn({ serverId: server.id, reason: found.message }, 'inference server could not be checked at boot; state kept');
        continue;
      }
      if (found.alive) {
        this.state.transition(server.id, 'running', 'Found running after a hub restart', {
          endpoint: found.endpoint,
          handle: found.handle,
        });
        this.runningSince.set(server.id, Date.now());
        this.markUsed(server.id);
      } else if (found.retry) {
        this.state.transition(server.id, 'initializing', `${found.message}; starting it again`, { endpoint: null });
        this.launch(server.id, 0);
      } else {
        this.state.transition(server.id, 'failed', found.message, { endpoint: null });
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.idleTimer);
    for (const { abort } of this.starts.values()) abort.abort(new Error('hub closing'));
    await Promise.all([...this.starts.values()].map((s) => s.promise.catch(() => undefined)));
    await this.backend.close();
  }

  // ---------------------------------------------------------------- internals

  /** Starts (or restarts) a server in the background, after `delayMs`; the one start of a server at a time. */
  private launch(serverId: string, delayMs: number): void {
    this.starts.get(serverId)?.abort.abort(new Error('superseded'));
    const abort = new AbortController();
    const promise = (async () => {
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      if (abort.signal.aborted || this.closed) return;
      const server = this.state.server(serverId);
      if (!server || (server.state !== 'pending' && server.state !== 'initializing')) return;
      if (server.state === 'pending') this.state.transition(serverId, 'initializing', 'Starting the server', {}, ['pending']);
      try {
        const started = await this.backend.start({
          server,
          modelDir: this.options.modelDir(server.modelId),
          token: this.tokens.get(serverId) ?? null,
          signal: abort.signal,
        });
        if (abort.signal.aborted) return;
        const now = this.state.transition(serverId, 'running', null, { endpoint: started.endpoint, handle: started.handle }, [
          'pending',
          'initializing',
        ]);
        if (!now) await this.backend.stop({ ...server, handle: started.handle }, this.tokens.get(serverId) ?? null);
        else this.runningSince.set(serverId, Date.now());
        this.markUsed(serverId);
      } catch (error) {
        if (abort.signal.aborted || this.closed) return;
        const message = (error as Error).message;
        this.options.log.warn({ serverId, modelId: server.modelId, reason: message }, 'inference server did not start');
        this.state.transition(serverId, 'failed', message, { endpoint: null }, ['pending', 'initializing']);
      }
    })().finally(() => {
      if (this.starts.get(serverId)?.abort === abort) this.starts.delete(serverId);
    });
    this.starts.set(serverId, { promise, abort });
  }

  private async stopIdle(): Promise<void> {
    if (this.closed) return;
    const now = Date.now();
    for (const server of this.state.servers({ state: 'running' })) {
      if (this.inFlight.has(server.id)) continue;
      const used = this.lastUsed.get(server.id) ?? Date.parse(server.lastUsedAt ?? server.updatedAt);
      if (now - used < server.idleTimeoutS * 1000) continue;
      // The record leaves `running` before the process is stopped: a request arriving while it stops wakes the
      // server (whose start waits for the old process to end) instead of reaching a closing port.
      if (!this.state.transition(server.id, 'scaledToZero', `No request for ${server.idleTimeoutS} s`, { endpoint: null }, ['running']))
        continue;
      this.restarts.delete(server.id);
      try {
        await this.backend.stop(server, this.tokens.get(server.id) ?? null, { keep: true });
        this.options.log.info({ serverId: server.id, modelId: server.modelId }, 'inference server scaled to zero');
      } catch (error) {
        // A start (a wake) stops what is left of it first.
        this.options.log.warn({ serverId: server.id, reason: (error as Error).message }, 'idle stop failed');
      }
    }
  }
}
