import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, base64url } from 'jose';
import {
  buildTestApp,
  logSink,
  NOW_S,
  rsaKeyPair,
  sign,
  startTenants,
  taccClaims,
  testConfig,
  type FakeTenants,
  type KeyPair,
  type TestApp,
} from './helpers.js';

const tacc: KeyPair = rsaKeyPair();
const stranger: KeyPair = rsaKeyPair();

function unsigned(header: object, payload: object): string {
  const part = (value: object): string => base64url.encode(JSON.stringify(value));
  return `${part(header)}.${part(payload)}.`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** One request written byte for byte, so a header can be sent twice exactly as a client or proxy would. */
async function rawGet(url: string, path: string, headerLines: string[]): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write([`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', ...headerLines, '', ''].join('\r\n'));
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const text = Buffer.concat(chunks).toString('utf8');
  const [head = '', ...rest] = text.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), body: rest.join('\r\n\r\n') };
}

describe('Tapis token verification', () => {
  let tenants: FakeTenants;
  let service: TestApp;
  let good: string;

  beforeAll(async () => {
    tenants = await startTenants({ tacc: tacc.publicPem });
    service = await buildTestApp(testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc,ghost' }));
    good = await sign(tacc.privateKey, taccClaims());
  });
  afterAll(async () => {
    await service.app.close();
    await tenants.close();
  });

  const badTokens: [string, () => Promise<Record<string, string>>, RegExp][] = [
    ['missing', async () => ({}), /missing/],
    ['empty X-Tapis-Token', async () => ({ 'x-tapis-token': '' }), /empty/],
    ['empty Bearer', async () => ({ authorization: 'Bearer ' }), /empty/],
    ['another Authorization scheme', async () => ({ authorization: 'Basic amRvZTpzZWNyZXQ=' }), /missing/],
    ['garbage', async () => ({ 'x-tapis-token': 'not-a-jwt-at-all' }), /malformed/],
    ['two parts', async () => ({ 'x-tapis-token': 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0' }), /malformed \(2 dot-separated parts/],
    ['four parts', async () => ({ 'x-tapis-token': `${good}.AAAA` }), /malformed \(4 dot-separated parts/],
    ['undecodable header', async () => ({ 'x-tapis-token': '%%%.%%%.%%%' }), /malformed \(header or payload/],
    [
      'alg none',
      async () => ({ 'x-tapis-token': unsigned({ alg: 'none', typ: 'JWT' }, taccClaims()) }),
      /algorithm 'none' is not accepted/,
    ],
    [
      'HS256 signed with the tenant public key as secret',
      async () => ({
        'x-tapis-token': await new SignJWT(taccClaims())
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(tacc.publicPem)),
      }),
      /algorithm 'HS256' is not accepted/,
    ],
    ['RS256 by another key', async () => ({ 'x-tapis-token': await sign(stranger.privateKey, taccClaims()) }), /signature does not verify/],
    [
      'expired',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ exp: NOW_S - 3600, iat: NOW_S - 7200 })) }),
      /expired/,
    ],
    ['not yet valid', async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ nbf: NOW_S + 3600 })) }), /not yet valid/],
    [
      'issued in the future',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ iat: NOW_S + 3600 })) }),
      /issued in the future/,
    ],
    [
      'lives forever (exp = 1e12)',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ exp: 1e12 })) }),
      /lives too long/,
    ],
    ['no exp', async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ exp: undefined })) }), /no exp claim/],
    [
      'refresh token',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ 'tapis/token_type': 'refresh' })) }),
      /not an access token \(tapis\/token_type is 'refresh'\)/,
    ],
    [
      'no tenant claim',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ 'tapis/tenant_id': undefined })) }),
      /no tapis\/tenant_id claim/,
    ],
    [
      'unknown tenant',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ 'tapis/tenant_id': 'ghost' })) }),
      /unknown tenant 'ghost'/,
    ],
    [
      'tenant not allowed',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ 'tapis/tenant_id': 'designsafe' })) }),
      /tenant 'designsafe' is not accepted/,
    ],
    [
      'tampered payload',
      async () => {
        const [header, , signature] = good.split('.');
        const payload = base64url.encode(JSON.stringify(taccClaims({ 'tapis/username': 'admin' })));
        return { 'x-tapis-token': `${header}.${payload}.${signature}` };
      },
      /signature does not verify/,
    ],
    [
      'wrong issuer',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ iss: 'https://evil.tapis.io/v3/tokens' })) }),
      /issuer 'https:\/\/evil.tapis.io\/v3\/tokens' is not tenant 'tacc'/,
    ],
    [
      'no username',
      async () => ({ 'x-tapis-token': await sign(tacc.privateKey, taccClaims({ 'tapis/username': undefined })) }),
      /no tapis\/username claim/,
    ],
    [
      'OBO headers on a user token',
      async () => ({ 'x-tapis-token': good, 'x-tapis-user': 'admin', 'x-tapis-tenant': 'tacc' }),
      /on-behalf-of headers .* only accepted with service tokens/,
    ],
    ['oversized header', async () => ({ 'x-tapis-token': `${good}${'A'.repeat(9000)}` }), /too large \(over 8192 bytes\)/],
  ];

  it.each(badTokens)('answers 401 to a bad token: %s', async (_name, headers, reason) => {
    const { status, headers: answered, body } = await service.call('/private', { headers: await headers() });
    expect(status).toBe(401);
    expect(body.status).toBe('error');
    expect(body.metadata.code).toBe('UNAUTHORIZED');
    expect(body.message).toMatch(new RegExp(`^Invalid Tapis token: ${reason.source}`));
    expect(body.metadata.requestId).toBe(answered.get('x-request-id'));
    expect(answered.get('www-authenticate')).toBe('Bearer realm="Tapis"');
  });

  it('never ran the handler for any bad token', () => {
    expect(badTokens.length).toBeGreaterThanOrEqual(16);
    expect(service.reached()).toBe(0);
  });

  it('accepts a good token in X-Tapis-Token (any case) and in Authorization: Bearer, over a real socket', async () => {
    const headerSets: Record<string, string>[] = [
      { 'X-Tapis-Token': good },
      { 'x-TAPIS-token': good },
      { Authorization: `Bearer ${good}` },
      { authorization: `bearer ${good}` },
    ];
    for (const headers of headerSets) {
      const { status, headers: answered, body } = await service.call('/private', { headers });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'success', version: '1.2.3', result: { tenant: 'tacc', username: 'jdoe' } });
      expect(body.metadata.requestId).toBe(answered.get('x-request-id'));
    }
  });

  it('tolerates clock skew within the leeway', async () => {
    const token = await sign(tacc.privateKey, taccClaims({ exp: NOW_S - 5 }));
    expect((await service.call('/private', { headers: { 'x-tapis-token': token } })).status).toBe(200);
  });

  it('lets a public route through without a token', async () => {
    expect((await service.call('/public')).status).toBe(200);
  });

  it('accepts a service token acting on behalf of a user', async () => {
    const token = await sign(
      tacc.privateKey,
      taccClaims({ 'tapis/account_type': 'service', 'tapis/username': 'mlhub', sub: 'mlhub@tacc' }),
    );
    const { status, body } = await service.call('/private', {
      headers: { 'x-tapis-token': token, 'x-tapis-user': 'alice', 'x-tapis-tenant': 'tacc' },
    });
    expect(status).toBe(200);
    expect(body.result).toEqual({ tenant: 'tacc', username: 'alice' });
  });
});

describe('more than one credential header', () => {
  let tenants: FakeTenants;
  let service: TestApp;
  let good: string;

  beforeAll(async () => {
    tenants = await startTenants({ tacc: tacc.publicPem });
    service = await buildTestApp(testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc' }));
    good = await sign(tacc.privateKey, taccClaims());
  });
  afterAll(async () => {
    await service.app.close();
    await tenants.close();
  });

  const cases: [string, (token: string) => string[], RegExp][] = [
    // Node keeps only the first Authorization: without the raw headers this one was accepted.
    ['a valid Bearer, then garbage', (t) => [`Authorization: Bearer ${t}`, 'Authorization: Bearer garbage'], /2 Authorization headers/],
    ['garbage, then a valid Bearer', (t) => ['Authorization: Bearer garbage', `Authorization: Bearer ${t}`], /2 Authorization headers/],
    ['the same Bearer twice', (t) => [`Authorization: Bearer ${t}`, `authorization: Bearer ${t}`], /2 Authorization headers/],
    ['two X-Tapis-Token', (t) => [`X-Tapis-Token: ${t}`, `x-tapis-token: ${t}`], /2 X-Tapis-Token headers/],
    [
      'X-Tapis-Token and Authorization: Bearer',
      (t) => [`X-Tapis-Token: ${t}`, `Authorization: Bearer ${t}`],
      /both X-Tapis-Token and Authorization: Bearer/,
    ],
  ];

  it.each(cases)('answers 401 naming the problem: %s', async (_name, lines, reason) => {
    const before = service.reached();
    const { status, body } = await rawGet(service.url, '/private', lines(good));
    expect(status).toBe(401);
    const answer = JSON.parse(body) as { status: string; message: string; metadata: { code: string } };
    expect(answer.status).toBe('error');
    expect(answer.metadata.code).toBe('UNAUTHORIZED');
    expect(answer.message).toMatch(new RegExp(`^Invalid Tapis token: more than one credential: ${reason.source}`));
    expect(service.reached()).toBe(before);
  });

  it('refuses a second header even when the first token was verified before (answered from memory)', async () => {
    expect((await rawGet(service.url, '/private', [`Authorization: Bearer ${good}`])).status).toBe(200);
    expect((await rawGet(service.url, '/private', [`Authorization: Bearer ${good}`, 'Authorization: Bearer x'])).status).toBe(401);
  });

  it('still accepts one token beside an Authorization of another scheme (an ingress Basic auth)', async () => {
    const { status } = await rawGet(service.url, '/private', [`X-Tapis-Token: ${good}`, 'Authorization: Basic amRvZTpzZWNyZXQ=']);
    expect(status).toBe(200);
  });
});

describe('token lifetime (MLHUB_JWT_MAX_LIFETIME_S)', () => {
  let tenants: FakeTenants;
  let service: TestApp;

  beforeAll(async () => {
    tenants = await startTenants({ tacc: tacc.publicPem });
    service = await buildTestApp(
      testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc', MLHUB_JWT_MAX_LIFETIME_S: '7200' }),
    );
  });
  afterAll(async () => {
    await service.app.close();
    await tenants.close();
  });

  const call = async (claims: Record<string, unknown>) =>
    service.call('/private', { headers: { 'x-tapis-token': await sign(tacc.privateKey, taccClaims(claims)) } });

  it('refuses a token made to live forever (exp = 1e12)', async () => {
    const { status, body } = await call({ exp: 1e12 });
    expect(status).toBe(401);
    expect(body.message).toMatch(/^Invalid Tapis token: lives too long \(exp - iat = \d+ s, over 7200 s\)/);
  });

  it('measures exp - iat against the configured maximum, and exp - now when there is no iat', async () => {
    expect((await call({ iat: NOW_S - 60, exp: NOW_S + 7000 })).status).toBe(200);
    expect((await call({ iat: NOW_S - 60, exp: NOW_S - 60 + 7300 })).status).toBe(401);
    expect((await call({ iat: undefined, exp: NOW_S + 7000 })).status).toBe(200);
    const noIat = await call({ iat: undefined, exp: NOW_S + 9000 });
    expect(noIat.status).toBe(401);
    expect(noIat.body.message).toMatch(/exp - now/);
  });

  it('accepts the 4-hour Tapis token at the default maximum', async () => {
    const defaults = await buildTestApp(testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc' }));
    try {
      const fourHours = await sign(tacc.privateKey, taccClaims({ iat: NOW_S, exp: NOW_S + 14400 }));
      expect((await defaults.call('/private', { headers: { 'x-tapis-token': fourHours } })).status).toBe(200);
      const forever = await sign(tacc.privateKey, taccClaims({ exp: 1e12 }));
      expect((await defaults.call('/private', { headers: { 'x-tapis-token': forever } })).status).toBe(401);
    } finally {
      await defaults.app.close();
    }
  });
});

describe('a token verified before (answered from memory)', () => {
  let tenants: FakeTenants;
  let service: TestApp;
  let nowMs = NOW_S * 1000;

  beforeAll(async () => {
    tenants = await startTenants({ tacc: tacc.publicPem });
    service = await buildTestApp(testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc' }), { now: () => nowMs });
  });
  afterAll(async () => {
    await service.app.close();
    await tenants.close();
  });

  it('is refused once it expires', async () => {
    const token = await sign(tacc.privateKey, taccClaims({ exp: NOW_S + 120 }));
    const call = () => service.call('/private', { headers: { 'x-tapis-token': token } });
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    nowMs = (NOW_S + 3600) * 1000;
    const { status, headers, body } = await call();
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer realm="Tapis"');
    expect(body.message).toMatch(/expired/);
    nowMs = NOW_S * 1000;
  });

  it('still obeys the on-behalf-of rules, for user and service tokens alike', async () => {
    const user = await sign(tacc.privateKey, taccClaims({ jti: 'remembered-user' }));
    const serviceToken = await sign(
      tacc.privateKey,
      taccClaims({ 'tapis/account_type': 'service', 'tapis/username': 'mlhub', jti: 'remembered-service' }),
    );
    for (const token of [user, serviceToken])
      expect((await service.call('/private', { headers: { 'x-tapis-token': token } })).status).toBe(200);
    const obo = { 'x-tapis-user': 'alice', 'x-tapis-tenant': 'tacc' };
    expect((await service.call('/private', { headers: { 'x-tapis-token': user, ...obo } })).status).toBe(401);
    expect((await service.call('/private', { headers: { 'x-tapis-token': serviceToken, 'x-tapis-user': 'alice' } })).status).toBe(401);
    const { status, body } = await service.call('/private', { headers: { 'x-tapis-token': serviceToken, ...obo } });
    expect(status).toBe(200);
    expect(body.result).toEqual({ tenant: 'tacc', username: 'alice' });
    // The token's own identity is unchanged by a request that acted on behalf of someone.
    expect((await service.call('/private', { headers: { 'x-tapis-token': serviceToken } })).body.result).toEqual({
      tenant: 'tacc',
      username: 'mlhub',
    });
  });
});

describe('tenant keys', () => {
  it('refetches once after a key rotation, then accepts the new key', async () => {
    const tenants = await startTenants({ tacc: tacc.publicPem });
    let nowMs = Date.now();
    const service = await buildTestApp(testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc' }), { now: () => nowMs });
    try {
      const call = async (token: string): Promise<number> =>
        (await service.call('/private', { headers: { 'x-tapis-token': token } })).status;
      expect(await call(await sign(tacc.privateKey, taccClaims()))).toBe(200);
      expect(tenants.calls).toEqual(['tacc']);

      const rotated = rsaKeyPair();
      tenants.keys.set('tacc', rotated.publicPem);
      const fresh = await sign(rotated.privateKey, taccClaims({ jti: 'after-rotation' }));
      // The cached key is seconds old: a bad signature is just bad, no refetch.
      expect(await call(fresh)).toBe(401);
      expect(tenants.calls).toHaveLength(1);

      nowMs += 91_000;
      expect(await call(fresh)).toBe(200);
      expect(tenants.calls).toHaveLength(2);
      expect(await call(await sign(rotated.privateKey, taccClaims({ jti: 'another' })))).toBe(200);
      expect(await call(await sign(tacc.privateKey, taccClaims({ jti: 'old key' })))).toBe(401);
      expect(tenants.calls).toHaveLength(2);
    } finally {
      await service.app.close();
      await tenants.close();
    }
  });

  it('shares one Tenants call among 100 concurrent requests with a cold cache', async () => {
    const tenants = await startTenants({ tacc: tacc.publicPem });
    const service = await buildTestApp(
      testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc', MLHUB_RATE_LIMIT_MAX: '1000' }),
    );
    try {
      const tokens = await Promise.all(Array.from({ length: 100 }, (_, i) => sign(tacc.privateKey, taccClaims({ jti: `t${i}` }))));
      const answers = await Promise.all(tokens.map((token) => service.call('/private', { headers: { 'x-tapis-token': token } })));
      expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
      expect(tenants.calls).toEqual(['tacc']);
      expect(service.reached()).toBe(100);
    } finally {
      await service.app.close();
      await tenants.close();
    }
  });

  it('uses a static PEM key without any Tenants call', async () => {
    const tenants = await startTenants({});
    const staticKeys = JSON.stringify({ tacc: { public_key: tacc.publicPem, base_url: 'https://tacc.tapis.io' } });
    const service = await buildTestApp(testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_STATIC_KEYS: staticKeys }));
    try {
      const ok = await service.call('/private', { headers: { 'x-tapis-token': await sign(tacc.privateKey, taccClaims()) } });
      expect(ok.status).toBe(200);
      const wrongIssuer = await sign(tacc.privateKey, taccClaims({ iss: 'https://other.tapis.io/v3/tokens' }));
      expect((await service.call('/private', { headers: { 'x-tapis-token': wrongIssuer } })).status).toBe(401);
      expect(tenants.calls).toEqual([]);
    } finally {
      await service.app.close();
      await tenants.close();
    }
  });
});

describe('Tenants API failures answer 503 AUTH_UNAVAILABLE', () => {
  const expectUnavailable = async (service: TestApp, reason: RegExp): Promise<void> => {
    const token = await sign(tacc.privateKey, taccClaims());
    const { status, headers, body } = await service.call('/private', { headers: { 'x-tapis-token': token } });
    expect(status).toBe(503);
    expect(body.metadata.code).toBe('AUTH_UNAVAILABLE');
    expect(body.message).toMatch(reason);
    expect(headers.get('retry-after')).toBe('5');
  };

  it('when nothing listens', async () => {
    const port = await freePort();
    const service = await buildTestApp(testConfig({ MLHUB_TENANTS_URL: `http://127.0.0.1:${port}`, MLHUB_ALLOWED_TENANTS: 'tacc' }));
    try {
      await expectUnavailable(service, /^Cannot verify the Tapis token: the Tenants API is unreachable/);
    } finally {
      await service.app.close();
    }
  });

  it.each([
    ['error500', /answered 500/],
    ['garbage', /not JSON/],
    ['hang', /did not answer within 300 ms/],
  ] as const)('when Tenants is %s', async (mode, reason) => {
    const tenants = await startTenants({ tacc: tacc.publicPem });
    tenants.mode = mode;
    const service = await buildTestApp(
      testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc', MLHUB_TENANTS_TIMEOUT_MS: '300' }),
    );
    try {
      await expectUnavailable(service, reason);
      expect(service.reached()).toBe(0);
    } finally {
      await service.app.close();
      await tenants.close();
    }
  });
});

