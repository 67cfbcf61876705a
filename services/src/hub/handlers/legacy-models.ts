import type { FastifyRequest } from 'fastify';
import { envelope, errorEnvelope } from '../../common/envelope.js';
import type { SpecHandlers } from '../../common/spec-routes.js';
import { legacyCard, legacyDownload, legacyModelFull, legacyTask, markServedInPlace } from '../legacy/adapters.js';
import { absoluteLinks } from '../routes/answers.js';
import type { HubContext } from '../routes/context.js';
import { transformersInfoOf } from '../snippets.js';
import { legacyLists } from './legacy-lists.js';
import type { IdRequest } from './types.js';

// The example prompts the Python hub answered with (FLAN-T5's own card examples).
const LEGACY_PROMPTS = [
  { prompt: 'Translate to German:  My name is Arthur' },
  { prompt: "Please answer to the following question. Who is going to be the next Ballon d'or?" },
  { prompt: 'Q: Can Geoffrey Hinton have a conversation with George Washington? Give the rationale before answering.' },
];

type PathRequest<P extends string> = FastifyRequest<{ Params: Record<P, string> }>;

/** The operations of the spec's `Legacy models` tag: `/v3/ml-hub/...` as the published 0.0.2 client calls it. */
export function legacyModelHandlers(ctx: HubContext): SpecHandlers {
  const { catalog } = ctx;
  const list = legacyLists(catalog);
  return {
    legacyListModels: async (request, reply) => list.models(request, reply, {}),
    legacyListModelsByAuthor: async (request: PathRequest<'authorId'>, reply) =>
      list.models(request, reply, { author: request.params.authorId }),
    legacyListModelsByAuthorOld: async (request: PathRequest<'authorId'>, reply) =>
      list.models(request, reply, { author: request.params.authorId }),
    legacyListModelsByTask: async (request: PathRequest<'taskType'>, reply) =>
      list.models(request, reply, { task: request.params.taskType }),
    legacyListModelsByTaskOld: async (request: PathRequest<'taskType'>, reply) =>
      list.models(request, reply, { task: request.params.taskType }),
    // Hugging Face's legacy `library` filter matched the tag (`pytorch`, `safetensors` are tags, not `library_name`).
    legacyListModelsByLibrary: async (request: PathRequest<'libraryName'>, reply) =>
      list.models(request, reply, { tags: [request.params.libraryName.toLowerCase()] }),
    legacyListModelsByLibraryOld: async (request: PathRequest<'libraryName'>, reply) =>
      list.models(request, reply, { tags: [request.params.libraryName.toLowerCase()] }),
    legacyListModelsByLanguage: async (request: PathRequest<'languageName'>, reply) =>
      list.models(request, reply, { language: request.params.languageName }),
    legacyListModelsByLanguageOld: async (request: PathRequest<'languageName'>, reply) =>
      list.models(request, reply, { language: request.params.languageName }),
    legacyListModelsByQuery: async (request: PathRequest<'query'>, reply) => list.models(request, reply, { search: request.params.query }),
    legacyListModelsByDataset: async (request: IdRequest<'dataset'>, reply) =>
      list.models(request, reply, { dataset: request.params.dataset }),
    legacyListModelsByDatasetOld: async (request: IdRequest<'dataset'>, reply) =>
      list.models(request, reply, { dataset: request.params.dataset }),

    legacyGetModel: async (request: IdRequest<'modelId'>, reply) => {
      const [model, files] = await Promise.all([catalog.getModel(request.params.modelId), catalog.listModelFiles(request.params.modelId)]);
      markServedInPlace(reply, model, files);
      return envelope(request, legacyModelFull(model.result, files.result), { message: `Model '${model.result.id}'` });
    },

    legacyGetModelInferenceServer: async (request: IdRequest<'modelId'>, reply) => {
      const model = (await catalog.getModel(request.params.modelId)).result;
      const info = transformersInfoOf({ ...model, pipelineTag: legacyTask(model.pipelineTag, model.tags) });
      // The same answer as getInferenceAvailability, in the legacy shape: 200 with the running server's legacy
      // route, else the legacy "none running" error: 422 when one could be started, 404 when none can.
      const availability = await request.server.inferenceAvailability(model.id);
      if (availability.server?.state === 'running') {
        // The hub's own legacy route, not the server's address: a local server listens on a loopback port no
        // client can reach, and requests that bypass the hub would not keep the server from going idle.
        const result = {
          model_id: model.id,
          inference_endpoint: `${ctx.baseUrl(request)}/v3/mlhub/inference/models/${encodeURIComponent(model.id)}/legacy`,
          prompt_example: LEGACY_PROMPTS,
          transformers_info: info,
        };
        return reply.send(envelope(request, result, { message: `Inference server of '${model.id}' is running` }));
      }
      const possible = availability.servable;
      const code = possible ? 'UNPROCESSABLE' : 'NOT_FOUND';
      const message = possible
        ? `No inference server is running for '${model.id}'; one can be started`
        : `No inference server can serve '${model.id}': ${availability.reason ?? 'only text2text-generation models are served'}`;
      request.log.info({ code }, message);
      const result = { model_id: model.id, inference_server_possible: possible, transformers_info: info };
      return reply.code(possible ? 422 : 404).send({ ...errorEnvelope(request, code, message), result });
    },

    legacyDownloadModel: async (request: IdRequest<'modelId'>, reply) => {
      const [download, model] = await Promise.all([
        catalog.getModelDownload(request.params.modelId),
        catalog.getModel(request.params.modelId),
      ]);
      markServedInPlace(reply, download, model);
      const links = absoluteLinks(download.result, ctx.baseUrl(request));
      return envelope(request, legacyDownload('model_id', links, model.result), { message: `Download links of '${download.result.id}'` });
    },

    legacyGetModelCard: async (request: IdRequest<'modelId'>, reply) => {
      const card = await catalog.getModelCard(request.params.modelId);
      markServedInPlace(reply, card);
      return envelope(request, legacyCard('model', card.result), { message: `Model card of '${card.result.id}'` });
    },
  };
}
