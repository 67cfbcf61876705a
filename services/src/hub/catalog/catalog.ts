import { ApiError } from '../../common/errors.js';
import { openContext } from './context.js';
import { facetCounts } from './facets.js';
import { itemCard, itemDetails, itemDownload, itemFile, itemFiles } from './item.js';
import { listPage } from './list.js';
import { sourceChecks } from './readiness.js';
import type { Catalog, CatalogConfig } from './types.js';

/**
 * The catalog over the configured sources (see `context.ts` for which are enabled): one method per operation,
 * each a one-liner into the module that holds it (`list.ts`, `facets.ts`, `item.ts`, `readiness.ts`).
 */
export async function createCatalog(config: CatalogConfig = {}): Promise<Catalog> {
  const ctx = openContext(config);
  const { models, datasets } = ctx;
  const checks = sourceChecks(ctx);
  return {
    listModels: (query = {}) => listPage(ctx, models, query),
    modelFacets: (filters = {}) => facetCounts(ctx, models, filters),
    getModel: (id) => itemDetails(ctx, models, id),
    getModelCard: (id, revision) => itemCard(ctx, models, id, revision),
    listModelFiles: (id, revision) => itemFiles(ctx, models, id, revision),
    getModelDownload: (id, revision, baseUrl) => itemDownload(ctx, models, id, revision, baseUrl),

    listDatasets: (query = {}) => listPage(ctx, datasets, query),
    datasetFacets: (filters = {}) => facetCounts(ctx, datasets, filters),
    getDataset: (id) => itemDetails(ctx, datasets, id),
    getDatasetCard: (id, revision) => itemCard(ctx, datasets, id, revision),
    listDatasetFiles: (id, revision) => itemFiles(ctx, datasets, id, revision),
    getDatasetDownload: (id, revision, baseUrl) => itemDownload(ctx, datasets, id, revision, baseUrl),

    resolveStoreFile: async (kind, id, path) => {
      if (!ctx.store) throw new ApiError('NOT_FOUND', 'This hub has no model store');
      return ctx.store.resolveFile(kind, id, path);
    },
    resolveFile: (kind, id, path, revision) =>
      kind === 'model' ? itemFile(ctx, models, id, path, revision) : itemFile(ctx, datasets, id, path, revision),
    readiness: () => checks.readiness(),
    health: () => checks.health(),
    close: async () => {
      await ctx.cache.clear();
      ctx.localAnswers.clear();
    },
  };
}
