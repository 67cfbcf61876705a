import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { components, InferenceServer, InferenceServerState } from '@mlhub/sdk';

type Schemas = components['schemas'];

export type { InferenceServer } from '@mlhub/sdk';
export type ServerState = InferenceServerState;
export type BackendName = Schemas['InferenceBackend'];
export type StateChange = Schemas['InferenceServerStateChange'];
export type ModelPull = Schemas['ModelPull'];
export type PullFile = Schemas['ModelPullFile'];

/** The states in which a server holds its model's slot: one per model, and they count against the limits. */
export const LIVE_STATES: readonly ServerState[] = ['pending', 'initializing', 'running', 'scaledToZero'];
/** States that hold (or are about to hold) a process or pod: what `MLHUB_INFERENCE_MAX_SERVERS` bounds. */
const PROCESS_STATES: readonly ServerState[] = ['pending', 'initializing', 'running'];

/** A server row: the spec's fields, plus what only the hub knows. */
export interface ServerRow extends InferenceServer {
  /** Tenant of the creator (admins and owners are per tenant). */
  tenant: string;
  /** Backend's handle: the child's pid (local) or the pod id (pods). */
  handle: string | null;
  idleTimeoutS: number;
  lastUsedAt: string | null;
}

/**
 * Versioned migrations: the index of each entry is its version (`PRAGMA user_version`); a released entry is
 * never edited, a change is a new entry.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE servers (
     id TEXT PRIMARY KEY,
     model_id TEXT NOT NULL,
     state TEXT NOT NULL,
     backend TEXT NOT NULL,
     endpoint TEXT,
     message TEXT,
     tenant TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     handle TEXT,
     idle_timeout_s INTEGER NOT NULL,
     last_used_at TEXT
   );
   CREATE INDEX servers_model ON servers(model_id, state);
   CREATE TABLE server_history (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
     state TEXT NOT NULL,
     at TEXT NOT NULL,
     message TEXT
   );
   CREATE INDEX history_server ON server_history(server_id, seq);`,
  `CREATE TABLE pull_jobs (
     id TEXT PRIMARY KEY,
     model_id TEXT NOT NULL,
     revision TEXT NOT NULL,
     dtype TEXT NOT NULL,
     state TEXT NOT NULL,
     bytes_done INTEGER NOT NULL DEFAULT 0,
     bytes_total INTEGER,
     files TEXT NOT NULL DEFAULT '[]',
     message TEXT,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX pulls_model ON pull_jobs(model_id, state);`,
];

interface ServerDbRow {
  id: string;
  model_id: string;
  state: ServerState;
  backend: BackendName;
  endpoint: string | null;
  message: string | null;
  tenant: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  handle: string | null;
  idle_timeout_s: number;
  last_used_at: string | null;
}

interface PullDbRow {
  id: string;
  model_id: string;
  revision: string;
  dtype: ModelPull['dtype'];
  state: ModelPull['state'];
  bytes_done: number;
  bytes_total: number | null;
  files: string;
  message: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const toServer = (r: ServerDbRow): ServerRow => ({
  id: r.id,
  modelId: r.model_id,
  state: r.state,
  backend: r.backend,
  endpoint: r.endpoint,
  message: r.message,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  tenant: r.tenant,
  handle: r.handle,
  idleTimeoutS: r.idle_timeout_s,
  lastUsedAt: r.last_used_at,
});

const toPull = (r: PullDbRow): ModelPull => ({
  id: r.id,
  modelId: r.model_id,
  revision: r.revision,
  dtype: r.dtype,
  state: r.state,
  bytesDone: r.bytes_done,
  bytesTotal: r.bytes_total,
  files: JSON.parse(r.files) as PullFile[],
  message: r.message,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What the API shows of a server row. */
