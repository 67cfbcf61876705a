// What can go wrong with a generation request, named once (InferenceError, an ApiError with its kind), and how
// each protocol writes it through the foundation's `useProtocolErrors`: TGI `{error, error_type}`, OpenAI
// `{error: {message, type, param, code}}`, OIP `{error}`, the legacy Tapis envelope. Errors raised before a
// handler (a token, a body limit, the spec's schema) arrive as ApiErrors and are classified here the same way.
import type { FastifyRequest } from 'fastify';
import { ApiError, type ErrorCode, errorEnvelope, loadSpecDocument, bundledSpecPath, type ProtocolErrors } from '../common/index.js';

export type ProblemKind =
  | 'bad_request'
  | 'validation'
  | 'unsupported'
  | 'context_length'
  | 'not_found'
  | 'no_route'
  | 'method_not_allowed'
  | 'unauthorized'
  | 'payload_too_large'
  | 'overloaded'
  | 'not_ready'
  | 'auth_unavailable'
  | 'generation'
  | 'internal';

const CODE: Record<ProblemKind, ErrorCode> = {
  bad_request: 'INVALID_PARAMETER',
  validation: 'UNPROCESSABLE',
  unsupported: 'UNPROCESSABLE',
  context_length: 'UNPROCESSABLE',
  not_found: 'NOT_FOUND',
  no_route: 'NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_ALLOWED',
  unauthorized: 'UNAUTHORIZED',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  overloaded: 'RATE_LIMITED',
  not_ready: 'SERVICE_UNAVAILABLE',
  auth_unavailable: 'AUTH_UNAVAILABLE',
  generation: 'INTERNAL_ERROR',
  internal: 'INTERNAL_ERROR',
};

/** A generation problem; each protocol's writer turns its kind into its own body and status. */
export class InferenceError extends ApiError {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly param: string | null = null,
    readonly retryAfterS: number | null = null,
  ) {
    super(CODE[kind], message, param === null ? undefined : { parameter: param, field: param }, {
      headers: retryAfterS === null ? {} : { 'retry-after': String(retryAfterS) },
    });
    this.name = 'InferenceError';
  }
}

type Protocol = 'tgi' | 'openai' | 'oip' | 'legacy';

const FROM_CODE: Partial<Record<ErrorCode, ProblemKind>> = {
  BAD_REQUEST: 'bad_request',
  INVALID_PARAMETER: 'bad_request',
  INVALID_ID: 'bad_request',
  UNAUTHORIZED: 'unauthorized',
  // Only the not-found handler raises a plain NOT_FOUND (a model not served is an InferenceError 'not_found').
  NOT_FOUND: 'no_route',
  METHOD_NOT_ALLOWED: 'method_not_allowed',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  UNPROCESSABLE: 'validation',
  RATE_LIMITED: 'overloaded',
  SERVICE_UNAVAILABLE: 'not_ready',
  AUTH_UNAVAILABLE: 'auth_unavailable',
};

let unsupportedNames: Record<string, Set<string>> | null = null;

/** Parameters the spec marks `x-unsupported` (accepted only at their neutral value), per request schema. */
function unsupportedIn(schema: 'GenerateParameters' | 'CompletionRequest'): Set<string> {
  if (!unsupportedNames) {
    const schemas = (
      loadSpecDocument(bundledSpecPath('inference-server')).document['components'] as {
        schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }>;
      }
    ).schemas;
    const marked = (name: string) =>
      new Set(
        Object.entries(schemas[name]?.properties ?? {})
          .filter(([, p]) => p['x-unsupported'] === true)
          .map(([k]) => k),
      );
    unsupportedNames = { GenerateParameters: marked('GenerateParameters'), CompletionRequest: marked('CompletionRequest') };
  }
  return unsupportedNames[schema] as Set<string>;
}

/**
 * A schema failure of the spec binder (INVALID_PARAMETER naming `parameters.top_p`) as the protocol sees it:
 * TGI answers every data problem 422 and a body that is no object 400; OpenAI an unknown parameter 422
 * `unsupported_parameter`, an `x-unsupported` one 422 `unsupported_value`, any other 400 `invalid_value`.
 */
function classify(error: ApiError, protocol: Protocol): InferenceError {
  if (error instanceof InferenceError) return error;
  const retry = error.headers['retry-after'];
  const retryAfter = retry === undefined ? null : Number(retry);
  const kind = FROM_CODE[error.code];
  if (kind === undefined)
    return new InferenceError(
      error.statusCode >= 500 && error.code !== 'INTERNAL_ERROR' ? 'not_ready' : 'internal',
      error.message,
      null,
      retryAfter,
    );
  const given = error.details?.['parameter'];
  if (error.code !== 'INVALID_PARAMETER' || typeof given !== 'string') return new InferenceError(kind, error.message, null, retryAfter);
  const segments = given.split('.').filter((s) => s !== 'parameters' && !/^\d+$/.test(s));
  const unknown = /not a known parameter/.test(error.message);
  // An unknown key inside an object parameter is named whole (`stream_options.foo`), not as its parent.
  const name = (unknown && segments.length > 1 ? segments.join('.') : protocol === 'openai' ? segments[0] : segments.at(-1)) ?? 'body';
  const reason = error.message.replace(/^Invalid parameter '[^']*': /, '');
  if (name === 'body') return new InferenceError('bad_request', 'Request body must be a JSON object', null);
  if (protocol === 'tgi') {
    const unsupported = unsupportedIn('GenerateParameters').has(name)
      ? ': this server does not implement it, only the neutral value is accepted'
      : '';
    return new InferenceError(
      'validation',
      `Input validation error: \`${name}\` ${unknown ? 'is not a parameter this server knows (nothing is ignored)' : reason}${unsupported}`,
      name,
    );
  }
  if (protocol === 'openai') {
    if (unknown)
      return new InferenceError(
        'unsupported',
        `Unsupported parameter: '${name}' is not a parameter this server knows (nothing is ignored)`,
        name,
      );
    if (unsupportedIn('CompletionRequest').has(name))
      return new InferenceError('validation', `Unsupported value: '${name}' ${reason}; this server does not implement it`, name);
    return new InferenceError('bad_request', `Invalid parameter '${name}': ${reason}`, name);
  }
  if (unknown)
    return new InferenceError(
      'validation',
      `Unknown field '${name}': the legacy API takes only 'prompt'; use POST /generate for generation parameters`,
      name,
    );
  return new InferenceError('bad_request', `Invalid parameter '${name}': ${reason}`, name);
}

