// Real inference servers for tests: a tiny FLAN-T5-architecture model generated into a temp folder, the server
// started as the hub starts it (a child process printing its URL), tokens signed by a test tenant key.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../src/common/paths.js';
import { rsaKeyPair, sign, taccClaims } from '../common/helpers.js';

const root = repoRoot();

/** Generates the tiny model (fp32 and q8) into a fresh temp folder; `remove` deletes it. */
export function makeTinyModel(seed = 0): { dir: string; remove: () => void } {
  const base = mkdtempSync(path.join(tmpdir(), 'mlhub-infer-model-'));
  const dir = path.join(base, 'flan-t5-tiny');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/bin/model-make.ts', '--shape', 'tiny', '--out', dir, '--dtype', 'both', '--seed', String(seed)],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}

const keys = rsaKeyPair();

/** A valid access token of the `tacc` tenant, whose key the test servers hold as a static key. */
export function token(): Promise<string> {
  return sign(keys.privateKey, taccClaims());
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Starts `services/src/inference/server.ts --model DIR` on a free loopback port; resolves once it printed its URL. */
export async function startInferenceServer(
  modelDir: string,
  env: Record<string, string> = {},
  waitReady = true,
  args: string[] = [],
): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-infer-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/src/inference/server.ts', '--model', modelDir, ...args], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      MLHUB_DATA_DIR: dataDir,
      MLHUB_LOG_LEVEL: 'warn',
      MLHUB_STATIC_KEYS: JSON.stringify({ tacc: { public_key: keys.publicPem, base_url: 'https://tacc.tapis.io' } }),
      MLHUB_RATE_LIMIT_MAX: '100000',
      ...env,
    },
    // A server that watches its parent gets a stdin held open, as the hub holds its children's.
    stdio: [args.includes('--exit-with-parent') ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${err}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${err}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  if (waitReady) {
    for (let i = 0; i < 300; i++) {
      if ((await fetch(`${url}/health`)).status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, child, stderr: () => err, stop };
}

/** A JSON answer as the test reads it: its shape is what the test asserts. */

export type Answer = any;

/** POSTs JSON with the test token; answers status, headers and parsed body. */
export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Answer }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tapis-token': await token(), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (an event stream, an empty body): the text is the body.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** The `data:` payloads of a server-sent event stream. */
export function events(text: string): string[] {
  return text
    .split('\n\n')
    .map((block) => block.trim())
    .filter((block) => block.startsWith('data:'))
    .map((block) => block.slice(5).trim());
}

/** A metric's value from Prometheus text (the first sample whose name and labels start as given). */
export async function metric(url: string, sample: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `) || l.startsWith(sample));
  return line === undefined ? Number.NaN : Number(line.split(' ').at(-1));
}
