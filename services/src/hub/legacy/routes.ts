import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { envelope, errorEnvelope } from '../../common/envelope.js';
import { ApiError } from '../../common/errors.js';
import { DATASET_SIZE_CATEGORIES, type DatasetListQuery, type ModelListQuery } from '../catalog/types.js';
import { parseIdPath, rawPathAfter } from '../ids.js';
import { specRoute, specWildcardRoute, type HubContext } from '../routes/context.js';
import { absoluteLinks } from '../routes/repo-routes.js';
import { transformersInfoOf } from '../snippets.js';
import {
  keyedById,
  legacyCard,
  legacyDatasetFull,
  legacyDatasetShort,
  legacyDownload,
  legacyModelFull,
  legacyModelShort,
  legacyTask,
} from './adapters.js';

// The legacy lists were the top 100 by downloads, unpaged.
const TOP = { limit: 100, sort: 'downloads', direction: 'desc' } as const;
// The example prompts the Python hub answered with (FLAN-T5's own card examples).
const LEGACY_PROMPTS = [
  { prompt: 'Translate to German:  My name is Arthur' },
  { prompt: "Please answer to the following question. Who is going to be the next Ballon d'or?" },
  { prompt: 'Q: Can Geoffrey Hinton have a conversation with George Washington? Give the rationale before answering.' },
];
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A legacy path parameter checked against its schema in the spec (length), and free of control characters. */
function pathParam(ctx: HubContext, operationId: string, name: string, value: unknown): string {
  const schema = ctx.spec.operation(operationId).pathParams[name] ?? {};
  const text = typeof value === 'string' ? value : '';
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 1;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 256;
  if (text.length < min || text.length > max || CONTROL.test(text)) {
    throw new ApiError('INVALID_PARAMETER', `Invalid parameter '${name}': must be ${min} to ${max} characters without control characters`, {
      parameter: name,
    });
  }
  return text;
}

/** The raw wildcard part below `prefix` as one decoded value (a dataset id, possibly with a slash). */
function wildcardId(request: FastifyRequest, prefix: string, suffix = ''): string {
  let rest = rawPathAfter(request.url, prefix);
  if (suffix && rest.endsWith(`/${suffix}`)) rest = rest.slice(0, -suffix.length - 1);
  return parseIdPath(rest, [], 'dataset').id;
}

