import type { FastifyInstance, FastifyRequest } from 'fastify';
// The request and route-config typings (`request.tapis`, `config.public`) are declared in foundation.ts.
import { ApiError } from '../errors.js';
import type { TapisIdentity } from './identity.js';
import type { TapisVerifier } from './verifier.js';

/** Whether a request skips authentication: public routes, unknown routes (404) and CORS preflights. */
export function isPublic(request: FastifyRequest): boolean {
  return request.routeOptions.config.public === true || request.is404 || request.method === 'OPTIONS';
}

/** Adds `request.tapis` and the onRequest hook that verifies every non-public request. */
export function registerAuth(app: FastifyInstance, verifier: TapisVerifier): void {
  app.decorate('tapisVerifier', verifier);
  app.decorateRequest('tapisOrNull', null);
  app.decorateRequest('tapis', {
    getter(this: FastifyRequest): TapisIdentity {
      if (this.tapisOrNull === null) {
        throw new ApiError('INTERNAL_ERROR', `request.tapis read on the public route ${this.routeOptions.url ?? ''}`);
      }
      return this.tapisOrNull;
    },
  });
  // A callback hook: a token verified before is answered without a promise or a trip through the microtask queue.
  app.addHook('onRequest', (request, _reply, done) => {
    if (isPublic(request)) return done();
    let known: TapisIdentity | undefined;
    try {
      known = verifier.authenticateRemembered(request.headers, request.raw.rawHeaders);
    } catch (error) {
      return done(error as Error);
    }
    if (known !== undefined) {
      request.tapisOrNull = known;
      return done();
    }
    verifier.authenticate(request.headers, request.raw.rawHeaders).then(
      (identity) => {
        request.tapisOrNull = identity;
        done();
      },
      (error: Error) => done(error),
    );
  });
}
