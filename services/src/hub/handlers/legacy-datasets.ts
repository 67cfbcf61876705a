import type { FastifyRequest } from 'fastify';
import { envelope } from '../../common/envelope.js';
import { ApiError } from '../../common/errors.js';
import type { SpecHandlers } from '../../common/spec-routes.js';
import { DATASET_SIZE_CATEGORIES } from '../catalog/types.js';
import { legacyCard, legacyDatasetFull, legacyDownload } from '../legacy/adapters.js';
import { absoluteLinks } from '../routes/answers.js';
import type { HubContext } from '../routes/context.js';
import { legacyLists } from './legacy-lists.js';
import type { IdRequest } from './types.js';

type PathRequest<P extends string> = FastifyRequest<{ Params: Record<P, string> }>;

/** The operations of the spec's `Legacy datasets` tag: `/v3/ml-hub/...` as the published 0.0.1 client calls it. */
export function legacyDatasetHandlers(ctx: HubContext): SpecHandlers {
  const { catalog } = ctx;
  const list = legacyLists(catalog);
  return {
    legacyListDatasets: async (request) => list.datasets(request, {}),
    legacyListDatasetsByQuery: async (request: PathRequest<'query'>) => list.datasets(request, { search: request.params.query }),
    legacyListDatasetsByAuthor: async (request: PathRequest<'authorId'>) => list.datasets(request, { author: request.params.authorId }),
    legacyListDatasetsByLanguage: async (request: PathRequest<'languageName'>) =>
      list.datasets(request, { language: request.params.languageName }),
    legacyListDatasetsByTask: async (request: PathRequest<'taskType'>) => list.datasets(request, { task: request.params.taskType }),
    legacyListDatasetsBySizeCategory: async (request: PathRequest<'sizeCategory'>) => {
      const size = request.params.sizeCategory;
      if (!(DATASET_SIZE_CATEGORIES as readonly string[]).includes(size)) {
        throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'sizeCategory': must be one of ${DATASET_SIZE_CATEGORIES.join(', ')}`, {
          parameter: 'sizeCategory',
          allowed: DATASET_SIZE_CATEGORIES,
        });
      }
      return list.datasets(request, { size });
    },

    legacyGetDataset: async (request: IdRequest<'datasetId'>) => {
      const id = request.params.datasetId;
      const [dataset, files] = await Promise.all([catalog.getDataset(id), catalog.listDatasetFiles(id)]);
      return envelope(request, legacyDatasetFull(dataset.result, files.result), { message: `Dataset '${dataset.result.id}'` });
    },

    legacyDownloadDataset: async (request: IdRequest<'datasetId'>) => {
      const id = request.params.datasetId;
      const [download, dataset] = await Promise.all([catalog.getDatasetDownload(id), catalog.getDataset(id)]);
      const links = absoluteLinks(download.result, ctx.baseUrl(request));
      return envelope(request, legacyDownload('dataset_id', links, dataset.result), {
        message: `Download links of '${download.result.id}'`,
      });
    },

    legacyGetDatasetCard: async (request: IdRequest<'datasetId'>) => {
      const card = await catalog.getDatasetCard(request.params.datasetId);
      return envelope(request, legacyCard('dataset', card.result), { message: `Dataset card of '${card.result.id}'` });
    },
  };
}
