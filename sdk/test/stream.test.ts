import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import {
  createMlHubClient,
  MlHubError,
  parseSse,
  streamInference,
  type InferenceStreamEvent,
  type MlHubClient,
  type SseMessage,
} from '../src/index.js';
import { failure, sendJson, startLoopback, type Loopback } from './loopback.js';

/** A body that arrives in exactly these chunks, to hit every split point. */
function chunked(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const message of parseSse(body)) out.push(message);
  return out;
}

describe('parseSse', () => {
  it('joins multi-line data, skips comments, reads event and id fields', async () => {
    const messages = await collect(
      chunked(': keep-alive\n\n', 'event: token\nid: 7\ndata: first line\ndata:second line\n\n', 'data: {"a":1}\n\n'),
    );
    expect(messages).toEqual([
      { event: 'token', data: 'first line\nsecond line', id: '7' },
      { event: 'message', data: '{"a":1}', id: '7' },
    ]);
  });

  it('handles CRLF and CR line ends, also split across chunks', async () => {
    const messages = await collect(chunked('data: a\r', '\n\r', '\ndata: b\r\rdata: c\n', '\n'));
    expect(messages.map((m) => m.data)).toEqual(['a', 'b', 'c']);
  });

  it('handles a multi-byte character split across chunks', async () => {
    const bytes = new TextEncoder().encode('data: Grüße\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 9)); // splits the two bytes of "ü"
        controller.enqueue(bytes.slice(9));
        controller.close();
      },
    });
    expect((await collect(body)).map((m) => m.data)).toEqual(['Grüße']);
  });

  it('delivers a last event that has no closing blank line, and drops events without data', async () => {
    const messages = await collect(chunked('event: ping\n\n', 'data: last'));
    expect(messages).toEqual([{ event: 'message', data: 'last', id: undefined }]);
  });
});

// The TGI events of a FLAN-T5 answer to "Translate English to German: How old are you?".
const tokens = ['Wie', ' alt', ' sind', ' Sie', '?'];
function tgiEvent(index: number): InferenceStreamEvent {
  const last = index === tokens.length - 1;
  return {
    index,
    token: { id: 100 + index, text: tokens[index] ?? '', logprob: -0.1, special: false },
    generated_text: last ? tokens.join('') : null,
    details: last ? { finish_reason: 'eos_token', generated_tokens: tokens.length, seed: null } : null,
  };
}