export function publicServer(row: ServerRow): InferenceServer {
  return {
    id: row.id,
    modelId: row.modelId,
    state: row.state,
    backend: row.backend,
    endpoint: row.endpoint,
    message: row.message,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export interface NewServer {
  id: string;
  modelId: string;
  backend: BackendName;
  tenant: string;
  createdBy: string;
  idleTimeoutS: number;
  message: string;
}

/**
 * The control plane's state in one SQLite file (`{dataDir}/hub/state.sqlite`): servers with their state
 * history, and pull jobs. Synchronous (better-sqlite3): every write is one short transaction, so a hub that
 * dies mid-way leaves either the old state or the new one.
 */
export class ControlState {
  private readonly db: Database.Database;

  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  /** The schema version this file is at (the number of migrations applied). */
  get version(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const from = this.version;
    if (from > MIGRATIONS.length) {
      throw new Error(`${this.file} has schema version ${from}, newer than this hub (${MIGRATIONS.length}); upgrade the hub`);
    }
    for (let v = from; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  close(): void {
    this.db.close();
  }

  // ---------------------------------------------------------------- servers

  /**
   * Inserts a server in state `pending` unless one of its model is live, checking the limits in the same
   * transaction, so two concurrent requests cannot both pass.
   */
  insertServer(
    server: NewServer,
    limits: { perUser: number; global: number },
  ): { created: ServerRow } | { live: ServerRow } | { overLimit: 'user' | 'global'; count: number } {
    return this.db.transaction(() => {
      const live = this.liveServerOf(server.modelId);
      if (live) return { live };
      const states = LIVE_STATES.map(() => '?').join(',');
      const mine = this.db
        .prepare(`SELECT COUNT(*) AS n FROM servers WHERE tenant = ? AND created_by = ? AND state IN (${states})`)
        .get(server.tenant, server.createdBy, ...LIVE_STATES) as { n: number };
      if (mine.n >= limits.perUser) return { overLimit: 'user' as const, count: mine.n };
      // A server scaled to zero holds no process: it counts for its owner, not against the hub's capacity.
      const all = this.countRunning();
      if (all >= limits.global) return { overLimit: 'global' as const, count: all };
      const at = this.stamp();
      this.db
        .prepare(
          `INSERT INTO servers (id, model_id, state, backend, endpoint, message, tenant, created_by, created_at, updated_at, handle, idle_timeout_s, last_used_at)
           VALUES (?, ?, 'pending', ?, NULL, NULL, ?, ?, ?, ?, NULL, ?, ?)`,
        )
        .run(server.id, server.modelId, server.backend, server.tenant, server.createdBy, at, at, server.idleTimeoutS, at);
      this.db
        .prepare(`INSERT INTO server_history (server_id, state, at, message) VALUES (?, 'pending', ?, ?)`)
        .run(server.id, at, server.message);
      return { created: this.server(server.id)! };
    })();
  }

  server(id: string): ServerRow | undefined {
    const row = this.db.prepare('SELECT * FROM servers WHERE id = ?').get(id) as ServerDbRow | undefined;
    return row && toServer(row);
  }

  liveServerOf(modelId: string): ServerRow | undefined {
    const states = LIVE_STATES.map(() => '?').join(',');
    const row = this.db
      .prepare(`SELECT * FROM servers WHERE model_id = ? AND state IN (${states}) ORDER BY created_at DESC LIMIT 1`)
      .get(modelId, ...LIVE_STATES) as ServerDbRow | undefined;
    return row && toServer(row);
  }

  /** Servers newest first, filtered; `offset` pages. */
  servers(
    filter: { modelId?: string; state?: ServerState; states?: readonly ServerState[] } = {},
    page?: { limit: number; offset: number },
  ): ServerRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.modelId !== undefined) {
      where.push('model_id = ?');
      args.push(filter.modelId);
    }
    if (filter.state !== undefined) {
      where.push('state = ?');
      args.push(filter.state);
    }
    if (filter.states !== undefined) {
      where.push(`state IN (${filter.states.map(() => '?').join(',') || 'NULL'})`);
      args.push(...filter.states);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = page ? ` LIMIT ${Math.floor(page.limit)} OFFSET ${Math.floor(page.offset)}` : '';
    const rows = this.db.prepare(`SELECT * FROM servers ${clause} ORDER BY created_at DESC, id DESC${limit}`).all(...args) as ServerDbRow[];
    return rows.map(toServer);
  }

  /** Servers that hold a process or pod, or are starting one. */
  countRunning(): number {
    const states = PROCESS_STATES.map(() => '?').join(',');
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM servers WHERE state IN (${states})`).get(...PROCESS_STATES) as { n: number }).n;
  }

  countServers(filter: { modelId?: string; state?: ServerState } = {}): number {
    return this.servers(filter).length;
  }

  /**
   * Moves a server to `state` and records the transition; `patch` sets its endpoint or handle at the same
   * time. A transition to the state it is in only updates the fields (no history line), unless the message
   * changed. `from` makes it conditional (compare-and-set): returns undefined when the server is elsewhere.
   */
  transition(
    id: string,
    state: ServerState,
    message: string | null,
    patch: { endpoint?: string | null; handle?: string | null } = {},
    from?: readonly ServerState[],
  ): ServerRow | undefined {
    return this.db.transaction(() => {
      const current = this.server(id);
      if (!current) return undefined;
      if (from && !from.includes(current.state)) return undefined;
      const at = this.stamp();
      const endpoint = patch.endpoint === undefined ? current.endpoint : patch.endpoint;
      const handle = patch.handle === undefined ? current.handle : patch.handle;
      this.db
        .prepare('UPDATE servers SET state = ?, message = ?, endpoint = ?, handle = ?, updated_at = ? WHERE id = ?')
        .run(state, message, endpoint, handle, at, id);
      if (current.state !== state || current.message !== message) {
        this.db.prepare('INSERT INTO server_history (server_id, state, at, message) VALUES (?, ?, ?, ?)').run(id, state, at, message);
      }
      return this.server(id);
    })();
  }

  touch(id: string): void {
    this.db.prepare('UPDATE servers SET last_used_at = ? WHERE id = ?').run(this.stamp(), id);
  }

  history(id: string): StateChange[] {
    return this.db.prepare('SELECT state, at, message FROM server_history WHERE server_id = ? ORDER BY seq').all(id) as StateChange[];
  }

  // ---------------------------------------------------------------- pull jobs

  /** Inserts a queued job unless one of the same model is under way (returned instead). */
  insertPull(job: Pick<ModelPull, 'id' | 'modelId' | 'revision' | 'dtype' | 'createdBy'>): { created: ModelPull } | { running: ModelPull } {
    return this.db.transaction(() => {
      const running = this.db
        .prepare(`SELECT * FROM pull_jobs WHERE model_id = ? AND state IN ('queued', 'downloading', 'verifying') LIMIT 1`)
        .get(job.modelId) as PullDbRow | undefined;
      if (running) return { running: toPull(running) };
      const at = this.stamp();
      this.db
        .prepare(
          `INSERT INTO pull_jobs (id, model_id, revision, dtype, state, bytes_done, bytes_total, files, message, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'queued', 0, NULL, '[]', NULL, ?, ?, ?)`,
        )
        .run(job.id, job.modelId, job.revision, job.dtype, job.createdBy, at, at);
      return { created: this.pull(job.id)! };
    })();
  }

  pull(id: string): ModelPull | undefined {
    const row = this.db.prepare('SELECT * FROM pull_jobs WHERE id = ?').get(id) as PullDbRow | undefined;
    return row && toPull(row);
  }

  pulls(states?: readonly ModelPull['state'][]): ModelPull[] {
    const rows = states
      ? (this.db.prepare(`SELECT * FROM pull_jobs WHERE state IN (${states.map(() => '?').join(',')})`).all(...states) as PullDbRow[])
      : (this.db.prepare('SELECT * FROM pull_jobs').all() as PullDbRow[]);
    return rows.map(toPull);
  }

  updatePull(
    id: string,
    patch: Partial<Pick<ModelPull, 'state' | 'bytesDone' | 'bytesTotal' | 'files' | 'message'>>,
  ): ModelPull | undefined {
    const current = this.pull(id);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    this.db
      .prepare('UPDATE pull_jobs SET state = ?, bytes_done = ?, bytes_total = ?, files = ?, message = ?, updated_at = ? WHERE id = ?')
      .run(next.state, next.bytesDone, next.bytesTotal, JSON.stringify(next.files), next.message, this.stamp(), id);
    return this.pull(id);
  }
}
