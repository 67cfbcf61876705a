import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { registerJsonBodyParser } from './json-body.js';
import type { TapisIdentity } from './auth/identity.js';
import fp from 'fastify-plugin';
import { registerAuth } from './auth/plugin.js';
import { type FetchLike, TenantKeyStore, type TenantsLocation } from './auth/tenant-keys.js';
import { TapisVerifier } from './auth/verifier.js';
import type { FoundationConfig } from './config.js';
import { registerDevTenant } from './dev-tenant/plugin.js';
import { tapisErrors, type ProtocolErrors } from './error-bodies.js';
import { errorHandlerFor, notFoundHandlerFor } from './error-handler.js';
import { ApiError } from './errors.js';

// Declared here, in the module every service imports, so the typings reach code that uses the emitted .d.ts.
declare module 'fastify' {
  interface FastifyInstance {
    /** The shared configuration the foundation was registered with. */
    config: FoundationConfig;
    /** The service version, written in every envelope. */
    serviceVersion: string;
  }
  interface FastifyContextConfig {
    /** The route needs no token (the spec says `security: []`). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The verified caller. Reading it on a public route is a bug and throws. */
    readonly tapis: TapisIdentity;
    /** The verified caller, or null on a public route. */
    tapisOrNull: TapisIdentity | null;
  }
  interface FastifyInstance {
    /** The verifier behind the auth hook, for code that verifies tokens itself (a proxy, a stream). */
    tapisVerifier: TapisVerifier;
  }
}

export interface FoundationOptions {
  config: FoundationConfig;
  /** The service version (its package.json version), written in every envelope. */
  version: string;
  /** The fetch of the Tenants client; globalThis.fetch by default. */
  tenantsFetch?: FetchLike;
  /** Clock in ms for token times and key age; injectable for tests. */
  now?: () => number;
  /** The error bodies of routes that set none of their own (`useProtocolErrors`); the Tapis envelope by default. */
  errors?: ProtocolErrors;
  /** Overrides of the security headers (a page that needs its own Content-Security-Policy); read once, at boot. */
  helmet?: HelmetOptions;
}

/**
 * The headers helmet writes for these options, worked out once. @fastify/helmet rebuilt helmet's middleware
 * (and parsed its CSP) on every request; even built once, its thirteen steps cost more than setting the result.
 */
function securityHeaders(options: HelmetOptions | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('helmet failed', { cause: error });
  });
  return headers;
}

/** Requests count against the user when the token verified, else against the client address. */
function rateLimitKey(request: FastifyRequest): string {
  const who = request.tapisOrNull;
  return who ? `user:${who.tenant}/${who.username}` : `ip:${request.ip}`;
}

async function foundation(app: FastifyInstance, options: FoundationOptions): Promise<void> {
  const { config } = options;
  app.decorate('config', config);
  app.decorate('serviceVersion', options.version);
  // First hook of all, so even an answer a later hook cuts short carries the id.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  const errors = options.errors ?? tapisErrors;
  app.setErrorHandler(errorHandlerFor(errors));
  registerJsonBodyParser(app);
  app.setNotFoundHandler(notFoundHandlerFor(errors));
  // An unknown route is answered before its body is read (after the onRequest hooks: CORS, auth, limits).
  app.addHook('preParsing', (request, reply, _payload, done) => {
    if (!request.is404) {
      done();
      return;
    }
    void request.routeOptions.handler.call(app, request, reply);
  });

  const security = securityHeaders(options.helmet);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(security);
    done();
  });
  await app.register(cors, {
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Range: a browser resuming a download from the store sends it.
    allowedHeaders: ['X-Tapis-Token', 'Authorization', 'Content-Type', 'X-Request-Id', 'If-None-Match', 'Range', 'Last-Event-ID'],
    exposedHeaders: [
      'X-Request-Id',
      'ETag',
      'X-Content-Sha256',
      'Content-Range',
      'Accept-Ranges',
      'Content-Length',
      'Retry-After',
      'Content-Disposition',
    ],
    maxAge: 600,
  });

  const locations: Record<string, TenantsLocation> = {};
  if (config.devTenant !== '') {
    locations[config.devTenant] = registerDevTenant(app, { tenant: config.devTenant, dataDir: config.dataDir, host: config.host });
  }
  const keys = new TenantKeyStore({
    tenantsUrl: config.tenantsUrl,
    locations,
    staticKeys: config.staticKeys,
    timeoutMs: config.tenantsTimeoutMs,
    ...(options.tenantsFetch ? { fetch: options.tenantsFetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  await keys.ready();
  const verifier = new TapisVerifier({
    keys,
    allowedTenants: [...config.allowedTenants, ...keys.staticTenants(), ...Object.keys(locations)],
    leewayS: config.jwtLeewayS,
    refetchAfterS: config.keyRefetchAfterS,
    tokenMaxBytes: config.tokenMaxBytes,
    maxLifetimeS: config.jwtMaxLifetimeS,
    tokenCacheSize: config.tokenCacheSize,
    ...(options.now ? { now: options.now } : {}),
  });
  registerAuth(app, verifier);

  // Registered after the auth hook: its per-route hooks run after instance hooks, so the key is the user.
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowMs,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ApiError('RATE_LIMITED', `Rate limit exceeded, retry in ${seconds} seconds`, undefined, {
        headers: { 'retry-after': String(seconds) },
      });
    },
  });
}

/**
 * Everything a service stands on, as one plugin: config and version decorations, request ids echoed in
 * `X-Request-Id`, the one error and not-found handler, security headers, CORS, Tapis authentication
 * (with the dev tenant when configured) and per-user rate limits. Register it first, then the routes.
 */
export const foundationPlugin = fp(foundation, { name: 'mlhub-foundation', fastify: '5.x' });
