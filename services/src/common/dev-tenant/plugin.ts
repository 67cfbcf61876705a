import type { FastifyInstance } from 'fastify';
import { ConfigError } from '../config.js';
import type { FetchLike, TenantsLocation } from '../auth/tenant-keys.js';
import { DEV_TENANT_BASE_URL, ensureDevTenantKeys } from './keys.js';
import { registerDevLogin } from './login.js';

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost|::ffff:127(\.\d{1,3}){3})$/;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.replace(/^\[|\]$/g, ''));
}

// The shape of the real Tenants answer (`GET /v3/tenants/{id}`), so the same client code reads it.
function tenantRecord(tenant: string, publicKey: string, createdAt: string): Record<string, unknown> {
  return {
    tenant_id: tenant,
    base_url: DEV_TENANT_BASE_URL,
    site_id: 'dev',
    token_service: `${DEV_TENANT_BASE_URL}/v3/tokens`,
    security_kernel: `${DEV_TENANT_BASE_URL}/v3/security`,
    authenticator: `${DEV_TENANT_BASE_URL}/v3/oauth2`,
    owner: 'dev@localhost',
    admin_user: 'admin',
    token_gen_services: [],
    public_key: publicKey,
    status: 'active',
    description: 'ML Hub embedded development tenant (keys in the data folder)',
    create_time: createdAt,
    last_update_time: createdAt,
  };
}

/**
 * Serves the dev tenant as the Tenants API would (`GET /v3/tenants/{tenant}`), refusing any host
 * but loopback, and returns where the verifier reaches it, so verification runs
 * the real Tenants client against the answer of this very route whether or not the server listens.
 */
export function registerDevTenant(app: FastifyInstance, options: { tenant: string; dataDir: string; host: string }): TenantsLocation {
  if (!isLoopbackHost(options.host)) {
    throw new ConfigError([
      {
        variable: 'MLHUB_DEV_TENANT',
        problem: `the dev tenant mints tokens anyone can get; it only runs on a loopback MLHUB_HOST, not '${options.host}'`,
      },
    ]);
  }
  const keys = ensureDevTenantKeys(options.dataDir);
  const body = JSON.stringify({
    status: 'success',
    message: 'Tenant retrieved successfully.',
    version: 'dev',
    result: tenantRecord(options.tenant, keys.publicKey, keys.createdAt),
    metadata: {},
  });
  const path = `/v3/tenants/${options.tenant}`;
  app.get(path, { config: { public: true, rateLimit: false } }, async (_request, reply) => reply.type('application/json').send(body));
  // TapisUI lists the tenants at start, then logs in with the password grant: both answer as Tapis does.
  const list = JSON.stringify({
    status: 'success',
    message: 'Tenants retrieved successfully.',
    version: 'dev',
    result: [tenantRecord(options.tenant, keys.publicKey, keys.createdAt)],
    metadata: {},
  });
  app.get('/v3/tenants', { config: { public: true, rateLimit: false } }, async (_request, reply) =>
    reply.type('application/json').send(list),
  );
  registerDevLogin(app, { tenant: options.tenant, dataDir: options.dataDir });
  // The verifier reads the very answer this route serves, through the real Tenants client, without a
  // network round trip to itself (the server may not even listen, as in tests).
  const fetch: FetchLike = async (input) => {
    const found = new URL(input).pathname === path;
    return new Response(found ? body : JSON.stringify({ status: 'error', message: 'tenant not found.', result: null }), {
      status: found ? 200 : 404,
      headers: { 'content-type': 'application/json' },
    });
  };
  // Said to a dev token from another data folder (another checkout, another MLHUB_DATA_DIR), the usual cause.
  const signatureHint =
    `the '${options.tenant}' tenant's key is the one in this hub's MLHUB_DATA_DIR/dev-tenant/key.json: ` +
    'mint the token with `npm run token` and the same MLHUB_DATA_DIR as the hub';
  return { basePath: 'http://dev-tenant.invalid', fetch, signatureHint };
}
