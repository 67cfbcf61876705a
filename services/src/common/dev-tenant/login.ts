import { decodeJwt } from 'jose';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import { isLoopbackHost } from './plugin.js';
import { DEV_TOKEN_TTL_S, DEV_USERNAME, mintDevToken } from './token.js';

interface PasswordGrant {
  username: string;
  password: string;
  grant_type: 'password';
}

/**
 * The dev tenant's `POST /v3/oauth2/tokens` (password grant), answered in the Tapis Authenticator's shape
 * (`result.access_token.access_token`, `expires_at`, `expires_in`, `jti`), so TapisUI's login form and the
 * standalone page sign in with a username. Any password is accepted: the dev tenant mints tokens for anyone,
 * which is why it serves loopback clients only.
 */
export function registerDevLogin(app: FastifyInstance, options: { tenant: string; dataDir: string }): void {
  app.post<{ Body: PasswordGrant }>(
    '/v3/oauth2/tokens',
    {
      config: { public: true },
      schema: {
        body: {
          type: 'object',
          required: ['username', 'password', 'grant_type'],
          properties: {
            username: { type: 'string', pattern: DEV_USERNAME.source },
            password: { type: 'string', maxLength: 1024 },
            grant_type: { const: 'password' },
          },
        },
      },
    },
    async (request) => {
      if (!isLoopbackHost(request.socket.remoteAddress ?? '')) {
        throw new ApiError('FORBIDDEN', 'The dev tenant signs in loopback clients only');
      }
      const token = await mintDevToken({ dataDir: options.dataDir, tenant: options.tenant, username: request.body.username });
      const claims = decodeJwt(token);
      return {
        status: 'success',
        message: 'Token created successfully.',
        version: 'dev',
        result: {
          access_token: {
            access_token: token,
            expires_at: new Date((claims.exp ?? 0) * 1000).toISOString(),
            expires_in: DEV_TOKEN_TTL_S,
            jti: claims.jti,
          },
        },
        metadata: {},
      };
    },
  );
}
