import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorEnvelope } from '../../common/envelope.js';
import { ApiError } from '../../common/errors.js';
import type { StoreFileHandle } from '../catalog/types.js';
import { etagMatches } from './etag.js';

type Range = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * Raster images go out as what they are, so a card's image shows in the page; everything else, SVG included
 * (a document that can hold script), as bytes to save. `X-Content-Type-Options: nosniff` keeps it that way.
 */
const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

function contentType(filePath: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(filePath)?.[1]?.toLowerCase() ?? '';
  return IMAGE_TYPES[extension] ?? 'application/octet-stream';
}

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
export async function sendStoreFile(request: FastifyRequest, reply: FastifyReply, file: StoreFileHandle): Promise<FastifyReply> {
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
    reply.type(contentType(file.path)).header('Content-Length', String(length));
    if (range) reply.code(206).header('Content-Range', `bytes ${start}-${end}/${stat.size}`);
    if (length === 0) return await reply.send(Buffer.alloc(0));
    const stream = handle.createReadStream({ start, end });
    handed = true;
    return await reply.send(stream);
  } finally {
    if (!handed) await handle.close();
  }
}
