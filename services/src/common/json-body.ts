// The JSON body parser every service uses. Fastify's own (secure-json-parse) refuses a `__proto__` or
// `constructor.prototype` key, as it should, but answers it as "not valid JSON", which sends the client looking
// for a syntax error that is not there. This one refuses the same keys and says which.
import { errorCodes, type FastifyInstance } from 'fastify';
import { ApiError } from './errors.js';

/** Parses `text`, throwing the refusal when a key would reach an object's prototype once merged. */
function parseRefusingPrototypeKeys(text: string): unknown {
  // Set inside the reviver: a holder, since TypeScript does not see a closure assign a local.
  const refused: { key: string | null } = { key: null };
  const value: unknown = JSON.parse(text, (key, inner: unknown) => {
    if (key === '__proto__') refused.key = '__proto__';
    else if (key === 'constructor' && inner !== null && typeof inner === 'object' && Object.hasOwn(inner, 'prototype'))
      refused.key = 'constructor.prototype';
    return inner;
  });
  if (refused.key !== null) throw new ApiError('BAD_REQUEST', `Request body has a key that is refused: ${refused.key}`);
  return value;
}

export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      done(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), undefined);
      return;
    }
    try {
      done(null, parseRefusingPrototypeKeys(text));
    } catch (error) {
      done(error instanceof ApiError ? error : new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined);
    }
  });
}
