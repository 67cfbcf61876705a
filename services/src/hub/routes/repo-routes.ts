import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { envelope } from '../../common/envelope.js';
import { ApiError } from '../../common/errors.js';
import type { Catalog, Download, ItemResult, ListPage, RepoKind } from '../catalog/types.js';
import { parseIdPath, rawPathAfter } from '../ids.js';
import { modelSnippets } from '../snippets.js';
import { specRoute, specWildcardRoute, type HubContext } from './context.js';
import { envelopeBody, sendEnvelopeBody } from './cached-json.js';
import { etagMatches } from './etag.js';
import { sendStoreFile } from './send-file.js';

type Json = Record<string, unknown>;
type Suffix = 'card' | 'files' | 'download' | 'resolve' | 'snippets';

/** The operations of one kind of repository (models or datasets) and the catalog calls behind them. */
interface RepoApi {
  kind: RepoKind;
  /** `models` or `datasets`, as in the paths. */
  plural: string;
  /** `Model` or `Dataset`, for messages. */
  noun: string;
  ops: { list: string; facets: string; get: string; card: string; files: string; download: string; resolve: string; snippets?: string };
  list(catalog: Catalog, query: Json): Promise<ListPage<unknown>>;
  facets(catalog: Catalog, filters: Json): Promise<{ facets: unknown; partial: boolean; sources: unknown[]; etag: string }>;
  get(catalog: Catalog, id: string): Promise<ItemResult<unknown>>;
  card(catalog: Catalog, id: string, revision?: string): Promise<ItemResult<unknown>>;
  files(catalog: Catalog, id: string, revision?: string): Promise<ItemResult<unknown>>;
  download(catalog: Catalog, id: string, revision?: string): Promise<ItemResult<Download>>;
}

export const MODEL_API: RepoApi = {
  kind: 'model',
  plural: 'models',
  noun: 'Model',
  ops: {
    list: 'listModels',
    facets: 'getModelFacets',
    get: 'getModel',
    card: 'getModelCard',
    files: 'listModelFiles',
    download: 'getModelDownload',
    resolve: 'downloadModelFile',
    snippets: 'getModelSnippets',
  },
  list: (c, q) => c.listModels(q),
  facets: (c, f) => c.modelFacets(f),
  get: (c, id) => c.getModel(id),
  card: (c, id, r) => c.getModelCard(id, r),
  files: (c, id, r) => c.listModelFiles(id, r),
  download: (c, id, r) => c.getModelDownload(id, r),
};

export const DATASET_API: RepoApi = {
  kind: 'dataset',
  plural: 'datasets',
  noun: 'Dataset',
  ops: {
    list: 'listDatasets',
    facets: 'getDatasetFacets',
    get: 'getDataset',
    card: 'getDatasetCard',
    files: 'listDatasetFiles',
    download: 'getDatasetDownload',
    resolve: 'downloadDatasetFile',
  },
  list: (c, q) => c.listDatasets(q),
  facets: (c, f) => c.datasetFacets(f),
  get: (c, id) => c.getDataset(id),
  card: (c, id, r) => c.getDatasetCard(id, r),
  files: (c, id, r) => c.listDatasetFiles(id, r),
  download: (c, id, r) => c.getDatasetDownload(id, r),
};

/** Links the catalog writes relative to this hub become absolute: the spec's `url` is `format: uri`. */
export function absoluteLinks(download: Download, baseUrl: string): Download {
  return { ...download, files: download.files.map((f) => (f.url.startsWith('/') ? { ...f, url: `${baseUrl}${f.url}` } : f)) };
}

/**
 * Registers the list, facets and per-id operations of one kind. Per-id operations share one wildcard
 * route whose handler parses the id itself (see `../ids.ts`), so ids work raw and percent-encoded.
 */