describe('logs', () => {
  it('never contain the token, even when a handler logs the headers', async () => {
    const tenants = await startTenants({ tacc: tacc.publicPem });
    const sink = logSink();
    const service = await buildTestApp(
      testConfig({ MLHUB_TENANTS_URL: tenants.url, MLHUB_ALLOWED_TENANTS: 'tacc', MLHUB_LOG_LEVEL: 'trace' }),
      {
        logStream: sink.stream,
      },
    );
    try {
      const token = await sign(tacc.privateKey, taccClaims());
      const expired = await sign(tacc.privateKey, taccClaims({ exp: NOW_S - 3600 }));
      service.app.log.info({ req: { headers: { 'x-tapis-token': token, authorization: `Bearer ${token}` } } }, 'headers seen');
      service.app.log.info({ headers: { 'x-tapis-token': token } }, 'headers seen');
      expect((await service.call('/private', { headers: { 'x-tapis-token': token } })).status).toBe(200);
      expect((await service.call('/private', { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
      const signature = token.split('.')[2] as string;
      expect(sink.text()).toContain('[Redacted]');
      expect(sink.text()).toContain('Invalid Tapis token: expired');
      expect(sink.text()).not.toContain(signature);
      expect(sink.text()).not.toContain(expired.split('.')[2]);
    } finally {
      await service.app.close();
      await tenants.close();
    }
  });
});
