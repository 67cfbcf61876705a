import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from './errors.js';

/** The Tapis envelope every hub answer is wrapped in (`openapi/hub/common.yaml`). */
export interface SuccessEnvelope<T, M extends object = Record<string, never>> {
  status: 'success';
  message: string;
  version: string;
  result: T;
  metadata: { requestId: string } & M;
}

export interface ErrorEnvelope {
  status: 'error';
  message: string;
  version: string;
  result: null;
  metadata: { requestId: string; code: ErrorCode; details?: Record<string, unknown> };
}

export interface EnvelopeOptions<M extends object> {
  /** A sentence for people; defaults to `OK`. */
  message?: string;
  /** More metadata next to `requestId` (pagination, source, ...). */
  metadata?: M;
}

/**
 * Wraps a result in the success envelope, taking the request id and the service version from the request.
 * Handlers return this (`return envelope(request, model)`), so the route's response schema still serializes it.
 */
export function envelope<T, M extends object = Record<string, never>>(
  request: FastifyRequest,
  result: T,
  options: EnvelopeOptions<M> = {},
): SuccessEnvelope<T, M> {
  return {
    status: 'success',
    message: options.message ?? 'OK',
    version: serviceVersionOf(request),
    result,
    metadata: { ...(options.metadata as M), requestId: request.id },
  };
}

export function errorEnvelope(request: FastifyRequest, code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorEnvelope {
  return {
    status: 'error',
    message,
    version: serviceVersionOf(request),
    result: null,
    metadata: details === undefined ? { requestId: request.id, code } : { requestId: request.id, code, details },
  };
}

function serviceVersionOf(request: FastifyRequest): string {
  // Framework errors (a bad URL) can arrive before the foundation decorated the instance.
  return (request.server as { serviceVersion?: string }).serviceVersion ?? '0.0.0';
}
