import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { envelope } from '../../common/envelope.js';
import { ApiError, type ErrorCode } from '../../common/errors.js';
import type { ServerRow } from './state.js';

export interface InferenceBody {
  inputs: string;
  parameters?: Record<string, unknown>;
  stream?: boolean;
}

interface TgiAnswer {
  generated_text?: unknown;
  details?: { finish_reason?: unknown; generated_tokens?: unknown; input_length?: unknown } | null;
}

/** A server's error status as the hub's error code: a 422 stays a 422 with the server's message. */
const CODE_OF: Record<number, ErrorCode> = {
  400: 'INVALID_PARAMETER',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

async function upstreamError(response: Response, modelId: string): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let said: string | null = null;
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    said = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : null;
  } catch {
    // not JSON: the status alone speaks
  }
  const retryAfter = response.headers.get('retry-after');
  const headers = retryAfter && /^\d{1,5}$/.test(retryAfter) ? { 'Retry-After': retryAfter } : undefined;
  const code = CODE_OF[response.status];
  if (code) return new ApiError(code, said ?? `The inference server answered ${response.status}`, undefined, headers ? { headers } : {});
  // 401/403 from the server mean the hub and it disagree on keys: the hub's fault, not the user's.
  return new ApiError('UPSTREAM_ERROR', `The inference server for '${modelId}' answered ${response.status}${said ? `: ${said}` : ''}`);
}

/**
 * The server's events passed on whole, as they come. When its stream breaks (the process died, the server was
 * deleted), the partial event is dropped and the stream ends with an error event as TGI ends a failed stream,
 * `{error, error_type}`, so the client reads a clean end and a reason, not a cut chunked body.
 */
async function* wholeEvents(source: Readable, modelId: string, clientGone: () => boolean): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  try {
    for await (const chunk of source) {
      pending += decoder.write(chunk as Buffer);
      const end = pending.lastIndexOf('\n\n');
      if (end >= 0) {
        yield pending.slice(0, end + 2);
        pending = pending.slice(end + 2);
      }
    }
    pending += decoder.end();
    if (pending) yield pending;
  } catch {
    if (clientGone()) return;
    const error = `The inference server for '${modelId}' stopped before the answer was complete; try again`;
    yield `data: ${JSON.stringify({ error, error_type: 'generation' })}\n\n`;
  }
}

/** True when the request wants SSE: `stream: true`, or an Accept of only `text/event-stream`. */
function wantsStream(request: FastifyRequest, body: InferenceBody): boolean {
  if (body.stream === true) return true;
  const accept = request.headers.accept ?? '';
  return /text\/event-stream/.test(accept) && !/application\/json|\*\/\*/.test(accept);
}

/** A finished generation, as the hub's operations answer it. */
interface Generated {
  modelId: string;
  generatedText: string;
  details: { finishReason: 'length' | 'stop_sequence' | 'eos_token'; generatedTokens: number; inputTokens?: number };
}

/** How an operation answers a finished generation: `runInference` as is; the legacy route in its own shape. */
export interface Presentation {
  /** Never a stream, whatever the request accepts (the legacy route answers JSON only). */
  jsonOnly?: boolean;
  present?(generated: Generated): { result: unknown; message: string };
}

/**
 * Runs the request on the model's server with the user's own token (the server verifies it too): JSON
 * answers wrapped in the envelope; streams passed through event by event as they come. A client that goes
 * away aborts the upstream request, so the server stops generating.
 */
export async function proxyInference(
  request: FastifyRequest,
  reply: FastifyReply,
  server: ServerRow,
  body: InferenceBody,
  token: string,
  timeoutMs: number,
  presentation: Presentation = {},
): Promise<unknown> {
  const stream = !presentation.jsonOnly && wantsStream(request, body);
  const abort = new AbortController();
  const onClose = (): void => {
    if (!reply.raw.writableFinished) abort.abort(new Error('client went away'));
  };
  reply.raw.on('close', onClose);
  const timer = setTimeout(() => abort.abort(new Error('timeout')), timeoutMs);
  timer.unref();
  let response: Response;
  try {
    response = await fetch(`${server.endpoint}/${stream ? 'generate_stream' : 'generate'}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: stream ? 'text/event-stream' : 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': request.id,
      },
      body: JSON.stringify({ inputs: body.inputs, parameters: { ...body.parameters, details: true } }),
      signal: abort.signal,
    });
  } catch (error) {
    clearTimeout(timer);
    reply.raw.off('close', onClose);
    if (abort.signal.reason instanceof Error && abort.signal.reason.message === 'timeout') {
      throw new ApiError('UPSTREAM_TIMEOUT', `The inference server for '${server.modelId}' did not answer within ${timeoutMs} ms`);
    }
    throw new ApiError('UPSTREAM_ERROR', `The inference server for '${server.modelId}' could not be reached`, undefined, { cause: error });
  }
  if (!response.ok) {
    clearTimeout(timer);
    reply.raw.off('close', onClose);
    throw await upstreamError(response, server.modelId);
  }
  if (stream) {
    // The whole generation may take long: only the wait for the first byte is bounded.
    clearTimeout(timer);
    const source = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
    source.on('error', () => undefined);
    reply.raw.on('close', () => source.destroy());
    reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache').header('x-accel-buffering', 'no');
    return reply.send(Readable.from(wholeEvents(source, server.modelId, () => abort.signal.aborted)));
  }
  let answer: TgiAnswer;
  try {
    answer = (await response.json()) as TgiAnswer;
  } catch (error) {
    throw new ApiError('UPSTREAM_ERROR', `The inference server for '${server.modelId}' answered garbage`, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
    reply.raw.off('close', onClose);
  }
  if (typeof answer.generated_text !== 'string')
    throw new ApiError('UPSTREAM_ERROR', `The inference server for '${server.modelId}' answered without generated_text`);
  const details = answer.details ?? {};
  const finish = details.finish_reason;
  const generated: Generated = {
    modelId: server.modelId,
    generatedText: answer.generated_text,
    details: {
      finishReason: finish === 'length' || finish === 'stop_sequence' ? finish : 'eos_token',
      generatedTokens: typeof details.generated_tokens === 'number' ? details.generated_tokens : 0,
      ...(typeof details.input_length === 'number' ? { inputTokens: details.input_length } : {}),
    },
  };
  const { result, message } = presentation.present?.(generated) ?? { result: generated, message: 'Inference done' };
  return envelope(request, result, { message });
}
