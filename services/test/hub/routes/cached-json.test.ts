import { describe, expect, it } from '@jest/globals';
import type { FastifyRequest } from 'fastify';
import { envelope } from '../../../src/common/envelope.js';
import { envelopeBody } from '../../../src/hub/routes/cached-json.js';

const requestWithId = (id: string): FastifyRequest => ({ id, server: { serviceVersion: '9.9.9' } }) as unknown as FastifyRequest;

describe('envelopeBody (the serialised-answer cache)', () => {
  it('writes exactly what JSON.stringify of the envelope writes, each request with its own id', () => {
    const result = [{ id: 'google/flan-t5-small', downloads: 1 }];
    const metadata = { limit: 1, total: 1, nextCursor: null, partial: false, sources: [{ source: 'snapshot', ok: true }] };
    for (const id of ['req-1', 'req-2', 'a"quote\\id']) {
      const request = requestWithId(id);
      expect(envelopeBody(request, 'listModels\u0000W/"tag"', result, 'Models retrieved', metadata).bytes.toString('utf8')).toBe(
        JSON.stringify(envelope(request, result, { message: 'Models retrieved', metadata })),
      );
    }
  });

  it('keys on the metadata too, so a changed source status is never served from an older body', () => {
    const request = requestWithId('r');
    const ok = envelopeBody(request, 'k', [], 'm', { partial: false });
    const partial = envelopeBody(request, 'k', [], 'm', { partial: true });
    expect(JSON.parse(ok.bytes.toString('utf8')).metadata.partial).toBe(false);
    expect(JSON.parse(partial.bytes.toString('utf8')).metadata.partial).toBe(true);
  });

  it('reuses a body only once its answer went out, rewriting the request id in it', () => {
    const result = [{ id: 'gpt2' }];
    const first = envelopeBody(requestWithId('aaaa'), 'reuse', result, 'm', {});
    const during = envelopeBody(requestWithId('bbbb'), 'reuse', result, 'm', {});
    expect(during.bytes).not.toBe(first.bytes);
    expect(JSON.parse(first.bytes.toString('utf8')).metadata.requestId).toBe('aaaa');
    first.release();
    const after = envelopeBody(requestWithId('cccc'), 'reuse', result, 'm', {});
    expect(after.bytes).toBe(first.bytes);
    expect(JSON.parse(after.bytes.toString('utf8')).metadata.requestId).toBe('cccc');
    expect(JSON.parse(during.bytes.toString('utf8')).metadata.requestId).toBe('bbbb');
  });
});
