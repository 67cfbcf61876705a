import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiError } from '../../src/common/errors.js';
import { envelope } from '../../src/common/envelope.js';
import {
  buildTestApp,
  logSink,
  rsaKeyPair,
  sign,
  startTenants,
  taccClaims,
  testConfig,
  type FakeTenants,
  type TestApp,
} from './helpers.js';

const tacc = rsaKeyPair();

describe('the foundation', () => {
  let tenants: FakeTenants;
  let service: TestApp;
  const sink = logSink();

  beforeAll(async () => {
    tenants = await startTenants({ tacc: tacc.publicPem });
    const config = testConfig({
      MLHUB_TENANTS_URL: tenants.url,
      MLHUB_ALLOWED_TENANTS: 'tacc',
      MLHUB_LOG_LEVEL: 'info',
      MLHUB_BODY_LIMIT: '2048',
      MLHUB_CORS_ORIGINS: 'https://tacc.tapis.io,http://localhost:3000',
    });
    service = await buildTestApp(config, {
      logStream: sink.stream,
      routes: (app) => {
        app.get<{ Querystring: { sort?: string; limit?: number } }>(
          '/search',
          {
            config: { public: true },
            schema: {
              querystring: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  sort: { type: 'string', enum: ['downloads', 'likes'] },
                  limit: { type: 'integer', minimum: 1, maximum: 100 },
                },
              },
            },
          },
          async (request) => envelope(request, request.query),
        );
        app.post<{ Body: { prompt: string } }>(
          '/echo',
          {
            config: { public: true },
            schema: { body: { type: 'object', required: ['prompt'], properties: { prompt: { type: 'string' } } } },
          },
          async (request) => envelope(request, request.body, { message: 'Echoed' }),
        );
        app.get('/bug', { config: { public: true } }, async () => {
          throw new Error('database password is hunter2');
        });
        app.get('/conflict', { config: { public: true } }, async () => {
          throw new ApiError('CONFLICT', 'An inference server for gpt2 is already running', { modelId: 'gpt2' });
        });
        app.get('/tapis-on-public', { config: { public: true } }, async (request) => envelope(request, request.tapis.username));
      },
    });
  });
  afterAll(async () => {
    await service.app.close();
    await tenants.close();
  });

  it('wraps a success in the envelope with the request id it echoes, generating one when absent', async () => {
    const { status, headers, body } = await service.call('/public');
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'success',
      message: 'OK',
      version: '1.2.3',
      result: { ok: true },
      metadata: { requestId: headers.get('x-request-id') },
    });
    expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a client request id, and replaces one that could forge log lines', async () => {
    const given = await service.call('/public', { headers: { 'x-request-id': 'gateway-42' } });
    expect(given.headers.get('x-request-id')).toBe('gateway-42');
    expect(given.body.metadata.requestId).toBe('gateway-42');
    const forged = await service.call('/public', { headers: { 'x-request-id': 'a"}\u0009{"level":60' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with the NOT_FOUND envelope, token or not', async () => {
    const { status, headers, body } = await service.call('/nope?x=1');
    expect(status).toBe(404);
    expect(body).toEqual({
      status: 'error',
      message: 'Route GET /nope not found',
      version: '1.2.3',
      result: null,
      metadata: { code: 'NOT_FOUND', requestId: headers.get('x-request-id') },
    });
  });

  it('answers a malformed URL with the BAD_REQUEST envelope', async () => {
    const { status, headers, body } = await service.call('/search/%E0%A4%A');
    expect(status).toBe(400);
    expect(body.metadata).toEqual({ code: 'BAD_REQUEST', requestId: headers.get('x-request-id') });
  });

  it('answers a bad parameter with INVALID_PARAMETER naming it and its allowed values', async () => {
    const sort = await service.call('/search?sort=stars');
    expect(sort.status).toBe(400);
    expect(sort.body.message).toBe("Invalid parameter 'sort': must be one of downloads, likes");
    expect(sort.body.metadata).toMatchObject({
      code: 'INVALID_PARAMETER',
      details: { parameter: 'sort', in: 'querystring', allowed: ['downloads', 'likes'] },
    });
    const limit = await service.call('/search?limit=1000');
    expect(limit.body.message).toBe("Invalid parameter 'limit': must be <= 100");
    const unknown = await service.call('/search?color=red');
    expect(unknown.body.message).toBe("Invalid parameter 'color': is not a known parameter");
    const missing = await service.call('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe("Invalid parameter 'prompt': is required");
  });

  it('answers bad JSON with BAD_REQUEST and an oversized body with PAYLOAD_TOO_LARGE', async () => {
    const bad = await service.call('/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt": ' });
    expect(bad.status).toBe(400);
    expect(bad.body.metadata.code).toBe('BAD_REQUEST');
    expect(bad.body.message).toBe('Request body is not valid JSON');
    // Valid JSON whose key would reach an object's prototype: refused, and said so (not "not valid JSON").
    const proto = await service.call('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt": "x", "__proto__": {"admin": true}}',
    });
    expect(proto.status).toBe(400);
    expect(proto.body.message).toBe('Request body has a key that is refused: __proto__');
    const ctor = await service.call('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt": "x", "constructor": {"prototype": {}}}',
    });
    expect(ctor.body.message).toBe('Request body has a key that is refused: constructor.prototype');
    const big = await service.call('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x'.repeat(4096) }),
    });
    expect(big.status).toBe(413);
    expect(big.body.metadata.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await service.call('/echo', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<prompt/>' });
    expect(text.status).toBe(400);
    expect(text.body.metadata.code).toBe('BAD_REQUEST');
  });

  it('passes an ApiError through with its status, code and details', async () => {
    const { status, body } = await service.call('/conflict');
    expect(status).toBe(409);
    expect(body.message).toBe('An inference server for gpt2 is already running');
    expect(body.metadata).toMatchObject({ code: 'CONFLICT', details: { modelId: 'gpt2' } });
  });

  it('hides the detail of a bug, logs it under the request id, and logs client mistakes below error', async () => {
    const { status, headers, body } = await service.call('/bug');
    const requestId = headers.get('x-request-id') as string;
    expect(status).toBe(500);
    expect(body.metadata.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(body.message).toContain(requestId);
    const logged = sink.lines().filter((line) => line['reqId'] === requestId && line['level'] === 50);
    expect(JSON.stringify(logged)).toContain('hunter2');
    // Everything else this suite did was the client's mistake: nothing else at error level.
    const errors = sink.lines().filter((line) => (line['level'] as number) >= 50);
    expect(errors).toHaveLength(1);
  });

  it('fails loudly when a public route reads request.tapis', async () => {
    const { status } = await service.call('/tapis-on-public');
    expect(status).toBe(500);
  });

  it('sets security headers', async () => {
    const { headers } = await service.call('/public');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('strict-transport-security')).toContain('max-age');
  });

  it('sets the security headers on answers a hook or the not-found handler cuts short too', async () => {
    for (const path of ['/private', '/no-such-route']) {
      const { status, headers } = await service.call(path);
      expect([401, 404]).toContain(status);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
  });

  it('allows CORS from the configured origins only, preflight included, without a token', async () => {
    const preflight = await service.call('/private', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://tacc.tapis.io',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-tapis-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://tacc.tapis.io');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-tapis-token');
    const allowed = await service.call('/public', { headers: { origin: 'http://localhost:3000' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const other = await service.call('/public', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a browser resume a download: a Range preflight passes and the download headers are readable', async () => {
    const preflight = await service.call('/private', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://tacc.tapis.io',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-tapis-token,range,if-none-match',
      },
    });
    expect(preflight.status).toBe(204);
    const allowedHeaders = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    expect(allowedHeaders).toEqual(expect.arrayContaining(['range', 'if-none-match', 'x-tapis-token']));
    const answer = await service.call('/public', { headers: { origin: 'https://tacc.tapis.io' } });
    const exposed = (answer.headers.get('access-control-expose-headers') ?? '').split(/\s*,\s*/);
    expect(exposed).toEqual(
      expect.arrayContaining([
        'X-Request-Id',
        'ETag',
        'X-Content-Sha256',
        'Content-Range',
        'Accept-Ranges',
        'Content-Length',
        'Retry-After',
      ]),
    );
  });
});

describe('rate limits', () => {
  it('count per user, answering 429 RATE_LIMITED with Retry-After', async () => {
    const tenants = await startTenants({ tacc: tacc.publicPem });
    const service = await buildTestApp(
      testConfig({
        MLHUB_TENANTS_URL: tenants.url,
        MLHUB_ALLOWED_TENANTS: 'tacc',
        MLHUB_RATE_LIMIT_MAX: '3',
        MLHUB_RATE_LIMIT_WINDOW_MS: '60000',
      }),
    );
    try {
      const alice = await sign(tacc.privateKey, taccClaims({ 'tapis/username': 'alice', sub: 'alice@tacc' }));
      const bob = await sign(tacc.privateKey, taccClaims({ 'tapis/username': 'bob', sub: 'bob@tacc' }));
      const asAlice = () => service.call('/private', { headers: { 'x-tapis-token': alice } });
      for (let i = 0; i < 3; i += 1) expect((await asAlice()).status).toBe(200);
      const limited = await asAlice();
      expect(limited.status).toBe(429);
      expect(limited.body.metadata.code).toBe('RATE_LIMITED');
      expect(limited.body.message).toMatch(/^Rate limit exceeded, retry in \d+ seconds$/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Same address, another user: a budget of its own.
      expect((await service.call('/private', { headers: { 'x-tapis-token': bob } })).status).toBe(200);
    } finally {
      await service.app.close();
      await tenants.close();
    }
  });
});
