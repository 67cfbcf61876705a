import { errorStatus, type ErrorCode } from './generated/error-codes.js';
import type { components } from './generated/hub.js';

export { errorStatus, type ErrorCode };
export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

/** Every code of the closed `ErrorCode` list, in the spec's order, for callers that validate or switch exhaustively. */
export const errorCodes = Object.keys(errorStatus) as readonly ErrorCode[];

/**
 * The code of an {@link MlHubError}: a code of the spec's closed `ErrorCode` list (what the hub answers), or
 * `NETWORK_ERROR` (status 0), which only the client can see: no HTTP answer arrived (refused, reset, DNS,
 * TLS, a body cut short). It is not in the spec because the hub never sends it.
 */
export type MlHubErrorCode = ErrorCode | 'NETWORK_ERROR';

/** The fields of an {@link MlHubError}; `message` becomes the error's message. */
export interface MlHubErrorInit {
  /** HTTP status of the answer (0 when there was no HTTP answer). */
  status: number;
  /** Machine code from the closed `ErrorCode` list, or `NETWORK_ERROR` when no answer arrived. */
  code: MlHubErrorCode;
  /** A sentence for people. */
  message: string;
  /** The hub's request id (`metadata.requestId` or the `X-Request-Id` header), when known. */
  requestId?: string | undefined;
  /** The URL that was requested. */
  url?: string | undefined;
  /** The answer's body: the parsed envelope, or the raw text when it was not JSON. */
  body?: unknown;
  /** Machine-readable detail from `metadata.details`. */
  details?: Record<string, unknown> | undefined;
}

/**
 * The one error type of the SDK: an ML Hub error answer (or something in front of the hub answering
 * instead of it). The plain client never throws it; `unwrap`, the pagination and stream helpers and the
 * React hooks do.
 */
export class MlHubError extends Error {
  override readonly name = 'MlHubError';
  readonly status: number;
  readonly code: MlHubErrorCode;
  readonly requestId: string | undefined;
  readonly url: string | undefined;
  readonly body: unknown;
  readonly details: Record<string, unknown> | undefined;

  constructor(init: MlHubErrorInit, options?: { cause?: unknown }) {
    super(init.message, options);
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.url = init.url;
    this.body = init.body;
    this.details = init.details;
  }

  /**
   * Makes the error for an answer that is not a success: from its Tapis envelope when it has one, else
   * from its status (a proxy's HTML 502 page, an empty body). `body` is what openapi-fetch already read
   * (parsed JSON, or the text when it was not JSON); pass nothing to have it read here.
   */
  static async fromResponse(response: Response, body?: unknown): Promise<MlHubError> {
    if (body === undefined && !response.bodyUsed) body = await readBody(response);
    return MlHubError.fromBody(response, body);
  }

  /**
   * The error of a call that got no HTTP answer: `NETWORK_ERROR`, status 0, the fetch failure as `cause`
   * (its own cause, such as `ECONNREFUSED`, named in the message). Aborts are not failures and are never
   * wrapped: see {@link toMlHubError}.
   */
  static network(cause: unknown, url?: string): MlHubError {
    const reason = networkReason(cause);
    return new MlHubError(
      { status: 0, code: 'NETWORK_ERROR', message: `No answer from the hub${url ? ` at ${url}` : ''}: ${reason}`, url },
      { cause },
    );
  }

  /** Synchronous {@link fromResponse} for a body that was already read. */
  static fromBody(response: Response, body: unknown): MlHubError {
    const requestIdHeader = response.headers.get('x-request-id') ?? undefined;
    if (isErrorEnvelope(body)) {
      const metadata = body.metadata;
      return new MlHubError({
        status: response.status,
        code: isErrorCode(metadata.code) ? metadata.code : codeForStatus(response.status),
        message: typeof body.message === 'string' && body.message ? body.message : `HTTP ${response.status}`,
        requestId: typeof metadata.requestId === 'string' ? metadata.requestId : requestIdHeader,
        url: response.url || undefined,
        body,
        details: isRecord(metadata.details) ? metadata.details : undefined,
      });
    }
    const contentType = response.headers.get('content-type') ?? 'no content type';
    const what =
      body === undefined || body === ''
        ? 'an empty body'
        : typeof body === 'string'
          ? `a non-JSON body (${contentType})`
          : 'JSON that is not a Tapis error envelope';
    const statusText = response.statusText ? ` ${response.statusText}` : '';
    return new MlHubError({
      status: response.status,
      code: codeForStatus(response.status),
      message: `HTTP ${response.status}${statusText}: the server answered with ${what}; is a proxy in front of the hub failing?`,
      requestId: requestIdHeader,
      url: response.url || undefined,
      body,
    });
  }
}

