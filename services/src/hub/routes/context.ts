import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Catalog, SourceName } from '../catalog/types.js';
import { queryValidators, type QueryValidator } from './query.js';
import type { HubSpec } from './spec.js';

type Json = Record<string, unknown>;

/** What every route plugin of the hub reads: the catalog, the spec and a few settings. */
export interface HubContext {
  catalog: Catalog;
  spec: HubSpec;
  /** Enabled catalog sources, for `getVersion`. */
  sources: SourceName[];
  /** Base of Hugging Face links (`https://huggingface.co`). */
  huggingfaceUrl: string;
  /** This hub's public origin for links it writes; empty: the origin the request came to. */
  publicUrl: string;
  /** Operation ids that have a route, so a test can hold them equal to the spec. */
  served: Set<string>;
  query(operationId: string, request: FastifyRequest): Json;
  baseUrl(request: FastifyRequest): string;
}

export function createHubContext(options: Omit<HubContext, 'served' | 'query' | 'baseUrl'>): HubContext {
  const validators: Map<string, QueryValidator> = queryValidators(options.spec.operations.values());
  // Clients repeat a few query strings; each one's validated value is kept (frozen: requests share it).
  const validated = new LRUCache<string, Json>({ max: 2000, maxSize: 4 * 1024 * 1024, sizeCalculation: (_v, key) => key.length || 1 });
  return {
    ...options,
    served: new Set(),
    query(operationId, request) {
      const at = request.url.indexOf('?');
      const key = `${operationId}?${at < 0 ? '' : request.url.slice(at + 1)}`;
      const known = validated.get(key);
      if (known) return known;
      const validate = validators.get(operationId);
      if (!validate) throw new Error(`no query validator for ${operationId}`);
      const value = Object.freeze(validate(request.query));
      validated.set(key, value);
      return value;
    },
    baseUrl(request) {
      if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
      return `${request.protocol}://${request.host}`;
    },
  };
}

export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Registers one spec operation at `url` (a Fastify path, often a wildcard the handler parses): GET, with
 * `config.public` taken from the operation's `security` in the spec, never retyped.
 */
export function specRoute(app: FastifyInstance, ctx: HubContext, operationId: string, url: string, handler: Handler): void {
  const op = ctx.spec.operation(operationId);
  ctx.served.add(operationId);
  const options: RouteShorthandOptions = { config: { public: op.public } };
  app.route({ method: op.method as 'GET', url, ...options, handler });
}

/**
 * Registers a wildcard route answering several operations that share an id prefix
 * (`/v3/mlhub/models/*` for details, card, files, ...). Every operation must agree on `security`,
 * since authentication runs before the handler knows which one it is.
 */
export function specWildcardRoute(app: FastifyInstance, ctx: HubContext, operationIds: string[], url: string, handler: Handler): void {
  const ops = operationIds.map((id) => ctx.spec.operation(id));
  const isPublic = ops.every((op) => op.public);
  if (ops.some((op) => op.public !== isPublic)) throw new Error(`operations ${operationIds.join(', ')} differ in security`);
  for (const id of operationIds) ctx.served.add(id);
  app.route({ method: 'GET', url, config: { public: isPublic }, handler });
}
