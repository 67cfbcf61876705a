import type { MlHubClient } from './client.js';
import { MlHubError, toMlHubError } from './errors.js';
import type { components } from './generated/hub.js';
import { parseSse } from './sse.js';

export type GenerationParameters = components['schemas']['GenerationParameters'];

/** The body of `runInference`; fields the hub defaults (`stream`, `parameters.max_new_tokens`) are optional. */
export type InferenceRequest = components['schemas']['InferenceRequest'];

/** The request body with `stream` set the way the caller (JSON answer or SSE stream) needs it. */
export function runInferenceBody(request: InferenceRequest, stream: boolean): InferenceRequest {
  return { ...request, stream };
}

/** One token event of an inference stream, as Text Generation Inference (TGI) writes it. */
export interface InferenceStreamEvent {
  /** Position of the token in the generated sequence. */
  index?: number;
  token: {
    id: number;
    text: string;
    logprob: number;
    /** Special tokens (end of sequence, padding) are not part of the text. */
    special: boolean;
  };
  /** The whole generated text; set on the last event only. */
  generated_text: string | null;
  /** Set on the last event only. */
  details: {
    // `string & Record<never, never>` keeps the known reasons suggested while any other string is allowed.
    finish_reason: 'length' | 'eos_token' | 'stop_sequence' | (string & Record<never, never>);
    generated_tokens: number;
    seed?: number | null;
    [key: string]: unknown;
  } | null;
}

export interface StreamInferenceOptions {
  /** Stops the stream: the connection is closed and the iteration throws the signal's reason. */
  signal?: AbortSignal;
}

const RUN_INFERENCE = '/v3/mlhub/inference/models/{modelId}/generate';

/**
 * Runs inference as a Server-Sent Events stream and yields its token events; the last one carries
 * `generated_text`. An error answer, an error event in the stream, or a body that is not an event stream
 * throws an {@link MlHubError}. Leaving the loop early (break) or aborting the signal closes the connection,
 * which tells the hub to stop generating.
 *
 * ```ts
 * for await (const event of streamInference(client, 'google/flan-t5-small', { inputs: 'Translate to German: Hi' })) {
 *   process.stdout.write(event.token.text);
 * }
 * ```
 */
export async function* streamInference(
  client: MlHubClient,
  modelId: string,
  request: InferenceRequest,
  options: StreamInferenceOptions = {},
): AsyncGenerator<InferenceStreamEvent, void, undefined> {
  const { signal } = options;
  signal?.throwIfAborted();
  const { data, error, response } = await client.POST(RUN_INFERENCE, {
    params: { path: { modelId } },
    body: runInferenceBody(request, true),
    headers: { Accept: 'text/event-stream' },
    parseAs: 'stream',
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || error !== undefined) throw MlHubError.fromBody(response, error);
  const contentType = response.headers.get('content-type') ?? '';
  if (!data || !contentType.includes('text/event-stream')) {
    await data?.cancel().catch(() => undefined);
    throw streamError(response, `expected an event stream, got ${contentType || 'no content type'}`);
  }
  try {
    for await (const message of parseSse(data)) {
      if (message.data === '[DONE]') return;
      let event: unknown;
      try {
        event = JSON.parse(message.data);
      } catch {
        throw streamError(response, `an event is not JSON: ${message.data.slice(0, 200)}`, message.data);
      }
      if (message.event === 'error' || isErrorEvent(event)) throw streamEventError(response, event);
      yield event as InferenceStreamEvent;
      if ((event as InferenceStreamEvent).generated_text != null) return;
    }
  } catch (cause) {
    // Aborting makes the pending read reject with a generic AbortError; the caller expects its own reason.
    if (signal?.aborted) throw signal.reason;
    // A connection reset mid-stream rejects the read with a bare TypeError.
    throw toMlHubError(cause, response.url || undefined);
  }
}

function isErrorEvent(event: unknown): event is { error: unknown } {
  return typeof event === 'object' && event !== null && 'error' in event && !('token' in event);
}

/** TGI writes `{"error", "error_type"}`; the hub may write its error envelope. */
function streamEventError(response: Response, event: unknown): MlHubError {
  if (typeof event === 'object' && event !== null && 'metadata' in event) return MlHubError.fromBody(response, event);
  const record = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const reason = typeof record.error === 'string' ? record.error : JSON.stringify(event);
  const kind = typeof record.error_type === 'string' ? ` (${record.error_type})` : '';
  return streamError(response, `the inference server failed mid-stream${kind}: ${reason}`, event);
}

function streamError(response: Response, what: string, body?: unknown): MlHubError {
  return new MlHubError({
    status: response.status,
    code: 'UPSTREAM_ERROR',
    message: `Inference stream: ${what}`,
    requestId: response.headers.get('x-request-id') ?? undefined,
    url: response.url || undefined,
    body,
  });
}
