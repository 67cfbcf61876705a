import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Download, FacetsResult, ItemResult, ListPage } from '../catalog/types.js';
import { envelopeBody, sendEnvelopeBody } from './cached-json.js';
import type { HubContext } from './context.js';
import { etagMatches } from './etag.js';

/** Links the catalog writes relative to this hub become absolute: the spec's `url` is `format: uri`. */
export function absoluteLinks(download: Download, baseUrl: string): Download {
  return { ...download, files: download.files.map((f) => (f.url.startsWith('/') ? { ...f, url: `${baseUrl}${f.url}` } : f)) };
}

/** How the handlers of catalog answers reply: ETag and 304 where the spec declares them, the body from the serialised cache. */
export interface CatalogAnswers {
  page(request: FastifyRequest, reply: FastifyReply, page: ListPage<unknown>, message: string): FastifyReply;
  facets(request: FastifyRequest, reply: FastifyReply, facets: FacetsResult<unknown>, message: string): FastifyReply;
  item(request: FastifyRequest, reply: FastifyReply, found: ItemResult<unknown>, message: string): FastifyReply;
  /** A download answer, its store links made absolute on this hub's link origin. */
  download(request: FastifyRequest, reply: FastifyReply, found: ItemResult<Download>, message: string): FastifyReply;
}

export function catalogAnswers(ctx: HubContext): CatalogAnswers {
  // Whether an operation's spec declares a 304: then its answer carries an ETag and honours If-None-Match.
  const conditional = new Set(
    [...ctx.spec.operations.values()].filter((op) => Object.hasOwn(op.raw['responses'] ?? {}, '304')).map((op) => op.operationId),
  );
  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    etag: string,
    result: unknown,
    message: string,
    metadata: Record<string, unknown>,
    /** The catalog's answer the result and metadata come from. */
    answer: object,
    /** What else the body depends on besides the catalog's tag (the origin written into links). */
    variant = '',
  ): FastifyReply => {
    const operationId = request.routeOptions.config.operationId ?? '';
    if (conditional.has(operationId)) {
      reply.header('ETag', etag);
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    }
    return sendEnvelopeBody(reply, envelopeBody(request, `${operationId}\u0000${etag}\u0000${variant}`, result, message, metadata, answer));
  };
  return {
    page(request, reply, page, message) {
      const { items, etag, ...metadata } = page;
      return send(request, reply, etag, items, message, metadata, page);
    },
    facets(request, reply, facets, message) {
      return send(request, reply, facets.etag, facets.facets, message, { partial: facets.partial, sources: facets.sources }, facets);
    },
    item(request, reply, found, message) {
      return send(request, reply, found.etag, found.result, message, { source: found.source, stale: found.stale }, found);
    },
    download(request, reply, found, message) {
      const baseUrl = ctx.baseUrl(request);
      const metadata = { source: found.source, stale: found.stale };
      return send(request, reply, found.etag, absoluteLinks(found.result, baseUrl), message, metadata, found, baseUrl);
    },
  };
}
