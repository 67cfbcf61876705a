// What can go wrong with a generation request, once, and how each protocol writes it: TGI `{error, error_type}`,
// OpenAI `{error: {message, type, param, code}}`, OIP `{error}`, the legacy Tapis envelope (through ApiError and
// the foundation's one error handler). Errors the foundation raises (a token, a body limit, bad JSON) arrive as
// ApiErrors or Fastify errors and are translated by code.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, type ErrorCode, errorHandler, toApiError } from '../common/index.js';

export type ProblemKind =
  | 'bad_request'
  | 'validation'
  | 'unsupported'
  | 'context_length'
  | 'not_found'
  | 'unauthorized'
  | 'payload_too_large'
  | 'overloaded'
  | 'not_ready'
  | 'auth_unavailable'
  | 'generation'
  | 'internal';

const STATUS: Record<ProblemKind, number> = {
  bad_request: 400,
  context_length: 400,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  validation: 422,
  unsupported: 422,
  overloaded: 429,
  generation: 500,
  internal: 500,
  not_ready: 503,
  auth_unavailable: 503,
};

/** A generation problem, named once; each protocol's writer turns it into its own body. */
export class InferenceError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly param: string | null = null,
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'InferenceError';
  }

  get status(): number {
    return STATUS[this.kind];
  }
}

const FROM_CODE: Partial<Record<ErrorCode, ProblemKind>> = {
  BAD_REQUEST: 'bad_request',
  INVALID_PARAMETER: 'bad_request',
  INVALID_ID: 'bad_request',
  UNAUTHORIZED: 'unauthorized',
  NOT_FOUND: 'not_found',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  UNPROCESSABLE: 'validation',
  RATE_LIMITED: 'overloaded',
  SERVICE_UNAVAILABLE: 'not_ready',
  AUTH_UNAVAILABLE: 'auth_unavailable',
};

/** Any error as an InferenceError; a bug becomes `internal` and its detail goes to the log only. */
export function asInferenceError(error: unknown, request: FastifyRequest): InferenceError {
  if (error instanceof InferenceError) return error;
  const api = toApiError(error as FastifyError);
  const kind = FROM_CODE[api.code];
  if (kind) {
    const retry = api.headers['retry-after'];
    return new InferenceError(kind, api.message, null, retry === undefined ? null : Number(retry));
  }
  request.log.error({ err: error }, 'generation request failed');
  return new InferenceError('internal', `Internal error; the server log has the details under request id ${request.id}`);
}

function prepare(error: unknown, request: FastifyRequest, reply: FastifyReply): InferenceError {
  const problem = asInferenceError(error, request);
  if (problem.status < 500) request.log.info({ kind: problem.kind, param: problem.param }, problem.message);
  if (problem.retryAfterS !== null) reply.header('retry-after', String(problem.retryAfterS));
  reply.header('x-request-id', request.id);
  reply.code(problem.status).type('application/json; charset=utf-8');
  return problem;
}

const TGI_TYPE: Record<ProblemKind, string> = {
  bad_request: 'bad_request',
  validation: 'validation',
  unsupported: 'validation',
  context_length: 'validation',
  not_found: 'validation',
  unauthorized: 'unauthorized',
  payload_too_large: 'payload_too_large',
  overloaded: 'overloaded',
  not_ready: 'not_ready',
  auth_unavailable: 'auth_unavailable',
  generation: 'generation',
  internal: 'internal',
};

export function tgiBody(problem: InferenceError): { error: string; error_type: string } {
  return { error: problem.message, error_type: TGI_TYPE[problem.kind] };
}

/** The error handler of the TGI routes. */
export function tgiErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = prepare(error, request, reply);
  // TGI answers a validation problem 422 whatever its shape; a body that is not even an object is a 400.
  if (problem.kind === 'context_length') reply.code(422);
  return reply.send(tgiBody(problem));
}

const OPENAI_TYPE: Record<ProblemKind, string> = {
  bad_request: 'invalid_request_error',
  validation: 'invalid_request_error',
  unsupported: 'invalid_request_error',
  context_length: 'invalid_request_error',
  not_found: 'invalid_request_error',
  unauthorized: 'authentication_error',
  payload_too_large: 'invalid_request_error',
  overloaded: 'rate_limit_error',
  not_ready: 'service_unavailable_error',
  auth_unavailable: 'service_unavailable_error',
  generation: 'server_error',
  internal: 'server_error',
};

const OPENAI_CODE: Record<ProblemKind, string | null> = {
  bad_request: 'invalid_value',
  validation: 'unsupported_value',
  unsupported: 'unsupported_parameter',
  context_length: 'context_length_exceeded',
  not_found: 'model_not_found',
  unauthorized: 'invalid_api_key',
  payload_too_large: 'payload_too_large',
  overloaded: 'overloaded',
  not_ready: 'model_not_ready',
  auth_unavailable: 'auth_unavailable',
  generation: null,
  internal: null,
};

export function openaiBody(problem: InferenceError): {
  error: { message: string; type: string; param: string | null; code: string | null };
} {
  return { error: { message: problem.message, type: OPENAI_TYPE[problem.kind], param: problem.param, code: OPENAI_CODE[problem.kind] } };
}

/** The error handler of `/v1/*`. */
export function openaiErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = prepare(error, request, reply);
  const body = openaiBody(problem);
  if (problem.kind === 'bad_request' && /JSON/.test(problem.message)) body.error.code = 'invalid_json';
  return reply.send(body);
}

/** The error handler of the Open Inference Protocol routes. */
export function oipErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = prepare(error, request, reply);
  return reply.send({ error: problem.message });
}

const LEGACY_CODE: Record<ProblemKind, ErrorCode> = {
  bad_request: 'INVALID_PARAMETER',
  validation: 'UNPROCESSABLE',
  unsupported: 'UNPROCESSABLE',
  context_length: 'UNPROCESSABLE',
  not_found: 'NOT_FOUND',
  unauthorized: 'UNAUTHORIZED',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  overloaded: 'RATE_LIMITED',
  not_ready: 'SERVICE_UNAVAILABLE',
  auth_unavailable: 'AUTH_UNAVAILABLE',
  generation: 'INTERNAL_ERROR',
  internal: 'INTERNAL_ERROR',
};

/** The legacy routes answer the Tapis envelope: an InferenceError becomes the ApiError of its code. */
export function legacyErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!(error instanceof InferenceError)) return errorHandler(error, request, reply);
  const headers: Record<string, string> = error.retryAfterS === null ? {} : { 'retry-after': String(error.retryAfterS) };
  const details = error.param === null ? undefined : { field: error.param };
  return errorHandler(new ApiError(LEGACY_CODE[error.kind], error.message, details, { headers }), request, reply);
}
