import type { FastifyRequest } from 'fastify';
import { envelope } from '../../common/envelope.js';
import type { SpecHandlers } from '../../common/spec-routes.js';
import type { ModelFilters, ModelListQuery } from '../catalog/types.js';
import { catalogAnswers } from '../routes/answers.js';
import type { HubContext } from '../routes/context.js';
import { sendRepoFile } from '../routes/send-file.js';
import { modelSnippets } from '../snippets.js';
import type { FileQuery, IdRequest, RevisionQuery } from './types.js';

/** The operations of the spec's `Models` tag. */
export function modelHandlers(ctx: HubContext): SpecHandlers {
  const { catalog } = ctx;
  const answer = catalogAnswers(ctx);
  return {
    listModels: async (request: FastifyRequest<{ Querystring: ModelListQuery }>, reply) =>
      answer.page(request, reply, await catalog.listModels(request.query), 'Models retrieved'),

    getModelFacets: async (request: FastifyRequest<{ Querystring: ModelFilters }>, reply) =>
      answer.facets(request, reply, await catalog.modelFacets(request.query), 'Model facets retrieved'),

    getModel: async (request: IdRequest<'modelId'>, reply) =>
      answer.item(request, reply, await catalog.getModel(request.params.modelId), 'Model retrieved'),

    getModelCard: async (request: IdRequest<'modelId', RevisionQuery>, reply) =>
      answer.item(request, reply, await catalog.getModelCard(request.params.modelId, request.query.revision), 'Model card retrieved'),

    listModelFiles: async (request: IdRequest<'modelId', RevisionQuery>, reply) =>
      answer.item(request, reply, await catalog.listModelFiles(request.params.modelId, request.query.revision), 'Model files retrieved'),

    getModelDownload: async (request: IdRequest<'modelId', RevisionQuery>, reply) =>
      answer.download(
        request,
        reply,
        await catalog.getModelDownload(request.params.modelId, request.query.revision),
        'Download links retrieved',
      ),

    downloadModelFile: async (request: IdRequest<'modelId', FileQuery>, reply) =>
      sendRepoFile(request, reply, await catalog.resolveFile('model', request.params.modelId, request.query.path, request.query.revision)),

    getModelSnippets: async (request: IdRequest<'modelId'>, reply) => {
      const found = await catalog.getModel(request.params.modelId);
      return reply.send(envelope(request, modelSnippets(found.result, ctx.baseUrl(request)), { message: 'Snippets retrieved' }));
    },
  };
}
