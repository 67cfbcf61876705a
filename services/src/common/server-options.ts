import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { FoundationConfig } from './config.js';
import { tapisErrors, type ProtocolErrors } from './error-bodies.js';
import { errorHandlerFor } from './error-handler.js';

/** Header paths pino replaces with `[Redacted]` wherever a log line carries request headers. */
export const REDACTED_PATHS = [
  'req.headers["x-tapis-token"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers["x-tapis-token"]',
  'headers.authorization',
  'headers.cookie',
  'request.headers["x-tapis-token"]',
  'request.headers.authorization',
];

// A client's request id is echoed and logged, so only ids that cannot forge log lines are taken.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** pino options of every service: level from config, token headers redacted. */
export function loggerOptions(config: Pick<FoundationConfig, 'logLevel'>): {
  level: string;
  redact: { paths: string[]; censor: string };
} {
  return { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[Redacted]' } };
}

/**
 * The Fastify constructor options every service uses: logger, request ids, body limit, proxy trust,
 * and framework errors (a malformed URL) written through the error handler of `errors` (the Tapis envelope by default).
 */
export function serverOptions(config: FoundationConfig, errors: ProtocolErrors = tapisErrors): FastifyServerOptions {
  const handleError = errorHandlerFor(errors);
  return {
    logger: loggerOptions(config),
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Ids travel percent-encoded in one segment (`google%2Fflan-t5-small`): 256 characters can triple.
    routerOptions: { maxParamLength: 1024 },
    // The spec answers an unknown parameter with INVALID_PARAMETER: do not strip it silently.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    frameworkErrors: (error, request, reply) => {
      handleError(error, request, reply);
    },
  };
}
