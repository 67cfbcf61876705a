import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { FoundationConfig } from './config.js';
import { tapisErrors, type ProtocolErrors } from './error-bodies.js';
import { errorHandlerFor } from './error-handler.js';
import { ApiError } from './errors.js';

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

/** What Node's HTTP parser refused, in words a client can act on. */
function clientErrorOf(code: string | undefined): { status: number; error: ApiError } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: new ApiError('PAYLOAD_TOO_LARGE', 'Request line or headers are over the 16 KB limit') };
    case 'HPE_INVALID_METHOD':
      return { status: 400, error: new ApiError('BAD_REQUEST', 'Unknown HTTP method') };
    case 'HPE_INVALID_URL':
      return { status: 400, error: new ApiError('BAD_REQUEST', 'Malformed URL: percent-encode spaces and non-ASCII characters') };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { status: 400, error: new ApiError('BAD_REQUEST', 'Content-Length and Transfer-Encoding may not both be sent') };
    default:
      return { status: 400, error: new ApiError('BAD_REQUEST', 'Malformed HTTP request') };
  }
}

/**
 * Answers a request Node's HTTP parser refused (before Fastify saw it: no route, no hooks) in the
 * protocol's error body, with an `X-Request-Id`, then closes the connection, as Node's default does.
 */
function clientErrorHandler(errors: ProtocolErrors) {
  return function onClientError(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const id = randomUUID();
    const { status, error } = clientErrorOf(err.code);
    this.log.info({ reqId: id, code: error.code, parser: err.code }, error.message);
    const request = { id, server: this } as unknown as FastifyRequest;
    const body = JSON.stringify(errors.body(request, error, error.message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
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
    clientErrorHandler: clientErrorHandler(errors),
  };
}
