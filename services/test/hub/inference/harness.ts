import { afterAll, beforeAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { DEV_TENANT_BASE_URL, ensureDevTenantKeys } from '../../../src/common/dev-tenant/keys.js';
import { issuerOf } from '../../../src/common/auth/tenant-keys.js';
import { repoRoot } from '../../../src/common/paths.js';
import { buildHubApp, type HubAppOptions, type HubConfig } from '../../../src/hub/app.js';
import { loopbackHubConfig } from '../../../src/hub/loopback-config.js';
import { type LogLine, logCollector } from '../../log-lines.js';

export interface ControlHub {
  app: FastifyInstance;
  url: string;
  config: HubConfig;
  logs: LogLine[];
  token(username: string, claims?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** A fresh data folder with an empty store. */
export function tempDataDir(): { dataDir: string; storeDir: string; remove(): void } {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-control-'));
  const storeDir = path.join(dataDir, 'store');
  mkdirSync(path.join(storeDir, 'models'), { recursive: true });
  return { dataDir, storeDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

let tinyCache: string | null = null;

/** The generated tiny FLAN-T5-architecture model (made once per test file with the generator's CLI), copied into the store as `id`. */
export function putTinyModel(storeDir: string, id = 'local/tiny-t5'): string {
  if (!tinyCache) {
    tinyCache = mkdtempSync(path.join(tmpdir(), 'mlhub-tiny-'));
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/bin/model-make.ts', '--shape', 'tiny', '--out', tinyCache, '--dtype', 'both'],
      {
        cwd: repoRoot(),
        stdio: 'ignore',
      },
    );
  }
  const dir = path.join(storeDir, 'models', ...id.split('/'));
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(tinyCache, dir, { recursive: true });
  return dir;
}

export function removeTinyCache(): void {
  if (tinyCache) rmSync(tinyCache, { recursive: true, force: true });
  tinyCache = null;
}

/**
 * A hub of a describe block's own: `models` copied into a fresh store (`prepare` may then spoil them) and the
 * hub started before the block's tests; closed, and its data removed, after them. `suite.hub` may be replaced
 * by a test that restarts the hub.
 */
export function hubForSuite(
  models: string[],
  env: Record<string, string> = {},
  extra: Omit<HubAppOptions, 'config'> = {},
  prepare: (modelDirs: string[]) => void = () => undefined,
): { data: ReturnType<typeof tempDataDir>; hub: ControlHub } {
  const suite = { data: tempDataDir(), hub: undefined as unknown as ControlHub };
  beforeAll(async () => {
    prepare(models.map((id) => putTinyModel(suite.data.storeDir, id)));
    suite.hub = await startControlHub(suite.data.dataDir, env, extra);
  });
  afterAll(async () => {
    await suite.hub?.close();
    suite.data.remove();
  });
  return suite;
}

/** The hub on 127.0.0.1:0 with the dev tenant, the store source and the given control-plane settings. */
export async function startControlHub(
  dataDir: string,
  env: Record<string, string> = {},
  extra: Omit<HubAppOptions, 'config'> = {},
): Promise<ControlHub> {
  const config = loopbackHubConfig(dataDir, { MLHUB_LOG_LEVEL: 'info', MLHUB_INFERENCE_START_TIMEOUT_S: '120', ...env });
  const { logs, stream } = logCollector();
  const app = await buildHubApp({ config, ...extra, inference: { restartBackoffMs: 100, idleCheckMs: 200, ...extra.inference } }, stream);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    url,
    config,
    logs,
    token: (username, claims) => devToken(dataDir, username, claims),
    close: () => app.close(),
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** One JSON call to the hub with a token. */
export async function call(
  hub: { url: string },
  method: string,
  pathAndQuery: string,
  token: string | null,
  body?: unknown,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token) headers['X-Tapis-Token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}${pathAndQuery}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Polls `check` until it returns a value (not undefined), or fails naming what it waited for. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

/** The server once it reaches `state` (polling the API). */
export function waitState(hub: ControlHub, token: string, serverId: string, state: string, timeoutMs = 90_000): Promise<any> {
  return waitFor(
    `server ${serverId} to be ${state}`,
    async () => {
      const answer = await call(hub, 'GET', `/v3/mlhub/inference/servers/${serverId}`, token);
      if (answer.body.result?.state === 'failed' && state !== 'failed') throw new Error(`failed: ${answer.body.result.message}`);
      return answer.body.result?.state === state ? answer.body.result : undefined;
    },
    timeoutMs,
    150,
  );
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A dev-tenant access token as `mintDevToken` signs it, with extra claims (a role claim). */
async function devToken(dataDir: string, username: string, claims: Record<string, unknown> = {}): Promise<string> {
  const keys = ensureDevTenantKeys(dataDir);
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({
    'tapis/tenant_id': 'dev',
    'tapis/token_type': 'access',
    'tapis/username': username,
    'tapis/account_type': 'user',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setJti(randomUUID())
    .setIssuer(issuerOf(DEV_TENANT_BASE_URL))
    .setSubject(`${username}@dev`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(createPrivateKey(keys.privateKey));
}
