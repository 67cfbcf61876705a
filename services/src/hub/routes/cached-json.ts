import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { envelope } from '../../common/envelope.js';

/** Finished bodies of one cached answer kept for reuse; more in flight at once are allocated and dropped. */
const SPARES = 4;

interface CachedBody {
  /** The envelope's UTF-8 JSON up to the request id. */
  head: Buffer;
  /** Bodies whose answer has gone out: they start with `head` already, so reuse writes only the id. */
  spares: Buffer[];
}

// Serialising a 100-item page costs more than finding it, and copying it into a fresh buffer for every answer
// cost more than the rest of the request: an answer whose content tag is unchanged is serialised and encoded
// once, and a body whose answer went out is reused with only the next request id written into it.
const bodies = new LRUCache<string, CachedBody>({
  max: 2000,
  maxSize: 128 * 1024 * 1024,
  sizeCalculation: (b) => (b.head.length || 1) * (1 + SPARES),
});

export interface EnvelopeBody {
  bytes: Buffer;
  /** The bytes went out (the reply finished): they may be reused for a later answer. */
  release(): void;
}

/**
 * The UTF-8 JSON of `envelope(request, result, {message, metadata})`, from a cache keyed by `key` (the
 * operation and the catalog's entity tag) plus the metadata itself. Byte for byte what JSON.stringify of the
 * envelope gives, `requestId` last in `metadata`.
 */
export function envelopeBody(
  request: FastifyRequest,
  key: string,
  result: unknown,
  message: string,
  metadata: Record<string, unknown>,
): EnvelopeBody {
  const cacheKey = `${key}\u0000${message}\u0000${JSON.stringify(metadata)}`;
  let cached = bodies.get(cacheKey);
  if (cached === undefined) {
    const whole = envelope(request, result, { message, metadata });
    const text = JSON.stringify({ ...whole, metadata: { ...whole.metadata, requestId: '' } });
    // Cut at the empty request id the text ends with: `..."requestId":""}}`.
    cached = { head: Buffer.from(text.slice(0, text.length - '""}}'.length)), spares: [] };
    bodies.set(cacheKey, cached);
  }
  const { head, spares } = cached;
  const tail = `${JSON.stringify(request.id)}}}`;
  const length = head.length + Buffer.byteLength(tail);
  const spare = spares.findIndex((b) => b.length === length);
  let bytes: Buffer;
  if (spare >= 0) {
    bytes = spares.splice(spare, 1)[0]!;
  } else {
    bytes = Buffer.allocUnsafeSlow(length);
    head.copy(bytes);
  }
  bytes.write(tail, head.length, 'utf8');
  return {
    bytes,
    release: () => {
      if (spares.length < SPARES) spares.push(bytes);
    },
  };
}

/** Sends the body as JSON; once the reply has finished writing, the body may serve a later request. */
export function sendEnvelopeBody(reply: FastifyReply, body: EnvelopeBody): FastifyReply {
  reply.raw.once('finish', body.release);
  return reply.type('application/json; charset=utf-8').send(body.bytes);
}
