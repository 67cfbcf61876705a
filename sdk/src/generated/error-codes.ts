/**
 * Generated from openapi/hub by `npm run generate`. Do not edit: CI regenerates and fails on any diff.
 */

import type { components } from './hub.js';

/** Stable machine code of an error, in `metadata.code`; the list is closed. */
export type ErrorCode = components['schemas']['ErrorCode'];

/** The HTTP status each error code always travels with (`x-status` of `ErrorCode`), in the spec's order. */
export const errorStatus = {
  BAD_REQUEST: 400,
  INVALID_PARAMETER: 400,
  INVALID_ID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RANGE_NOT_SATISFIABLE: 416,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  UPSTREAM_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
  AUTH_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
} as const satisfies Record<ErrorCode, number>;
