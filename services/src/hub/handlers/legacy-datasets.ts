import type { FastifyRequest } from 'fastify';
import { envelope } from '../../common/envelope.js';
import { ApiError } from '../../common/errors.js';
import type { SpecHandlers } from '../../common/spec-routes.js';
import { DATASET_SIZE_CATEGORIES } from '../catalog/types.js';
import { legacyCard, legacyDatasetFull, legacyDownload, markServedInPlace } from '../legacy/adapters.js';
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
    legacyListDatasets: async (request, reply) => list.datasets(request, reply, {}),
    legacyListDatasetsByQuery: async (request: PathRequest<'query'>, reply) =>
      list.datasets(request, reply, { search: request.params.query }),
    legacyListDatasetsByAuthor: async (request: PathRequest<'authorId'>, reply) =>
      list.datasets(request, reply, { author: request.params.authorId }),
    legacyListDatasetsByLanguage: async (request: PathRequest<'languageName'>, reply) =>
      list.datasets(request, reply, { language: request.params.languageName }),
    legacyListDatasetsByTask: async (request: PathRequest<'taskType'>, reply) =>
      list.datasets(request, reply, { task: request.params.taskType }),
    legacyListDatasetsBySizeCategory: async (request: PathRequest<'sizeCategory'>, reply) => {
      const size = request.params.sizeCategory;
      if (!(DATASET_SIZE_CATEGORIES as readonly string[]).includes(size)) {
        throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'sizeCategory': must be one of ${DATASET_SIZE_CATEGORIES.join(', ')}`, {
          parameter: 'sizeCategory',
          allowed: DATASET_SIZE_CATEGORIES,
        });
      }
      return list.datasets(request, reply, { size });
    },

    legacyGetDataset: async (request: IdRequest<'datasetId'>, reply) => {
      const id = request.params.datasetId;
      const [dataset, files] = await Promise.all([catalog.getDataset(id), catalog.listDatasetFiles(id)]);
      markServedInPlace(reply, dataset, files);
      return envelope(request, legacyDatasetFull(dataset.result, files.result), { message: `Dataset '${dataset.result.id}'` });
    },

    legacyDownloadDataset: async (request: IdRequest<'datasetId'>, reply) => {
      const id = request.params.datasetId;
      const [download, dataset] = await Promise.all([catalog.getDatasetDownload(id), catalog.getDataset(id)]);
      markServedInPlace(reply, download, dataset);
      const links = absoluteLinks(download.result, ctx.baseUrl(request));
      return envelope(request, legacyDownload('dataset_id', links, dataset.result), {
        message: `Download links of '${download.result.id}'`,
      });
    },

    legacyGetDatasetCard: async (request: IdRequest<'datasetId'>, reply) => {
      const card = await catalog.getDatasetCard(request.params.datasetId);
      markServedInPlace(reply, card);
      return envelope(request, legacyCard('dataset', card.result), { message: `Dataset card of '${card.result.id}'` });
    },
  };
}
