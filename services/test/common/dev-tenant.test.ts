import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Authenticator, Tenants } from '@tapis/tapis-typescript';
import { decodeJwt } from 'jose';
import Fastify from 'fastify';
import { devTokenCommand } from '../../src/common/dev-tenant/cli.js';
import { devTenantKeyFile, devTenantStaticKey } from '../../src/common/dev-tenant/keys.js';
import { foundationPlugin } from '../../src/common/foundation.js';
import { buildTestApp, rsaKeyPair, sign, taccClaims, testConfig, type TestApp } from './helpers.js';

describe('the dev tenant', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-dev-tenant-'));
  const env = { MLHUB_DATA_DIR: dataDir, MLHUB_DEV_TENANT: 'dev' };
  let service: TestApp;

  beforeAll(async () => {
    // Tenants is unreachable on purpose: the dev tenant must not need it.
    service = await buildTestApp(testConfig({ ...env, MLHUB_TENANTS_URL: 'http://127.0.0.1:9' }));
  });
  afterAll(async () => {
    await service.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates its key pair in the data folder on first start, private to the owner', () => {
    const file = devTenantKeyFile(dataDir);
    const keys = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
    expect(keys.publicKey).toContain('BEGIN PUBLIC KEY');
    expect(keys.privateKey).toContain('BEGIN PRIVATE KEY');
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('serves a Tenants-compatible record the Tapis Tenants client reads, without a token', async () => {
    const api = new Tenants.TenantsApi(new Tenants.Configuration({ basePath: service.url }));
    const answer = await api.getTenant({ tenantId: 'dev' });
    expect(answer.status).toBe('success');
    expect(answer.result?.tenant_id).toBe('dev');
    expect(answer.result?.public_key).toBe(devTenantStaticKey(dataDir).public_key);
  });

  it('lists itself as the Tenants API lists tenants, as TapisUI asks at start', async () => {
    const api = new Tenants.TenantsApi(new Tenants.Configuration({ basePath: service.url }));
    const answer = await api.listTenants({});
    expect(answer.status).toBe('success');
    expect(answer.result?.map((tenant) => tenant.tenant_id)).toEqual(['dev']);
  });

  it("signs a user in with TapisUI's password grant, in the Authenticator's answer shape, with a token the service accepts", async () => {
    const api = new Authenticator.TokensApi(new Authenticator.Configuration({ basePath: service.url }));
    const answer = await api.createToken({ reqCreateToken: { username: 'dana', password: 'anything', grant_type: 'password' } });
    const token = answer.result?.access_token;
    expect(token?.access_token).toEqual(expect.any(String));
    expect(token?.expires_in).toBe(4 * 3600);
    expect(Date.parse(token?.expires_at ?? '') - Date.now()).toBeGreaterThan(3.9 * 3600 * 1000);
    // TapisUI's sidebar shows the user from `sub`.
    expect(decodeJwt(token?.access_token ?? '').sub).toBe('dana@dev');
    const { status, body } = await service.call('/private', { headers: { 'x-tapis-token': token?.access_token ?? '' } });
    expect(status).toBe(200);
    expect(body.result).toEqual({ tenant: 'dev', username: 'dana' });
  });

  it('refuses another grant type and a username it would not mint, with a 400 envelope', async () => {
    const post = (body: unknown) =>
      service.call('/v3/oauth2/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const wrongGrant = await post({ username: 'dana', password: 'x', grant_type: 'client_credentials' });
    expect(wrongGrant.status).toBe(400);
    expect(wrongGrant.body.status).toBe('error');
    expect(wrongGrant.body.metadata.code).toBe('INVALID_PARAMETER');
    const badName = await post({ username: 'dana<script>', password: 'x', grant_type: 'password' });
    expect(badName.status).toBe(400);
    expect((await post({ username: 'dana', grant_type: 'password' })).status).toBe(400);
  });

  it('accepts a token of `npm run token -- <username>` through the same verification', async () => {
    const token = await devTokenCommand(['alice'], env);
    const { status, body } = await service.call('/private', { headers: { 'x-tapis-token': token } });
    expect(status).toBe(200);
    expect(body.result).toEqual({ tenant: 'dev', username: 'alice' });
    const expiredLater = await devTokenCommand(['bob', '--ttl', '60'], env);
    expect((await service.call('/private', { headers: { authorization: `Bearer ${expiredLater}` } })).status).toBe(200);
    // A lifetime the services refuse is refused when the token is made, naming the limit.
    await expect(devTokenCommand(['bob', '--ttl', '999999'], env)).rejects.toThrow(/--ttl: must be at most 86400 s/);
  });

  it('rejects a dev-tenant token signed by another key', async () => {
    const forged = await sign(rsaKeyPair().privateKey, taccClaims({ 'tapis/tenant_id': 'dev', iss: 'http://localhost/v3/tokens' }));
    const { status, body } = await service.call('/private', { headers: { 'x-tapis-token': forged } });
    expect(status).toBe(401);
    expect(body.message).toMatch(/^Invalid Tapis token: signature does not verify \(/);
  });

  it('tells a token minted with another MLHUB_DATA_DIR to check the data folder', async () => {
    const otherDir = mkdtempSync(path.join(tmpdir(), 'mlhub-dev-tenant-other-'));
    try {
      const token = await devTokenCommand(['alice'], { ...env, MLHUB_DATA_DIR: otherDir });
      const { status, body } = await service.call('/private', { headers: { 'x-tapis-token': token } });
      expect(status).toBe(401);
      expect(body.metadata.code).toBe('UNAUTHORIZED');
      expect(body.message).toContain('signature does not verify');
      expect(body.message).toContain('MLHUB_DATA_DIR/dev-tenant/key.json');
      expect(body.message).toContain('npm run token');
      // The server's own paths are not told to the client.
      expect(body.message).not.toContain(dataDir);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('keeps its key across restarts, so earlier tokens stay valid', async () => {
    const token = await devTokenCommand(['carol'], env);
    const again = await buildTestApp(testConfig({ ...env, MLHUB_TENANTS_URL: 'http://127.0.0.1:9' }));
    try {
      expect((await again.call('/private', { headers: { 'x-tapis-token': token } })).status).toBe(200);
    } finally {
      await again.app.close();
    }
  });

  it('refuses to start on a non-loopback host', async () => {
    const app = Fastify();
    const config = testConfig({ ...env, MLHUB_HOST: '0.0.0.0' });
    await expect(app.register(foundationPlugin, { config, version: '1.0.0' }).ready()).rejects.toThrow(
      /MLHUB_DEV_TENANT: .*only runs on a loopback MLHUB_HOST, not '0.0.0.0'/,
    );
    await app.close();
  });

  it('is off unless configured', async () => {
    const off = await buildTestApp(testConfig({ MLHUB_DATA_DIR: dataDir, MLHUB_TENANTS_URL: 'http://127.0.0.1:9' }));
    try {
      expect((await off.call('/v3/tenants/dev')).status).toBe(404);
      expect((await off.call('/v3/tenants')).status).toBe(404);
      const login = await off.call('/v3/oauth2/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'alice', password: 'x', grant_type: 'password' }),
      });
      expect(login.status).toBe(404);
      const token = await devTokenCommand(['alice'], env);
      const { status, body } = await off.call('/private', { headers: { 'x-tapis-token': token } });
      expect(status).toBe(401);
      expect(body.message).toBe("Invalid Tapis token: tenant 'dev' is not accepted by this service");
    } finally {
      await off.app.close();
    }
  });

  it('prints usage for a missing username', async () => {
    await expect(devTokenCommand([], env)).rejects.toThrow(/usage: npm run token -- <username>/);
  });
});