export function registerLegacyRoutes(app: FastifyInstance, ctx: HubContext): void {
  const { catalog } = ctx;

  const modelList = async (request: FastifyRequest, filters: ModelListQuery): Promise<unknown> => {
    const page = await catalog.listModels({ ...filters, ...TOP });
    return envelope(request, keyedById(page.items, (m) => m.id, legacyModelShort), {
      message: `Found ${page.items.length} models`,
      metadata: { partial: page.partial, sources: page.sources },
    });
  };
  const datasetList = async (request: FastifyRequest, filters: DatasetListQuery): Promise<unknown> => {
    const page = await catalog.listDatasets({ ...filters, ...TOP });
    return envelope(request, keyedById(page.items, (d) => d.id, legacyDatasetShort), {
      message: `Found ${page.items.length} datasets`,
      metadata: { partial: page.partial, sources: page.sources },
    });
  };
  const param = (request: FastifyRequest, operationId: string, name: string): string =>
    pathParam(ctx, operationId, name, (request.params as Record<string, unknown>)[name]);

  // ---------------------------------------------------------------- models: lists
  specRoute(app, ctx, 'legacyListModels', '/v3/ml-hub/models', async (request) => modelList(request, {}));
  for (const [operationId, url] of [
    ['legacyListModelsByAuthor', '/v3/ml-hub/models/authors/:authorId'],
    ['legacyListModelsByAuthorOld', '/v3/ml-hub/authors/:authorId/models'],
  ] as const) {
    specRoute(app, ctx, operationId, url, async (request) => modelList(request, { author: param(request, operationId, 'authorId') }));
  }
  for (const [operationId, url] of [
    ['legacyListModelsByTask', '/v3/ml-hub/models/tasks/:taskType'],
    ['legacyListModelsByTaskOld', '/v3/ml-hub/tasks/:taskType/models'],
  ] as const) {
    specRoute(app, ctx, operationId, url, async (request) => modelList(request, { task: param(request, operationId, 'taskType') }));
  }
  for (const [operationId, url] of [
    ['legacyListModelsByLibrary', '/v3/ml-hub/models/libraries/:libraryName'],
    ['legacyListModelsByLibraryOld', '/v3/ml-hub/libraries/:libraryName/models'],
  ] as const) {
    // Hugging Face's legacy `library` filter matched the tag (`pytorch`, `safetensors` are tags, not `library_name`).
    specRoute(app, ctx, operationId, url, async (request) =>
      modelList(request, { tags: [param(request, operationId, 'libraryName').toLowerCase()] }),
    );
  }
  for (const [operationId, url] of [
    ['legacyListModelsByLanguage', '/v3/ml-hub/models/languages/:languageName'],
    ['legacyListModelsByLanguageOld', '/v3/ml-hub/languages/:languageName/models'],
  ] as const) {
    specRoute(app, ctx, operationId, url, async (request) => modelList(request, { language: param(request, operationId, 'languageName') }));
  }
  specRoute(app, ctx, 'legacyListModelsByQuery', '/v3/ml-hub/search/:query/models', async (request) =>
    modelList(request, { search: param(request, 'legacyListModelsByQuery', 'query') }),
  );
  // Dataset ids in these two travel encoded or raw, so they are wildcards parsed like every other id.
  specWildcardRoute(app, ctx, ['legacyListModelsByDataset'], '/v3/ml-hub/models/trained_datasets/*', async (request) =>
    modelList(request, { dataset: wildcardId(request, '/v3/ml-hub/models/trained_datasets/') }),
  );
  specWildcardRoute(app, ctx, ['legacyListModelsByDatasetOld'], '/v3/ml-hub/trained_datasets/*', async (request) =>
    modelList(request, { dataset: wildcardId(request, '/v3/ml-hub/trained_datasets/', 'models') }),
  );

  // ---------------------------------------------------------------- models: one model
  specWildcardRoute(app, ctx, ['legacyGetModel', 'legacyGetModelInferenceServer'], '/v3/ml-hub/models/*', async (request, reply) => {
    const { id, suffix } = parseIdPath(rawPathAfter(request.url, '/v3/ml-hub/models/'), ['inference'] as const, 'model');
    if (suffix === 'inference') return legacyInference(request, reply, id);
    const [model, files] = await Promise.all([catalog.getModel(id), catalog.listModelFiles(id)]);
    return envelope(request, legacyModelFull(model.result, files.result), { message: `Model '${model.result.id}'` });
  });

  const legacyInference = async (request: FastifyRequest, reply: FastifyReply, id: string): Promise<FastifyReply> => {
    const model = (await catalog.getModel(id)).result;
    const info = transformersInfoOf({ ...model, pipelineTag: legacyTask(model.pipelineTag, model.tags) });
    // The same answer as getInferenceAvailability, in the legacy shape: 200 with the running server's legacy
    // route, else the legacy "none running" error: 422 when one could be started, 404 when none can.
    const availability = await request.server.inferenceAvailability(model.id);
    const running = availability.server?.state === 'running' ? availability.server.endpoint : null;
    if (running) {
      const result = { model_id: model.id, inference_endpoint: `${running}/inference/${encodeURIComponent(model.id)}`, prompt_example: LEGACY_PROMPTS, transformers_info: info };
      return reply.send(envelope(request, result, { message: `Inference server of '${model.id}' is running` }));
    }
    const possible = availability.servable;
    const code = possible ? 'UNPROCESSABLE' : 'NOT_FOUND';
    const message = possible
      ? `No inference server is running for '${model.id}'; one can be started`
      : `No inference server can serve '${model.id}': ${availability.reason ?? 'only text2text-generation models are served'}`;
    request.log.info({ code }, message);
    const body = { ...errorEnvelope(request, code, message), result: { model_id: model.id, inference_server_possible: possible, transformers_info: info } };
    return reply.code(possible ? 422 : 404).send(body);
  };

  specWildcardRoute(app, ctx, ['legacyDownloadModel'], '/v3/ml-hub/download_model/*', async (request) => {
    const { id } = parseIdPath(rawPathAfter(request.url, '/v3/ml-hub/download_model/'), []);
    const [download, model] = await Promise.all([catalog.getModelDownload(id), catalog.getModel(id)]);
    const links = absoluteLinks(download.result, ctx.baseUrl(request));
    return envelope(request, legacyDownload('model_id', links, model.result), { message: `Download links of '${download.result.id}'` });
  });

  specWildcardRoute(app, ctx, ['legacyGetModelCard'], '/v3/ml-hub/model_card/*', async (request) => {
    const { id } = parseIdPath(rawPathAfter(request.url, '/v3/ml-hub/model_card/'), []);
    const card = await catalog.getModelCard(id);
    return envelope(request, legacyCard('model', card.result), { message: `Model card of '${card.result.id}'` });
  });

  // ---------------------------------------------------------------- datasets
  specRoute(app, ctx, 'legacyListDatasets', '/v3/ml-hub/datasets', async (request) => datasetList(request, {}));
  specRoute(app, ctx, 'legacyListDatasetsByQuery', '/v3/ml-hub/datasets/search/:query', async (request) =>
    datasetList(request, { search: param(request, 'legacyListDatasetsByQuery', 'query') }),
  );
  specRoute(app, ctx, 'legacyListDatasetsByAuthor', '/v3/ml-hub/datasets/authors/:authorId', async (request) =>
    datasetList(request, { author: param(request, 'legacyListDatasetsByAuthor', 'authorId') }),
  );
  specRoute(app, ctx, 'legacyListDatasetsByLanguage', '/v3/ml-hub/datasets/languages/:languageName', async (request) =>
    datasetList(request, { language: param(request, 'legacyListDatasetsByLanguage', 'languageName') }),
  );
  specRoute(app, ctx, 'legacyListDatasetsByTask', '/v3/ml-hub/datasets/tasks/:taskType', async (request) =>
    datasetList(request, { task: param(request, 'legacyListDatasetsByTask', 'taskType') }),
  );
  specRoute(app, ctx, 'legacyListDatasetsBySizeCategory', '/v3/ml-hub/datasets/size-categories/:sizeCategory', async (request) => {
    const size = param(request, 'legacyListDatasetsBySizeCategory', 'sizeCategory');
    if (!(DATASET_SIZE_CATEGORIES as readonly string[]).includes(size)) {
      throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'sizeCategory': must be one of ${DATASET_SIZE_CATEGORIES.join(', ')}`, {
        parameter: 'sizeCategory',
        allowed: DATASET_SIZE_CATEGORIES,
      });
    }
    return datasetList(request, { size });
  });

  specWildcardRoute(app, ctx, ['legacyGetDataset'], '/v3/ml-hub/datasets/*', async (request) => {
    const { id } = parseIdPath(rawPathAfter(request.url, '/v3/ml-hub/datasets/'), [], 'dataset');
    const [dataset, files] = await Promise.all([catalog.getDataset(id), catalog.listDatasetFiles(id)]);
    return envelope(request, legacyDatasetFull(dataset.result, files.result), { message: `Dataset '${dataset.result.id}'` });
  });

  specWildcardRoute(app, ctx, ['legacyDownloadDataset'], '/v3/ml-hub/download_dataset/*', async (request) => {
    const { id } = parseIdPath(rawPathAfter(request.url, '/v3/ml-hub/download_dataset/'), [], 'dataset');
    const [download, dataset] = await Promise.all([catalog.getDatasetDownload(id), catalog.getDataset(id)]);
    const links = absoluteLinks(download.result, ctx.baseUrl(request));
    return envelope(request, legacyDownload('dataset_id', links, dataset.result), { message: `Download links of '${download.result.id}'` });
  });

  specWildcardRoute(app, ctx, ['legacyGetDatasetCard'], '/v3/ml-hub/dataset_card/*', async (request) => {
    const { id } = parseIdPath(rawPathAfter(request.url, '/v3/ml-hub/dataset_card/'), [], 'dataset');
    const card = await catalog.getDatasetCard(id);
    return envelope(request, legacyCard('dataset', card.result), { message: `Dataset card of '${card.result.id}'` });
  });
}
