import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { tapisErrors, type ProtocolErrors } from './error-bodies.js';
import { ApiError, codeForStatus, isApiError } from './errors.js';

/** One issue of Ajv's `errors` as Fastify hands it over. */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * Turns any error into an ApiError: our own pass through, Fastify's validation, body-size and
 * content-type errors get the spec's codes, anything else is a 500 whose detail stays in the log.
 */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  const err = error as Partial<FastifyError> & { validation?: ValidationIssue[] };
  if (Array.isArray(err.validation) && err.validation.length > 0) return validationError(err.validation, err.validationContext);
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('PAYLOAD_TOO_LARGE', 'Request body is over the size limit');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('BAD_REQUEST', 'Unsupported content type; send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('BAD_REQUEST', 'Request body is empty but the content type is application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('BAD_REQUEST', 'Request body is not valid JSON');
    case 'FST_ERR_BAD_URL':
      return new ApiError('BAD_REQUEST', 'Malformed URL');
    default:
      break;
  }
  const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's JSON parser throws a SyntaxError carrying statusCode 400.
    const message = err.name === 'SyntaxError' ? 'Request body is not valid JSON' : (err.message ?? 'Bad request');
    return new ApiError(codeForStatus(status), message);
  }
  const code = codeForStatus(status);
  return new ApiError(code, code === 'INTERNAL_ERROR' ? 'Internal error' : (err.message ?? 'Upstream failure'), undefined, {
    cause: error,
  });
}

export interface ValidationErrorOptions {
  /**
   * The parameters the part declares (a spec operation's query parameters): an unknown or missing query
   * parameter is then answered with the list of allowed ones, and `details.in` is left out.
   */
  known?: readonly string[];
}

/**
 * The issue to report. Ajv lists every branch's refusal before an anyOf/oneOf's own: the branch whose type
 * matched says what is wrong (five stop sequences: "must NOT have more than 4 items", not the string
 * branch's "must be string"); when no branch's type matched, every type is named ("must be string or array").
 */
function reportedIssue(issues: readonly ValidationIssue[]): ValidationIssue | undefined {
  const union = issues.find((i) => i.keyword === 'anyOf' || i.keyword === 'oneOf');
  if (!union) return issues[0];
  const at = union.instancePath;
  const branches = issues.filter((i) => i !== union && (i.instancePath === at || i.instancePath.startsWith(`${at}/`)));
  const typeOnly = (i: ValidationIssue) => i.keyword === 'type' && i.instancePath === at;
  const matched = branches.find((i) => !typeOnly(i));
  if (matched) return matched;
  const types = [...new Set(branches.flatMap((i) => [i.params['type']].flat().map(String)))];
  return types.length > 0 ? { ...union, message: `must be ${types.join(' or ')}` } : union;
}

/** The INVALID_PARAMETER error of Fastify's first validation issue, naming the parameter and what it must be. */
export function validationError(
  issues: readonly ValidationIssue[],
  context: string | undefined,
  options: ValidationErrorOptions = {},
): ApiError {
  const issue = reportedIssue(issues);
  if (!issue) return new ApiError('INVALID_PARAMETER', `Invalid ${context ?? 'request'}`);
  const pathName = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = issue.params['missingProperty'] ?? issue.params['additionalProperty'];
  const parameter = typeof missing === 'string' ? (pathName ? `${pathName}.${missing}` : missing) : pathName || context || 'body';
  const allowed = issue.params['allowedValues'];
  const { known } = options;
  if (known && context === 'querystring' && typeof missing === 'string' && !pathName) {
    if (issue.keyword === 'additionalProperties') {
      return new ApiError(
        'INVALID_PARAMETER',
        `Unknown query parameter '${missing}'; allowed parameters: ${known.length ? known.join(', ') : 'none'}`,
        {
          parameter: missing,
          allowed: [...known],
        },
      );
    }
    if (issue.keyword === 'required')
      return new ApiError('INVALID_PARAMETER', `Missing query parameter '${missing}'`, { parameter: missing });
  }
  let reason: string;
  // String(), not join()'s own conversion, which prints a null choice as nothing ("one of false, ").
  if (Array.isArray(allowed)) reason = `must be one of ${(allowed as unknown[]).map((value) => String(value)).join(', ')}`;
  else if (issue.keyword === 'additionalProperties') reason = 'is not a known parameter';
  else if (issue.keyword === 'required') reason = 'is required';
  else reason = issue.message ?? 'is invalid';
  const details: Record<string, unknown> = { parameter };
  if (context && !known) details['in'] = context;
  if (Array.isArray(allowed)) details['allowed'] = allowed;
  else if ((issue.keyword === 'minimum' || issue.keyword === 'maximum') && known) details[issue.keyword] = issue.params['limit'];
  return new ApiError('INVALID_PARAMETER', `Invalid parameter '${parameter}': ${reason}`, details);
}

/**
 * The error handler of one protocol: logs (5xx with their cause, client mistakes at info), sets the
 * error's headers and `X-Request-Id`, and writes the protocol's error body.
 */
export function errorHandlerFor(protocol: ProtocolErrors) {
  return function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const apiError = toApiError(error);
    const status = protocol.status?.(apiError) ?? apiError.statusCode;
    let message = apiError.message;
    if (request.raw.socket?.destroyed === true) {
      // The client went away first (an aborted generation ends so): nobody reads the answer, and it is no incident.
      request.log.info({ code: apiError.code, status }, `the client went away before the answer (${apiError.message})`);
    } else if (status >= 500) {
      const internal = apiError.code === 'INTERNAL_ERROR';
      if (internal) message = `Internal error; the service log has the details under request id ${request.id}`;
      // A bug is an error; an upstream (Tenants, Hugging Face) being down is a warning.
      request.log[internal ? 'error' : 'warn']({ err: apiError.cause ?? error, code: apiError.code }, apiError.message);
    } else {
      // A client's mistake is not our incident: info, without a stack.
      request.log.info({ code: apiError.code, status }, apiError.message);
    }
    for (const [name, value] of Object.entries(apiError.headers)) reply.header(name, value);
    // Framework errors (a malformed URL) skip the hooks, so the id is set here as well.
    reply.header('x-request-id', request.id);
    return reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send(protocol.body(request, apiError, message));
  };
}

/** The not-found handler of one protocol: an unknown route answers NOT_FOUND in the protocol's body. */
export function notFoundHandlerFor(protocol: ProtocolErrors) {
  return function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const apiError = new ApiError('NOT_FOUND', `Route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)} not found`);
    request.log.info({ code: apiError.code }, apiError.message);
    reply.header('x-request-id', request.id);
    return reply
      .code(protocol.status?.(apiError) ?? 404)
      .type('application/json; charset=utf-8')
      .send(protocol.body(request, apiError, apiError.message));
  };
}

/**
 * Makes `app` (an encapsulated route plugin) answer its errors in `protocol`'s body. With `notFound`, its
 * unknown routes too: Fastify keeps one not-found handler per prefix, so register that plugin with a `prefix`.
 */
export function useProtocolErrors(app: FastifyInstance, protocol: ProtocolErrors, options: { notFound?: boolean } = {}): void {
  app.setErrorHandler(errorHandlerFor(protocol));
  if (options.notFound) app.setNotFoundHandler(notFoundHandlerFor(protocol));
}

/** The hub's handlers: the Tapis envelope. */
export const errorHandler = errorHandlerFor(tapisErrors);
export const notFoundHandler = notFoundHandlerFor(tapisErrors);
