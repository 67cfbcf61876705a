// The inference server as a process: what ends it. A model that cannot load ends it (whoever started it learns at
// once, not after a start timeout), and a server started with --exit-with-parent (as the hub starts its children)
// ends with its parent, however the parent died: a SIGKILLed hub leaves no orphan holding a port and 400 MB.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../src/common/paths.js';
import { makeTinyModel, startInferenceServer, token } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `pid` is gone, for at most ~30 s; answers whether it went. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 300 && alive(pid); i++) await sleep(100);
  return !alive(pid);
}

describe('the inference server process', () => {
  let model: { dir: string; remove: () => void };
  const scratch = mkdtempSync(path.join(tmpdir(), 'mlhub-infer-process-'));
  const strays: number[] = [];

  beforeAll(() => {
    model = makeTinyModel();
  });
  afterAll(() => {
    for (const pid of strays) if (alive(pid)) process.kill(pid, 'SIGKILL');
    model.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('ends with exit code 1 and the loader error in its log when the model cannot load', async () => {
    const broken = path.join(scratch, 'broken-t5');
    cpSync(model.dir, broken, { recursive: true });
    for (const file of ['decoder_model_merged.onnx', 'decoder_model_merged_quantized.onnx'])
      writeFileSync(path.join(broken, 'onnx', file), 'not an ONNX file');
    const server = await startInferenceServer(broken, {}, false);
    const code = await new Promise<number | null>((resolve) => {
      if (server.child.exitCode !== null) resolve(server.child.exitCode);
      else server.child.once('exit', (exitCode) => resolve(exitCode));
    });
    await server.stop();
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(/model failed to load/);
  });

  it('on SIGTERM lets a running stream finish, then exits 0 (its idle keep-alive socket does not hold the close)', async () => {
    // The shutdown timeout path exits 1: reaching it is what this test tells apart.
    const server = await startInferenceServer(model.dir, { MLHUB_SHUTDOWN_TIMEOUT_MS: '20000' });
    const exitCode = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const response = await fetch(`${server.url}/generate_stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tapis-token': await token() },
      body: JSON.stringify({ inputs: 'count', parameters: { max_new_tokens: 400, min_new_tokens: 400 } }),
    });
    const reader = response.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    server.child.kill('SIGTERM');
    for (let part = await reader.read(); !part.done; part = await reader.read()) text += new TextDecoder().decode(part.value);
    expect(text).toMatch(/"generated_text":"/);
    expect(await exitCode).toBe(0);
    await server.stop();
  }, 60_000);

  it('with --exit-with-parent and its stdin held (as the hub starts it), SIGTERM after a request exits 0, not by the timeout', async () => {
    // The stdin it watches for its parent must not keep the process alive once the app has closed: the hub's
    // stop of a child waited 5 s and then killed it with SIGKILL.
    const server = await startInferenceServer(model.dir, { MLHUB_SHUTDOWN_TIMEOUT_MS: '20000' }, true, ['--exit-with-parent']);
    const exitCode = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const answer = await fetch(`${server.url}/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tapis-token': await token() },
      body: JSON.stringify({ inputs: 'hello', parameters: { max_new_tokens: 2 } }),
    });
    expect(answer.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await exitCode).toBe(0);
    expect(server.stderr()).not.toMatch(/shutdown timed out/);
    await server.stop();
  }, 60_000);

  it('with --exit-with-parent, ends when its parent is killed with SIGKILL', async () => {
    const dataDir = path.join(scratch, 'data');
    // The parent: a Node process that starts the server as the hub does (holding its stdin) and prints its pid.
    const parentScript = `
      const { spawn } = require('node:child_process');
      const child = spawn(process.execPath, ['--import', 'tsx', 'services/src/inference/server.ts', '--model', ${JSON.stringify(model.dir)}, '--exit-with-parent'], {
        stdio: ['pipe', 'inherit', 'inherit'],
        env: { PATH: process.env.PATH, HOME: process.env.HOME, MLHUB_DATA_DIR: ${JSON.stringify(dataDir)}, MLHUB_LOG_LEVEL: 'warn' },
      });
      console.log('server pid ' + child.pid);
    `;
    const parent = spawn(process.execPath, ['-e', parentScript], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    for (let i = 0; i < 300 && !/listening on http/.test(out); i++) await sleep(100);
    const pid = Number(/server pid (\d+)/.exec(out)?.[1]);
    strays.push(pid);
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(alive(pid)).toBe(true);

    parent.kill('SIGKILL');
    expect(await gone(pid)).toBe(true);
  });

  it('started as the README says (npm run inference), ends with npm on SIGTERM, leaving no process behind', async () => {
    const npm = spawn('npm', ['run', '-s', 'inference', '--', '--model', model.dir], {
      cwd: repoRoot(),
      env: { ...process.env, MLHUB_DATA_DIR: path.join(scratch, 'npm-data'), MLHUB_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    strays.push(npm.pid as number);
    let out = '';
    npm.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    for (let i = 0; i < 300 && !(/listening on http/.test(out) && /"pid":\d+/.test(out)); i++) await sleep(100);
    // The server's own pid, from its log lines (stderr): under `tsx` it was a grandchild that outlived npm.
    const pid = Number(/"pid":(\d+)/.exec(out)?.[1]);
    strays.push(pid);
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(alive(pid)).toBe(true);
    npm.kill('SIGTERM');
    expect(await gone(pid)).toBe(true);
  });
});
