import type { FastifyReply, FastifyRequest } from 'fastify';
import { envelope } from '../../common/envelope.js';
import type { Catalog, DatasetListQuery, ModelListQuery } from '../catalog/types.js';
import { keyedById, legacyDatasetShort, legacyModelShort, markServedInPlace } from '../legacy/adapters.js';

// The legacy lists were the top 100 by downloads, unpaged.
const TOP = { limit: 100, sort: 'downloads', direction: 'desc' } as const;

/** The legacy list answers: objects keyed by id, the top 100 by downloads of a filter. */
export function legacyLists(catalog: Catalog): {
  models(request: FastifyRequest, reply: FastifyReply, filters: ModelListQuery): Promise<unknown>;
  datasets(request: FastifyRequest, reply: FastifyReply, filters: DatasetListQuery): Promise<unknown>;
} {
  return {
    async models(request, reply, filters) {
      const page = await catalog.listModels({ ...filters, ...TOP });
      markServedInPlace(reply, page);
      return envelope(
        request,
        keyedById(page.items, (m) => m.id, legacyModelShort),
        {
          message: `Found ${page.items.length} models`,
          metadata: { partial: page.partial, sources: page.sources },
        },
      );
    },
    async datasets(request, reply, filters) {
      const page = await catalog.listDatasets({ ...filters, ...TOP });
      markServedInPlace(reply, page);
      return envelope(
        request,
        keyedById(page.items, (d) => d.id, legacyDatasetShort),
        {
          message: `Found ${page.items.length} datasets`,
          metadata: { partial: page.partial, sources: page.sources },
        },
      );
    },
  };
}