export function registerRepoRoutes(app: FastifyInstance, ctx: HubContext, api: RepoApi): void {
  const prefix = `/v3/mlhub/${api.plural}/`;
  // Whether an operation's spec declares a 304: then its answer carries an ETag and honours If-None-Match.
  const conditionalOps = new Set(
    Object.values(api.ops).filter((operationId) => Object.hasOwn((ctx.spec.operation(operationId).raw['responses'] ?? {}) as Json, '304')),
  );
  const conditional = (operationId: string): boolean => conditionalOps.has(operationId);

  // An answer the catalog tagged: ETag and 304 where the spec declares them, the body from the serialised cache.
  const reply = (
    request: FastifyRequest,
    res: FastifyReply,
    operationId: string,
    etag: string,
    result: unknown,
    message: string,
    metadata: Record<string, unknown>,
    /** What else the body depends on besides the catalog's tag (the origin written into links). */
    variant: string,
    /** The catalog's answer the result and metadata come from. */
    answer: object,
  ): FastifyReply => {
    if (conditional(operationId)) {
      res.header('ETag', etag);
      if (etagMatches(request.headers['if-none-match'], etag)) return res.code(304).send();
    }
    return sendEnvelopeBody(res, envelopeBody(request, `${operationId}\u0000${etag}\u0000${variant}`, result, message, metadata, answer));
  };

  specRoute(app, ctx, api.ops.list, `/v3/mlhub/${api.plural}`, async (request, res) => {
    const page = await api.list(ctx.catalog, ctx.query(api.ops.list, request));
    const { items, etag, ...metadata } = page;
    return reply(request, res, api.ops.list, etag, items, `${api.noun}s retrieved`, metadata, '', page);
  });

  specRoute(app, ctx, api.ops.facets, `/v3/mlhub/facets/${api.plural}`, async (request, res) => {
    const facets = await api.facets(ctx.catalog, ctx.query(api.ops.facets, request));
    const metadata = { partial: facets.partial, sources: facets.sources };
    return reply(request, res, api.ops.facets, facets.etag, facets.facets, `${api.noun} facets retrieved`, metadata, '', facets);
  });

  const suffixes: Suffix[] = ['card', 'files', 'download', 'resolve', ...(api.ops.snippets ? (['snippets'] as const) : [])];
  const perId = [api.ops.get, api.ops.card, api.ops.files, api.ops.download, api.ops.resolve, ...(api.ops.snippets ? [api.ops.snippets] : [])];
  specWildcardRoute(app, ctx, perId, `${prefix}*`, async (request, res) => {
    const { id, suffix } = parseIdPath(rawPathAfter(request.url, prefix), suffixes, api.kind);
    const item = (found: ItemResult<unknown>, operationId: string, message: string, result: unknown = found.result, variant = ''): FastifyReply =>
      reply(request, res, operationId, found.etag, result, message, { source: found.source, stale: found.stale }, variant, found);

    switch (suffix) {
      case null: {
        ctx.query(api.ops.get, request);
        return item(await api.get(ctx.catalog, id), api.ops.get, `${api.noun} retrieved`);
      }
      case 'card': {
        const q = ctx.query(api.ops.card, request);
        return item(await api.card(ctx.catalog, id, q['revision'] as string | undefined), api.ops.card, `${api.noun} card retrieved`);
      }
      case 'files': {
        const q = ctx.query(api.ops.files, request);
        return item(await api.files(ctx.catalog, id, q['revision'] as string | undefined), api.ops.files, `${api.noun} files retrieved`);
      }
      case 'download': {
        const q = ctx.query(api.ops.download, request);
        const found = await api.download(ctx.catalog, id, q['revision'] as string | undefined);
        const baseUrl = ctx.baseUrl(request);
        return item(found, api.ops.download, 'Download links retrieved', absoluteLinks(found.result, baseUrl), baseUrl);
      }
      case 'resolve': {
        const q = ctx.query(api.ops.resolve, request);
        const file = await ctx.catalog.resolveStoreFile(api.kind, id, q['path'] as string);
        return sendStoreFile(request, res, file);
      }
      case 'snippets': {
        ctx.query(api.ops.snippets as string, request);
        const found = await ctx.catalog.getModel(id);
        return res.send(envelope(request, modelSnippets(found.result, ctx.baseUrl(request)), { message: 'Snippets retrieved' }));
      }
      default:
        throw new ApiError('NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0] ?? ''} not found`);
    }
  });
}
