// The hub as a process, killed with SIGKILL while an inference server it started runs: no shutdown code of
// the hub runs, yet the server must not live on as an orphan holding its port and its model in memory.
import { afterAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mintDevToken } from '../../../src/common/index.js';
import { repoRoot } from '../../../src/common/paths.js';
import { call, isAlive, putTinyModel, removeTinyCache, tempDataDir, waitFor, waitState, type ControlHub } from './harness.js';

const MODEL = 'local/tiny-t5';

/** Processes whose parent is `pid` and whose command line contains `needle`. */
function childrenOf(pid: number, needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 2nd field after the parenthesised command name (which may hold spaces).
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (parent === pid && cmdline.includes(needle)) found.push(Number(entry));
    } catch {
      // The process ended while we read it.
    }
  }
  return found;
}

describe('a hub killed with SIGKILL', () => {
  const data = tempDataDir();
  const strays: number[] = [];
  let hub: ChildProcess | undefined;

  afterAll(() => {
    for (const pid of strays) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    if (hub?.exitCode === null) hub.kill('SIGKILL');
    data.remove();
    removeTinyCache();
  });

  it('leaves no inference server behind', async () => {
    putTinyModel(data.storeDir, MODEL);
    hub = spawn(process.execPath, ['--import', 'tsx', 'services/src/hub/server.ts'], {
      cwd: repoRoot(),
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        MLHUB_DATA_DIR: data.dataDir,
        MLHUB_PORT: '0',
        MLHUB_HOST: '127.0.0.1',
        MLHUB_DEV_TENANT: 'dev',
        MLHUB_SOURCES: 'snapshot,store',
        MLHUB_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    strays.push(hub.pid as number);
    let out = '';
    hub.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    hub.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await waitFor('the hub to listen', () => /ML Hub listening on (http:\/\/\S+)/.exec(out)?.[1], 60_000);
    const alice = await mintDevToken({ dataDir: data.dataDir, tenant: 'dev', username: 'alice' });
    const created = await call({ url }, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL });
    expect(created.status).toBe(202);
    await waitState({ url } as ControlHub, alice, created.body.result.id, 'running');
    const [server] = childrenOf(hub.pid as number, 'inference/server');
    expect(server).toBeDefined();
    strays.push(server as number);
    expect(isAlive(server as number)).toBe(true);

    hub.kill('SIGKILL');
    await waitFor('the inference server to end', () => (isAlive(server as number) ? undefined : true), 30_000);
    expect(isAlive(server as number)).toBe(false);
  }, 120_000);
});
