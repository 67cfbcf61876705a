import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../common/paths.js';
import { waitReady, type Backend, type BackendEvents, type Recovered, type StartRequest, type Started } from './backend.js';
import type { ServerRow } from './state.js';

export interface LocalBackendOptions {
  /** argv of the server before `--model DIR --model-id ID`; default: this checkout's inference server through tsx. */
  command?: string[];
  /** `MLHUB_*` variables every child gets (data folder, tenant keys, dtype); the hub's own are not inherited. */
  env: Record<string, string>;
  startTimeoutMs: number;
  events: BackendEvents;
  /** Where child output lines go (the hub's log). */
  log?: (serverId: string, line: string) => void;
}

interface Child {
  process: ChildProcess;
  /** Set when the hub asked it to stop, so its exit is not a loss. */
  stopping: boolean;
  exited: Promise<void>;
  /** The child's last lines but its listening line, parsed (for the reason a start failed). */
  tail: TailLine[];
}

interface TailLine {
  /** pino's level; null for a plain line (a stack trace, a crash before the logger). */
  level: number | null;
  message: string;
}

const LISTENING = /listening (?:on|at) (https?:\/\/[^\s"'),]+)/i;
const TAIL_LINES = 20;

function defaultServerCommand(): string[] {
  return [process.execPath, '--import', 'tsx', path.join(repoRoot(), 'services', 'src', 'inference', 'server.ts')];
}

/** The environment of a child: the hub's minus every `MLHUB_*` (its secrets, its port), plus the child's own. */
function childEnv(own: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('MLHUB_')) env[key] = value;
  return { ...env, ...own };
}

/** True when `pid` runs and is the child started for `serverId` (its environment says so). */
function isOurs(pid: number, serverId: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`MLHUB_SERVER_ID=${serverId}`);
  } catch {
    // No /proc (macOS): a live pid cannot be told apart from a reused one, so it is left alone.
    return false;
  }
}

/**
 * Inference servers as child processes of the hub, each on a free loopback port (`MLHUB_PORT=0`; the child
 * prints the URL it listens on), verifying the forwarded user tokens with the tenant keys the hub passes.
 */
export class LocalBackend implements Backend {
  readonly name = 'local' as const;
  private readonly children = new Map<string, Child>();

  constructor(private readonly options: LocalBackendOptions) {}

  async start({ server, modelDir, signal }: StartRequest): Promise<Started> {
    await this.kill(server.id);
    const argv = [
      ...(this.options.command?.length ? this.options.command : defaultServerCommand()),
      '--model',
      modelDir,
      '--model-id',
      server.modelId,
      '--exit-with-parent',
    ];
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: repoRoot(),
      env: childEnv({ ...this.options.env, MLHUB_PORT: '0', MLHUB_HOST: '127.0.0.1', MLHUB_SERVER_ID: server.id }),
      // The child's stdin is held open by this process only: it closes when the hub exits, and the child with it.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const entry: Child = {
      process: child,
      stopping: false,
      tail: [],
      exited: new Promise((resolve) => child.once('exit', () => resolve())),
    };
    this.children.set(server.id, entry);

