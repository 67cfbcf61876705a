import type { FastifyRequest } from 'fastify';

/** A per-id request: the id already decoded and checked (`slashParams` of the binder, `../ids.ts`). */
export type IdRequest<P extends string, Q = Record<string, never>> = FastifyRequest<{ Params: Record<P, string>; Querystring: Q }>;

/** The `revision` of card, files and download requests. */
export interface RevisionQuery {
  revision?: string;
}

/** The `path` (and `revision`) of the `resolve` requests. */
export interface FileQuery extends RevisionQuery {
  path: string;
}
