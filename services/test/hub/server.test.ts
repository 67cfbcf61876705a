import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mintDevToken } from '../../src/common/dev-tenant/token.js';
import { repoRoot } from '../../src/common/paths.js';

const root = repoRoot();

/** The root `npm start` command (`exec node ...`, the start supervisor), run as its own process, as npm would. */
function startCommand(): { command: string; args: string[] } {
  const script = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
    'start'
  ];
  const [bin, ...args] = (script ?? '').replace(/^exec /, '').split(' ');
  return { command: bin === 'node' ? process.execPath : path.join(root, 'node_modules', '.bin', bin ?? ''), args };
}

describe('npm start: the hub process on the embedded defaults', () => {
  let child: ChildProcess;
  let dataDir: string;
  let url: string;
  let stdout = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-start-'));
    const { command, args } = startCommand();
    // MLHUB_DEV_TENANT is left unset on purpose: `--embedded` turns the dev tenant on.
    const env: NodeJS.ProcessEnv = { ...process.env, MLHUB_PORT: '0', MLHUB_DATA_DIR: dataDir, MLHUB_LOG_LEVEL: 'warn' };
    delete env['MLHUB_DEV_TENANT'];
    child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`the hub exited (${String(code)}) before listening:\n${stdout}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints its URL and how to get a dev token', () => {
    expect(stdout).toContain(`${url}/v3/mlhub/docs`);
    expect(stdout).toContain('npm run token -- <username>');
  });

  it('answers health without a token and the catalog with a dev-tenant token', async () => {
    expect((await fetch(`${url}/v3/mlhub/health`)).status).toBe(200);
    expect((await fetch(`${url}/v3/mlhub/models`)).status).toBe(401);
    const token = await mintDevToken({ dataDir, tenant: 'dev', username: 'alice' });
    const answer = await fetch(`${url}/v3/mlhub/models?search=flan-t5&limit=5`, { headers: { 'X-Tapis-Token': token } });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { result: { id: string }[]; metadata: { sources: { source: string; ok: boolean }[] } };
    expect(body.result.map((m) => m.id)).toContain('google/flan-t5-small');
    expect(body.metadata.sources).toEqual(expect.arrayContaining([{ source: 'snapshot', ok: true }]));
  });

  it('closes and exits 0 on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});

describe('npm start refusing to start', () => {
  it('on a non-loopback host says how to start without the dev tenant, with no stack trace, and exits 2', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-start-refused-'));
    const { command, args } = startCommand();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MLHUB_HOST: '0.0.0.0',
      MLHUB_PORT: '0',
      MLHUB_DATA_DIR: dataDir,
      MLHUB_LOG_LEVEL: 'warn',
    };
    delete env['MLHUB_DEV_TENANT'];
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(stderr).toMatch(/MLHUB_DEV_TENANT: .*loopback/);
    expect(stderr).toContain('MLHUB_DEV_TENANT= ');
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 60_000);
});
