import type { FastifyRequest } from 'fastify';
import type { SpecHandlers } from '../../common/spec-routes.js';
import type { DatasetFilters, DatasetListQuery } from '../catalog/types.js';
import { catalogAnswers } from '../routes/answers.js';
import type { HubContext } from '../routes/context.js';
import { sendRepoFile } from '../routes/send-file.js';
import type { FileQuery, IdRequest, RevisionQuery } from './types.js';

/** The operations of the spec's `Datasets` tag. */
export function datasetHandlers(ctx: HubContext): SpecHandlers {
  const { catalog } = ctx;
  const answer = catalogAnswers(ctx);
  return {
    listDatasets: async (request: FastifyRequest<{ Querystring: DatasetListQuery }>, reply) =>
      answer.page(request, reply, await catalog.listDatasets(request.query), 'Datasets retrieved'),

    getDatasetFacets: async (request: FastifyRequest<{ Querystring: DatasetFilters }>, reply) =>
      answer.facets(request, reply, await catalog.datasetFacets(request.query), 'Dataset facets retrieved'),

    getDataset: async (request: IdRequest<'datasetId'>, reply) =>
      answer.item(request, reply, await catalog.getDataset(request.params.datasetId), 'Dataset retrieved'),

    getDatasetCard: async (request: IdRequest<'datasetId', RevisionQuery>, reply) =>
      answer.item(request, reply, await catalog.getDatasetCard(request.params.datasetId, request.query.revision), 'Dataset card retrieved'),

    listDatasetFiles: async (request: IdRequest<'datasetId', RevisionQuery>, reply) =>
      answer.item(
        request,
        reply,
        await catalog.listDatasetFiles(request.params.datasetId, request.query.revision),
        'Dataset files retrieved',
      ),

    getDatasetDownload: async (request: IdRequest<'datasetId', RevisionQuery>, reply) =>
      answer.download(
        request,
        reply,
        await catalog.getDatasetDownload(request.params.datasetId, request.query.revision),
        'Download links retrieved',
      ),

    downloadDatasetFile: async (request: IdRequest<'datasetId', FileQuery>, reply) =>
      sendRepoFile(
        request,
        reply,
        await catalog.resolveFile('dataset', request.params.datasetId, request.query.path, request.query.revision),
      ),
  };
}