describe('streamInference against a loopback hub', () => {
  let hub: Loopback;
  let client: MlHubClient;
  let route: (res: ServerResponse) => void;
  let connectionClosed: Promise<void>;
  let markClosed: () => void;

  const sse = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'req-sse' });
    res.flushHeaders();
  };

  beforeAll(async () => {
    hub = await startLoopback((_req, res) => {
      res.on('close', () => {
        if (!res.writableFinished) markClosed();
      });
      route(res);
    });
    client = createMlHubClient({ baseUrl: hub.url, token: 'tok-sse' });
  });
  beforeEach(() => {
    hub.seen.length = 0;
    connectionClosed = new Promise<void>((resolve) => (markClosed = resolve));
    route = (res) => {
      sse(res);
      res.write(': the hub keeps the connection alive with comments\n\n');
      for (let i = 0; i < tokens.length; i++) res.write(`data: ${JSON.stringify(tgiEvent(i))}\n\n`);
      res.end();
    };
  });
  afterAll(() => hub.close());

  it('asks for a stream and yields every token, the last one with generated_text', async () => {
    const events: InferenceStreamEvent[] = [];
    for await (const event of streamInference(client, 'google/flan-t5-small', {
      inputs: 'Translate English to German: How old are you?',
      parameters: { max_new_tokens: 16 },
    })) {
      events.push(event);
    }
    expect(events.map((e) => e.token.text).join('')).toBe('Wie alt sind Sie?');
    expect(events.at(-1)?.generated_text).toBe('Wie alt sind Sie?');
    expect(events.at(-1)?.details?.finish_reason).toBe('eos_token');
    const request = hub.seen[0];
    expect(request?.rawUrl).toBe('/v3/mlhub/inference/models/google%2Fflan-t5-small/generate');
    expect(request?.headers.accept).toBe('text/event-stream');
    expect(request?.headers['x-tapis-token']).toBe('tok-sse');
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      inputs: 'Translate English to German: How old are you?',
      parameters: { max_new_tokens: 16 },
      stream: true,
    });
  });

  it('stops at [DONE]', async () => {
    route = (res) => {
      sse(res);
      res.write(`data: ${JSON.stringify({ ...tgiEvent(0), generated_text: null })}\n\ndata: [DONE]\n\n`);
      // Never ends: the client must stop by itself at [DONE] and close the connection.
    };
    const events: InferenceStreamEvent[] = [];
    for await (const event of streamInference(client, 'gpt2', { inputs: 'x' })) events.push(event);
    expect(events).toHaveLength(1);
    await connectionClosed;
  });

  it('aborts: the iteration throws the reason and the server sees the connection close', async () => {
    route = (res) => {
      sse(res);
      res.write(`data: ${JSON.stringify(tgiEvent(0))}\n\n`);
      // ...and then the model is slow: nothing more until the client goes away.
    };
    const controller = new AbortController();
    const texts: string[] = [];
    const run = (async () => {
      for await (const event of streamInference(client, 'google/flan-t5-small', { inputs: 'x' }, { signal: controller.signal })) {
        texts.push(event.token.text);
        controller.abort(new Error('user pressed stop'));
      }
    })();
    await expect(run).rejects.toThrow('user pressed stop');
    await connectionClosed;
    expect(texts).toEqual(['Wie']);
  });

  it('closes the connection when the caller breaks out of the loop', async () => {
    route = (res) => {
      sse(res);
      res.write(`data: ${JSON.stringify(tgiEvent(0))}\n\n`);
    };
    for await (const event of streamInference(client, 'google/flan-t5-small', { inputs: 'x' })) {
      expect(event.token.text).toBe('Wie');
      break;
    }
    await connectionClosed;
  });

  it('throws the MlHubError of an error answer (no running server: 409)', async () => {
    route = (res) => sendJson(res, 409, failure('CONFLICT', "No inference server is running for 'google/flan-t5-small'", 'req-409'));
    const run = async () => {
      for await (const event of streamInference(client, 'google/flan-t5-small', { inputs: 'x' })) void event;
    };
    await expect(run()).rejects.toBeInstanceOf(MlHubError);
    await expect(run()).rejects.toMatchObject({ status: 409, code: 'CONFLICT', requestId: 'req-409' });
  });

  it('throws an MlHubError for a TGI error event in the middle of the stream', async () => {
    route = (res) => {
      sse(res);
      res.write(`data: ${JSON.stringify(tgiEvent(0))}\n\n`);
      res.end(`data: ${JSON.stringify({ error: 'Request failed during generation: out of memory', error_type: 'generation' })}\n\n`);
    };
    const texts: string[] = [];
    const run = (async () => {
      for await (const event of streamInference(client, 'google/flan-t5-small', { inputs: 'x' })) texts.push(event.token.text);
    })();
    await expect(run).rejects.toMatchObject({ name: 'MlHubError', code: 'UPSTREAM_ERROR', requestId: 'req-sse' });
    await expect(run).rejects.toThrow(/out of memory/);
    expect(texts).toEqual(['Wie']);
  });

  it('throws an MlHubError when a proxy answers HTML instead of a stream', async () => {
    route = (res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><h1>502 Bad Gateway</h1></html>');
    };
    const run = (async () => {
      for await (const event of streamInference(client, 'gpt2', { inputs: 'x' })) void event;
    })();
    await expect(run).rejects.toMatchObject({ status: 502, code: 'UPSTREAM_ERROR' });
    await expect(run).rejects.toThrow(/non-JSON/);
  });
});
