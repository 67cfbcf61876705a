import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Parent pid and state of every live process, from /proc. */
function processTable(): Map<number, { ppid: number; state: string }> {
  const table = new Map<number, { ppid: number; state: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // `pid (comm) state ppid ...`; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(ppid), state: state ?? '' });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

function descendants(pid: number): number[] {
  const table = processTable();
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const [child, { ppid }] of table) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** Processes of `pids` still running (a zombie has finished: only its exit status is left). */
function alive(pids: number[]): number[] {
  const table = processTable();
  return pids.filter((pid) => {
    const entry = table.get(pid);
    return entry !== undefined && entry.state !== 'Z';
  });
}

function portAcceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Started {
  npm: ChildProcess;
  output: () => string;
  port: number;
  /** Every process under npm once the hub listens. */
  tree: number[];
  exited: Promise<number | null>;
}

const started: Started[] = [];
const dirs: string[] = [];

/** `npm start` exactly as a newcomer types it, in its own process group (like a terminal's foreground job). */
async function npmStart(): Promise<Started> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-start-'));
  dirs.push(dataDir);
  // A servable tiny model in the store, so the default-model step finds one and writes nothing (it has its own test).
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/bin/model-make.ts',
      '--shape',
      'tiny',
      '--out',
      path.join(dataDir, 'store', 'models', 'local', 'tiny'),
      '--dtype',
      'both',
    ],
    { cwd: root },
  );
  const npm = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MLHUB_PORT: '0', MLHUB_DATA_DIR: dataDir, MLHUB_LOG_LEVEL: 'warn' },
  });
  let text = '';
  npm.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  const entry: Started = { npm, output: () => text, port: 0, tree: [], exited };
  started.push(entry);
  entry.port = await waitFor(
    'the banner',
    () => {
      const match = /ML Hub listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      return match ? Number(match[1]) : undefined;
    },
    120_000,
  );
  entry.tree = descendants(npm.pid as number);
  return entry;
}

afterEach(() => {
  // Whatever a failed test left behind.
  for (const entry of started.splice(0)) {
    for (const pid of alive([entry.npm.pid as number, ...entry.tree])) process.kill(pid, 'SIGKILL');
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function expectAllStopped(entry: Started): Promise<void> {
  await waitFor('every process of npm start to end', () => (alive(entry.tree).length === 0 ? true : undefined), 30_000);
  expect(await portAcceptsConnections(entry.port)).toBe(false);
}

describe('npm start', () => {
  it('stops everything it started on kill -TERM of the npm process, releasing the port', async () => {
    const entry = await npmStart();
    // npm, its one node process, and the hub under it.
    expect(entry.tree.length).toBeGreaterThanOrEqual(2);
    expect(await portAcceptsConnections(entry.port)).toBe(true);
    // The banner's example survives zsh, which globs an unquoted `?`.
    expect(entry.output()).toMatch(new RegExp(`'http://127\\.0\\.0\\.1:${entry.port}/v3/mlhub/models\\?limit=5'`));

    process.kill(entry.npm.pid as number, 'SIGTERM');
    expect(await entry.exited).toBe(0);
    await expectAllStopped(entry);
  });

  it('stops everything on Ctrl-C (SIGINT to the whole foreground process group)', async () => {
    const entry = await npmStart();
    process.kill(-(entry.npm.pid as number), 'SIGINT');
    await entry.exited;
    await expectAllStopped(entry);
    expect(entry.output()).not.toMatch(/killing everything now/);
  });

  it('stops the hub even when its supervisor is killed outright (SIGKILL)', async () => {
    const entry = await npmStart();
    const supervisor = entry.tree.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scripts/bin/start.ts'));
    expect(supervisor).toBeDefined();
    process.kill(supervisor as number, 'SIGKILL');
    await waitFor('the hub to stop', async () => ((await portAcceptsConnections(entry.port)) ? undefined : true), 30_000);
    // npm ends with its child.
    await entry.exited;
    await expectAllStopped(entry);
  });
});
