import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { foundationConfig, type FoundationConfig } from '../../src/common/config.js';
import { envelope } from '../../src/common/envelope.js';
import { foundationPlugin, type FoundationOptions } from '../../src/common/foundation.js';
import { serverOptions } from '../../src/common/server-options.js';

export interface KeyPair {
  publicPem: string;
  privateKey: KeyObject;
}

export function rsaKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
}

export const NOW_S = Math.floor(Date.now() / 1000);

/** The claims of a real Tapis access token of the tacc tenant (times relative to now). */
export function taccClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jti: 'b8a3b8e4-2b1a-4f6e-9a55-7d0f1e0a6c11',
    iss: 'https://tacc.tapis.io/v3/tokens',
    sub: 'jdoe@tacc',
    'tapis/tenant_id': 'tacc',
    'tapis/token_type': 'access',
    'tapis/delegation': false,
    'tapis/delegation_sub': null,
    'tapis/username': 'jdoe',
    'tapis/account_type': 'user',
    exp: NOW_S + 4 * 3600,
    iat: NOW_S - 60,
    'tapis/client_id': null,
    'tapis/grant_type': 'password',
    ...overrides,
  };
}

export async function sign(privateKey: KeyObject, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...header }).sign(privateKey);
}

/** The record `GET /v3/tenants/{id}` of the real Tenants API holds. */
function tenantRecord(tenant: string, publicKey: string): Record<string, unknown> {
  const base = `https://${tenant}.tapis.io`;
  return {
    admin_user: 'admin',
    authenticator: `${base}/v3/oauth2`,
    base_url: base,
    create_time: 'Thu, 09 Jul 2020 20:25:20 GMT',
    description: `The ${tenant} tenant.`,
    last_update_time: 'Mon, 26 Feb 2024 18:09:51 GMT',
    last_updated_by: 'tenants@admin',
    owner: 'CICSupport@tacc.utexas.edu',
    public_key: publicKey,
    security_kernel: `${base}/v3/security`,
    service_ldap_connection_id: null,
    site_id: 'tacc',
    status: 'active',
    tenant_id: tenant,
    token_gen_services: ['abaco@admin', 'authenticator@admin'],
    token_service: `${base}/v3/tokens`,
    user_ldap_connection_id: 'tacc-all',
  };
}

type TenantsMode = 'ok' | 'error500' | 'garbage' | 'hang';

/** A loopback Tenants API: answers `GET /v3/tenants/:id` with the real response shape, counts calls. */
export interface FakeTenants {
  url: string;
  keys: Map<string, string>;
  calls: string[];
  mode: TenantsMode;
  close(): Promise<void>;
}

export async function startTenants(keys: Record<string, string>): Promise<FakeTenants> {
  const app = Fastify({ forceCloseConnections: true });
  const state = { keys: new Map(Object.entries(keys)), calls: [] as string[], mode: 'ok' as TenantsMode };
  app.get<{ Params: { id: string } }>('/v3/tenants/:id', async (request, reply) => {
    state.calls.push(request.params.id);
    if (state.mode === 'hang') return new Promise(() => undefined);
    if (state.mode === 'error500')
      return reply.code(500).send({ status: 'error', message: 'boom', version: 'dev', result: null, metadata: {} });
    if (state.mode === 'garbage') return reply.type('application/json').send('<html>proxy error</html>');
    const key = state.keys.get(request.params.id);
    if (key === undefined) {
      return reply
        .code(404)
        .send({ status: 'error', message: `tenant ${request.params.id} not found.`, version: 'dev', result: null, metadata: {} });
    }
    return {
      status: 'success',
      message: 'Tenant retrieved successfully.',
      version: 'dev',
      result: tenantRecord(request.params.id, key),
      metadata: {},
    };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return Object.assign(state, { url, close: () => app.close() });
}

/** Collects log lines, to assert what is (and is not) logged. */
export function logSink(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const text = (): string => chunks.join('');
  const lines = (): Record<string, unknown>[] =>
    text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines, text };
}

export function testConfig(env: Record<string, string> = {}): FoundationConfig {
  return foundationConfig.load({ MLHUB_LOG_LEVEL: 'silent', ...env });
}

/** One answer, read whole. */
interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** The error or success envelope as the tests read it. */
interface Envelope {
  status: string;
  message: string;
  version: string;
  result: unknown;
  metadata: { code?: string; requestId: string; details?: Record<string, unknown> };
}

export interface TestApp {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** How many times the protected handler ran. */
  reached: () => number;
  /** A request over the loopback socket; the body parsed as JSON when it is JSON. */
  call: (path: string, init?: RequestInit) => Promise<Answer<Envelope>>;
}

async function callJson<T>(url: string, init?: RequestInit): Promise<Answer<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the raw text is the body
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/**
 * A real service on the foundation, listening on loopback, with two trivial routes: `GET /private`
 * (token needed) and `GET /public` (`config.public`), plus the test's own.
 */
export async function buildTestApp(
  config: FoundationConfig,
  options: Omit<FoundationOptions, 'config' | 'version'> & { logStream?: Writable; routes?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const { logStream, routes: _routes, ...foundationOptions } = options;
  const base = serverOptions(config);
  const app = Fastify({
    ...base,
    logger: logStream ? { ...(base.logger as object), stream: logStream } : base.logger,
  });
  await app.register(foundationPlugin, { config, version: '1.2.3', ...foundationOptions });
  let reached = 0;
  app.get('/private', async (request) => {
    reached += 1;
    return envelope(request, { tenant: request.tapis.tenant, username: request.tapis.username });
  });
  app.get('/public', { config: { public: true } }, async (request) => envelope(request, { ok: true }));
  options.routes?.(app);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, reached: () => reached, call: (path, init) => callJson<Envelope>(`${url}${path}`, init) };
}
