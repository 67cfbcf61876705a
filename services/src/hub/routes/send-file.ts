import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorEnvelope } from '../../common/envelope.js';
import { ApiError } from '../../common/errors.js';
import type { RepoFileAnswer, StoreFileHandle } from '../catalog/types.js';
import { storeFileType } from '../sources/card-image.js';
import { etagMatches } from './etag.js';

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * One `bytes=` range of RFC 9110; anything else (several ranges, another unit, garbage) is ignored and
 * the whole file is sent, as the RFC allows.
 */
function parseRange(header: string | undefined, size: number): Range {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/**
 * RFC 9110 `If-Range`: a range counts only while the client's validator is this file's current (strong) tag.
 * A stale tag, or a date (we send no Last-Modified to compare it with), gets the whole file, so a resumed
 * download never splices two versions of it.
 */
function rangeApplies(ifRange: string | string[] | undefined, etag: string): boolean {
  return ifRange === undefined || (typeof ifRange === 'string' && ifRange.trim() === etag);
}

/**
 * Streams one store file with `ETag`, `X-Content-Sha256`, `Content-Length` and `Accept-Ranges`, answering
 * `If-None-Match` with 304 and one `Range` with 206 (416 when outside the file), unless `If-Range` is stale. The catalog resolved the
 * real path inside the store; it is opened with O_NOFOLLOW so a symlink swapped in afterwards is refused.
 */
async function sendStoreFile(request: FastifyRequest, reply: FastifyReply, file: StoreFileHandle): Promise<FastifyReply> {
  reply.header('ETag', file.etag).header('Accept-Ranges', 'bytes');
  if (etagMatches(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
  let handle: FileHandle;
  try {
    handle = await open(file.absolutePath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    throw new ApiError('NOT_FOUND', `File '${file.path}' of ${file.kind} '${file.id}' not found`);
  }
  let handed = false;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ApiError('NOT_FOUND', `File '${file.path}' of ${file.kind} '${file.id}' not found`);
    const range = rangeApplies(request.headers['if-range'], file.etag) ? parseRange(request.headers.range, stat.size) : null;
    if (range === 'unsatisfiable') {
      // Written here rather than thrown: the answer needs Content-Range beside the envelope.
      const message = `Range ${request.headers.range ?? ''} is outside the file (${stat.size} bytes)`;
      request.log.info({ code: 'RANGE_NOT_SATISFIABLE', status: 416 }, message);
      return await reply
        .code(416)
        .header('Content-Range', `bytes */${stat.size}`)
        .type('application/json; charset=utf-8')
        .send(errorEnvelope(request, 'RANGE_NOT_SATISFIABLE', message, { parameter: 'Range', size: stat.size }));
    }
    reply.header('X-Content-Sha256', await file.sha256());
    const start = range ? range.start : 0;
    const end = range ? range.end : stat.size - 1;
    const length = Math.max(0, end - start + 1);
    reply.type(storeFileType(file.path)).header('Content-Length', String(length));
    if (range) reply.code(206).header('Content-Range', `bytes ${start}-${end}/${stat.size}`);
    if (length === 0) return await reply.send(Buffer.alloc(0));
    const stream = handle.createReadStream({ start, end });
    handed = true;
    return await reply.send(stream);
  } finally {
    if (!handed) await handle.close();
  }
}

/**
 * A `resolve` answer: a store file streamed, or a Hugging Face card image from memory with its type, `nosniff`,
 * a cache header and its weak ETag (304 when it still holds). SVG goes out as an attachment of bytes.
 */
export async function sendRepoFile(request: FastifyRequest, reply: FastifyReply, answer: RepoFileAnswer): Promise<FastifyReply> {
  if ('store' in answer) return sendStoreFile(request, reply, answer.store);
  const { image, etag } = answer;
  reply
    .header('ETag', etag)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', answer.immutable ? 'private, max-age=31536000, immutable' : 'private, max-age=300');
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  const bytes = Buffer.from(image.base64, 'base64');
  if (image.attachment) reply.header('Content-Disposition', 'attachment');
  return reply.type(image.type).header('Content-Length', String(bytes.length)).send(bytes);
}