/** Whether an error is an abort (the caller's signal, a timeout signal): it travels as it is, never wrapped. */
export function isAbort(error: unknown): boolean {
  // Duck-typed: an AbortError may come from another realm (DOMException of the fetch implementation).
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * The one error type for whatever a call threw: an {@link MlHubError} or an abort as it is, a body that
 * should have been JSON and was not as `UPSTREAM_ERROR`, anything else (fetch's `TypeError: fetch failed`, a
 * connection reset mid-body) as `NETWORK_ERROR` with status 0.
 */
export function toMlHubError(error: unknown, url?: string): unknown {
  if (error instanceof MlHubError || isAbort(error)) return error;
  if (error instanceof SyntaxError) {
    return new MlHubError(
      {
        status: 0,
        code: 'UPSTREAM_ERROR',
        message: `The answer${url ? ` of ${url}` : ''} is not the JSON it declares: ${error.message}`,
        url,
      },
      { cause: error },
    );
  }
  return MlHubError.network(error, url);
}

function networkReason(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const detail = typeof inner?.code === 'string' ? inner.code : typeof inner?.message === 'string' ? inner.message : undefined;
  return detail && !message.includes(detail) ? `${message} (${detail})` : message;
}

/** What openapi-fetch hands back for every call. */
export interface ClientResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * Returns `result` of a success envelope, or throws the {@link MlHubError} of an error answer.
 * Use it on the `{data, error, response}` of any client call: `const model = unwrap(await client.GET(...))`.
 */
export function unwrap<D extends { result: unknown }>(answer: ClientResult<D>): D['result'] {
  return unwrapEnvelope(answer).result;
}

/** Like {@link unwrap}, but returns the whole success envelope (`result` and `metadata`). */
export function unwrapEnvelope<D>(answer: ClientResult<D>): D {
  const { data, error, response } = answer;
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const url = response.url || undefined;
  if (response.status === 304) {
    // Only a conditional request (If-None-Match) gets one; its caller holds the answer, there is none here.
    throw new MlHubError({
      status: 304,
      code: 'BAD_REQUEST',
      message: 'HTTP 304 Not Modified: use the answer cached under this ETag; unwrap has no envelope to return',
      requestId,
      url,
    });
  }
  if (!response.ok || error !== undefined) throw MlHubError.fromBody(response, error);
  if (data === undefined || data === null) {
    throw new MlHubError({
      status: response.status,
      code: 'UPSTREAM_ERROR',
      message: `HTTP ${response.status}: the server answered with an empty body instead of an envelope`,
      requestId,
      url,
    });
  }
  return data;
}

// The first code of each status in the spec's order is what a bare status means (400 is BAD_REQUEST, not
// INVALID_PARAMETER; 503 is SERVICE_UNAVAILABLE, not AUTH_UNAVAILABLE).
const codeOfStatus = new Map<number, ErrorCode>();
for (const code of errorCodes) if (!codeOfStatus.has(errorStatus[code])) codeOfStatus.set(errorStatus[code], code);

/**
 * The code an answer (or an error) that carries only an HTTP status most likely means: the spec's code for
 * that status, `BAD_REQUEST` for any other 4xx, else `otherwise`. For a client, a status outside the
 * contract (a 502 page, a 501) means something in front of the hub answered, hence `UPSTREAM_ERROR`; a
 * service passes `INTERNAL_ERROR`, since an unknown 5xx it raised itself is its own failure.
 */
export function codeForStatus(status: number, otherwise: ErrorCode = 'UPSTREAM_ERROR'): ErrorCode {
  return codeOfStatus.get(status) ?? (status >= 400 && status < 500 ? 'BAD_REQUEST' : otherwise);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Reads a body the way openapi-fetch does: JSON when it parses, else the text. */
async function readBody(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return undefined;
  }
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isErrorEnvelope(body: unknown): body is { message?: unknown; metadata: Record<string, unknown> } {
  return isRecord(body) && isRecord(body.metadata) && typeof body.metadata.code === 'string';
}