    let url: string | null = null;
    let onUrl: (u: string) => void = () => undefined;
    const urlSeen = new Promise<string>((resolve) => (onUrl = resolve));
    const onLine = (line: string): void => {
      if (!line.trim()) return;
      this.options.log?.(server.id, line);
      // Fastify's log and the server's stdout both say where it listens: neither is a reason for anything.
      const match = LISTENING.exec(line);
      if (!match) {
        entry.tail.push(parseLine(line));
        if (entry.tail.length > TAIL_LINES) entry.tail.shift();
      } else if (url === null) {
        url = match[1]!.replace(/\/+$/, '');
        onUrl(url);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        let at: number;
        while ((at = buffered.indexOf('\n')) >= 0) {
          onLine(buffered.slice(0, at));
          buffered = buffered.slice(at + 1);
        }
      });
    }

    const exitedEarly = new Promise<never>((_resolve, reject) => {
      child.once('exit', (code, sig) =>
        reject(new Error(`the server exited while starting (${describeExit(code, sig)})${lastWords(entry)}`)),
      );
      child.once('error', (error) => reject(new Error(`the server could not be started: ${error.message}`)));
    });
    exitedEarly.catch(() => undefined);
    child.once('exit', (code, sig) => {
      if (this.children.get(server.id) === entry) this.children.delete(server.id);
      if (!entry.stopping && url !== null) this.options.events.lost(server.id, `The server process exited (${describeExit(code, sig)})`);
    });

    const timeout = AbortSignal.timeout(this.options.startTimeoutMs);
    const both = AbortSignal.any([signal, timeout]);
    try {
      const endpoint = await Promise.race([
        urlSeen,
        exitedEarly,
        new Promise<never>((_r, reject) => both.addEventListener('abort', () => reject(new Error('no listening line')), { once: true })),
      ]);
      await Promise.race([waitReady(`${endpoint}/health`, { signal: both, timeoutMs: this.options.startTimeoutMs }), exitedEarly]);
      return { endpoint, handle: String(child.pid) };
    } catch (error) {
      await this.kill(server.id);
      if (timeout.aborted && !signal.aborted) {
        throw new Error(`the server was not ready within ${Math.round(this.options.startTimeoutMs / 1000)} s${lastWords(entry)}`);
      }
      throw error;
    }
  }

  async stop(server: ServerRow): Promise<void> {
    await this.kill(server.id);
    // A child of an earlier hub process (found by `recover`) is not in `children`.
    const pid = Number(server.handle);
    if (Number.isInteger(pid) && pid > 0 && isOurs(pid, server.id)) await killPid(pid);
  }

  async recover(server: ServerRow): Promise<Recovered> {
    const pid = Number(server.handle);
    // Its stdout went with the old hub, so it cannot be watched; it is ended and the control plane restarts it.
    if (Number.isInteger(pid) && pid > 0 && isOurs(pid, server.id)) {
      await killPid(pid);
      return { alive: false, message: 'Its process outlived the hub and was ended', retry: true };
    }
    return { alive: false, message: 'Its process is gone (the hub restarted)', retry: true };
  }

  async close(): Promise<void> {
    await Promise.all([...this.children.keys()].map((id) => this.kill(id)));
  }

  /** Pids of the running children, by server id (tests kill them). */
  pids(): Map<string, number> {
    return new Map([...this.children].map(([id, c]) => [id, c.process.pid ?? -1]));
  }

  private async kill(serverId: string): Promise<void> {
    const entry = this.children.get(serverId);
    if (!entry) return;
    entry.stopping = true;
    this.children.delete(serverId);
    if (entry.process.exitCode === null && entry.process.signalCode === null) {
      entry.process.kill('SIGTERM');
      const hard = setTimeout(() => entry.process.kill('SIGKILL'), 5000);
      await entry.exited;
      clearTimeout(hard);
    }
  }
}

async function killPid(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code ?? '?'}`;
}

/** The child's last error lines (pino level >= 50, or plain text such as a stack trace), else its last lines. */
function lastWords(entry: Child): string {
  const errors = entry.tail.filter((l) => l.level === null || l.level >= 50);
  const lines = (errors.length ? errors : entry.tail).slice(-3).map((l) => l.message);
  return lines.length ? `: ${lines.join(' | ')}` : '';
}

/** A pino JSON line's level and `msg` (and error message), cut to 500 characters; a plain line has no level. */
function parseLine(line: string): TailLine {
  let level: number | null = null;
  let message = line;
  try {
    const parsed = JSON.parse(line) as { level?: unknown; msg?: unknown; err?: { message?: unknown } };
    const parts = [parsed.msg, parsed.err?.message].filter((p): p is string => typeof p === 'string');
    if (typeof parsed.level === 'number') level = parsed.level;
    if (parts.length) message = parts.join(': ');
  } catch {
    // Not pino's JSON: the line as it is.
  }
  return { level, message: message.length > 500 ? `${message.slice(0, 500)}...` : message };
}
