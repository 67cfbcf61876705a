import type { FastifyRequest } from 'fastify';
import { errorEnvelope } from './envelope.js';
import type { ApiError, ErrorCode } from './errors.js';

/**
 * How one protocol writes an error: its body, and its status where it differs from the one the spec
 * gives the code. Handlers throw ApiErrors; the route plugin of each protocol picks the writer
 * (`useProtocolErrors`), so one throw answers in the shape its client reads.
 */
export interface ProtocolErrors {
  /** The body; `message` is the error's, or the log pointer that replaces a 500's. */
  body(request: FastifyRequest, error: ApiError, message: string): unknown;
  /** The status, when the protocol answers some code with another than the spec's. */
  status?(error: ApiError): number;
}

/** The Tapis envelope of the hub: `{status: "error", message, version, result: null, metadata: {requestId, code, details}}`. */
export const tapisErrors: ProtocolErrors = {
  body: (request, error, message) => errorEnvelope(request, error.code, message, error.details),
};

/** TGI's `error_type` of each code, where the error does not name its own (`protocolCode`). */
const TGI_ERROR_TYPE: Record<ErrorCode, string> = {
  BAD_REQUEST: 'bad_request',
  INVALID_PARAMETER: 'validation',
  INVALID_ID: 'bad_request',
  UNAUTHORIZED: 'unauthorized',
  FORBIDDEN: 'unauthorized',
  NOT_FOUND: 'bad_request',
  METHOD_NOT_ALLOWED: 'bad_request',
  CONFLICT: 'bad_request',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  RANGE_NOT_SATISFIABLE: 'bad_request',
  UNPROCESSABLE: 'validation',
  RATE_LIMITED: 'overloaded',
  INTERNAL_ERROR: 'internal',
  UPSTREAM_ERROR: 'internal',
  SERVICE_UNAVAILABLE: 'not_ready',
  AUTH_UNAVAILABLE: 'auth_unavailable',
  UPSTREAM_TIMEOUT: 'internal',
};

/** TGI's `{error, error_type}`; a parameter TGI would refuse (`validation`) is a 422, as TGI answers it. */
export const tgiErrors: ProtocolErrors = {
  body: (_request, error, message) => ({ error: message, error_type: error.protocolCode ?? TGI_ERROR_TYPE[error.code] ?? 'internal' }),
  status: (error) => (error.code === 'INVALID_PARAMETER' ? 422 : error.statusCode),
};

/** OpenAI's `code` of each code, where the error does not name its own (`protocolCode`). */
const OPENAI_CODE: Partial<Record<ErrorCode, string>> = {
  INVALID_PARAMETER: 'invalid_value',
  UNAUTHORIZED: 'invalid_api_key',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  UNPROCESSABLE: 'unsupported_value',
  RATE_LIMITED: 'overloaded',
  AUTH_UNAVAILABLE: 'auth_unavailable',
};

function openAiType(status: number): string {
  if (status === 401 || status === 403) return 'authentication_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 503) return 'service_unavailable_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** OpenAI's `{error: {message, type, param, code}}`; `param` is the parameter the error names, if any. */
export const openAiErrors: ProtocolErrors = {
  body: (_request, error, message) => {
    const parameter = error.details?.['parameter'];
    return {
      error: {
        message,
        type: openAiType(error.statusCode),
        param: typeof parameter === 'string' ? parameter : null,
        code: error.protocolCode ?? OPENAI_CODE[error.code] ?? null,
      },
    };
  },
};
