import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { envelope } from '../../common/envelope.js';

/**
 * Finished bodies kept for reuse: at most this many per cached answer (one per connection of a busy client set)
 * and at most SPARE_BYTES over all. A body in flight when none is spare is allocated, then kept or dropped.
 * Four per answer were too few: with 50 connections asking at once, most answers allocated a fresh body and
 * copied the whole head (75 KB for a 100-item page) into it.
 */
const SPARES = 128;
const SPARE_BYTES = 64 * 1024 * 1024;
let spareBytes = 0;

interface CachedBody {
  /** The envelope's UTF-8 JSON up to the request id. */
  head: Buffer;
  /** Bodies whose answer has gone out: they start with `head` already, so reuse writes only the id. */
  spares: Buffer[];
  /** Dropped from the cache: bodies finishing later are not kept. */
  evicted: boolean;
}

// Serialising a 100-item page costs more than finding it, and copying it into a fresh buffer for every answer
// cost more than the rest of the request: an answer whose content tag is unchanged is serialised and encoded
// once, and a body whose answer went out is reused with only the next request id written into it.
const bodies = new LRUCache<string, CachedBody>({
  max: 2000,
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (b) => b.head.length || 1,
  dispose: (b) => {
    b.evicted = true;
    for (const spare of b.spares) spareBytes -= spare.length;
    b.spares.length = 0;
  },
});

// The cache key of a frozen answer (a remembered catalog answer, shared by every request asking the same) is
// worked out once: building it stringifies the metadata, and a fresh key string is hashed again at each lookup.
const keysOfAnswer = new WeakMap<object, { key: string; cacheKey: string }>();

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
  /** The frozen answer `result` and `metadata` were taken from, if any: its key is remembered with it. */
  answer?: object,
): EnvelopeBody {
  const known = answer === undefined ? undefined : keysOfAnswer.get(answer);
  let cacheKey: string;
  if (known !== undefined && known.key === key) {
    cacheKey = known.cacheKey;
  } else {
    cacheKey = `${key}\u0000${message}\u0000${JSON.stringify(metadata)}`;
    if (answer !== undefined && Object.isFrozen(answer)) keysOfAnswer.set(answer, { key, cacheKey });
  }
  let cached = bodies.get(cacheKey);
  if (cached === undefined) {
    const whole = envelope(request, result, { message, metadata });
    const text = JSON.stringify({ ...whole, metadata: { ...whole.metadata, requestId: '' } });
    // Cut at the empty request id the text ends with: `..."requestId":""}}`.
    cached = { head: Buffer.from(text.slice(0, text.length - '""}}'.length)), spares: [], evicted: false };
    bodies.set(cacheKey, cached);
  }
  const entry = cached;
  const { head, spares } = entry;
  const tail = `${JSON.stringify(request.id)}}}`;
  const length = head.length + Buffer.byteLength(tail);
  const spare = spares.findIndex((b) => b.length === length);
  let bytes: Buffer;
  if (spare >= 0) {
    bytes = spares[spare]!;
    spares[spare] = spares[spares.length - 1]!;
    spares.pop();
    spareBytes -= length;
  } else {
    bytes = Buffer.allocUnsafeSlow(length);
    head.copy(bytes);
  }
  bytes.write(tail, head.length, 'utf8');
  return {
    bytes,
    release: () => {
      if (entry.evicted || spares.length >= SPARES || spareBytes + length > SPARE_BYTES) return;
      spares.push(bytes);
      spareBytes += length;
    },
  };
}

/** Sends the body as JSON; once the reply has finished writing, the body may serve a later request. */
export function sendEnvelopeBody(reply: FastifyReply, body: EnvelopeBody): FastifyReply {
  reply.raw.once('finish', () => body.release());
  return reply.type('application/json; charset=utf-8').send(body.bytes);
}
