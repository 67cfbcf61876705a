import { codeForStatus as sdkCodeForStatus, errorStatus, type ErrorCode } from '@mlhub/sdk';

// The closed list of error codes and the status each travels with come from the spec (`ErrorCode` and its
// `x-status` in openapi/hub/common.yaml), generated into the SDK: this service answers what its clients read.
export { errorStatus, type ErrorCode } from '@mlhub/sdk';

export interface ApiErrorOptions {
  /** Extra response headers, such as `Retry-After`. */
  headers?: Record<string, string>;
  /** The underlying failure; logged for 5xx answers, never sent. */
  cause?: unknown;
  /**
   * A protocol's finer code where it has one: TGI's `error_type` (`overloaded`, `not_ready`), OpenAI's
   * `code` (`model_not_found`, `context_length_exceeded`). The Tapis envelope does not carry it.
   */
  protocolCode?: string;
}

/**
 * The one error type services throw: the error handler turns it into the Tapis error envelope with
 * `metadata.code` = `code` and the status the spec gives that code.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;
  readonly protocolCode: string | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options: ApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.statusCode = errorStatus[code];
    this.details = details;
    this.headers = options.headers ?? {};
    this.protocolCode = options.protocolCode;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/**
 * The code of a status that some library answered with, for errors that are not ApiErrors; a status
 * outside the contract is our own failure here, not an upstream's.
 */
export function codeForStatus(status: number): ErrorCode {
  return sdkCodeForStatus(status, 'INTERNAL_ERROR');
}