const TGI_TYPE: Record<ProblemKind, string> = {
  bad_request: 'bad_request',
  validation: 'validation',
  unsupported: 'validation',
  context_length: 'validation',
  not_found: 'validation',
  no_route: 'not_found',
  method_not_allowed: 'validation',
  unauthorized: 'unauthorized',
  payload_too_large: 'payload_too_large',
  overloaded: 'overloaded',
  not_ready: 'not_ready',
  auth_unavailable: 'auth_unavailable',
  generation: 'generation',
  internal: 'internal',
};

const STATUS: Record<ProblemKind, number> = {
  bad_request: 400,
  context_length: 400,
  unauthorized: 401,
  not_found: 404,
  no_route: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  validation: 422,
  unsupported: 422,
  overloaded: 429,
  generation: 500,
  internal: 500,
  not_ready: 503,
  auth_unavailable: 503,
};

export function tgiBody(problem: InferenceError, message = problem.message): { error: string; error_type: string } {
  return { error: message, error_type: TGI_TYPE[problem.kind] };
}

const messageOf = (error: ApiError, problem: InferenceError, message: string) =>
  error === problem || problem.statusCode >= 500 ? message : problem.message;

/** TGI: a too-long input, like any other validation problem, is a 422. */
export const inferenceTgiErrors: ProtocolErrors = {
  body: (_request, error, message) => {
    const problem = classify(error, 'tgi');
    return tgiBody(problem, messageOf(error, problem, message));
  },
  status: (error) => {
    const problem = classify(error, 'tgi');
    return problem.kind === 'context_length' || problem.kind === 'not_found' ? 422 : STATUS[problem.kind];
  },
};

const OPENAI_TYPE: Record<ProblemKind, string> = {
  bad_request: 'invalid_request_error',
  validation: 'invalid_request_error',
  unsupported: 'invalid_request_error',
  context_length: 'invalid_request_error',
  not_found: 'invalid_request_error',
  no_route: 'invalid_request_error',
  method_not_allowed: 'invalid_request_error',
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
  // OpenAI's own answer to an unknown path has no code.
  no_route: null,
  method_not_allowed: 'method_not_allowed',
  unauthorized: 'invalid_api_key',
  payload_too_large: 'payload_too_large',
  overloaded: 'overloaded',
  not_ready: 'model_not_ready',
  auth_unavailable: 'auth_unavailable',
  generation: null,
  internal: null,
};

export function openaiBody(problem: InferenceError, message = problem.message) {
  const invalidJson = problem.kind === 'bad_request' && problem.param === null && /JSON/.test(message);
  return {
    error: {
      message,
      type: OPENAI_TYPE[problem.kind],
      param: problem.param,
      code: invalidJson ? 'invalid_json' : OPENAI_CODE[problem.kind],
    },
  };
}

/** `@huggingface/inference` names itself so; it reads only a string `error` from a JSON error answer. */
const fromHuggingFaceClient = (request: FastifyRequest) => (request.headers['user-agent'] ?? '').startsWith('@huggingface/inference/');

/** OpenAI's body, but TGI's for `@huggingface/inference` (`OpenAIErrorAnswer` in the spec); the status is OpenAI's. */
export const inferenceOpenAIErrors: ProtocolErrors = {
  body: (request, error, message) => {
    const problem = classify(error, 'openai');
    const text = messageOf(error, problem, message);
    return fromHuggingFaceClient(request) ? tgiBody(problem, text) : openaiBody(problem, text);
  },
  status: (error) => STATUS[classify(error, 'openai').kind],
};

export const inferenceOipErrors: ProtocolErrors = {
  body: (_request, error, message) => ({ error: messageOf(error, classify(error, 'oip'), message) }),
  status: (error) => STATUS[classify(error, 'oip').kind],
};

/** The legacy routes answer the Tapis envelope with the code of the problem's kind. */
export const inferenceLegacyErrors: ProtocolErrors = {
  body: (request: FastifyRequest, error, message) => {
    const problem = classify(error, 'legacy');
    const details = problem.param === null ? error.details : { field: problem.param };
    return errorEnvelope(request, CODE[problem.kind], messageOf(error, problem, message), details);
  },
  status: (error) => {
    const problem = classify(error, 'legacy');
    return problem.kind === 'context_length' ? 422 : STATUS[problem.kind];
  },
};
