// Every operation of openapi/inference-server, one handler per operationId, grouped by spec tag; each group
// has its protocol's error writer. Plain Fastify registration in this one place until the spec binder lands.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { legacyErrorHandler, oipErrorHandler, openaiErrorHandler, tgiErrorHandler } from './errors.js';
import { makeLegacyHandlers } from './handlers/legacy.js';
import { makeOipHandlers } from './handlers/open-inference-protocol.js';
import { makeOpenAIHandlers } from './handlers/openai.js';
import { makeTgiHandlers } from './handlers/tgi.js';
import type { InferenceService } from './service.js';

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
const PUBLIC = { config: { public: true } };

/** Routes whose requests count as generation requests in the TGI metrics. */
export const GENERATION_ROUTES = new Set([
  '/generate',
  '/generate_stream',
  '/v1/completions',
  '/inference/:model_id',
  '/inference/:owner/:name',
]);

export async function registerRoutes(app: FastifyInstance, service: InferenceService): Promise<void> {
  const tgi = makeTgiHandlers(service);
  const openai = makeOpenAIHandlers(service);
  const oip = makeOipHandlers(service);
  const legacy = makeLegacyHandlers(service);

  await app.register(async (scope) => {
    scope.setErrorHandler(tgiErrorHandler);
    scope.post('/generate', tgi.generate as Handler);
    scope.post('/generate_stream', tgi.generateStream as Handler);
    scope.get('/info', tgi.getInfo as Handler);
    scope.get('/health', PUBLIC, tgi.getHealth as Handler);
    scope.get('/metrics', PUBLIC, tgi.getMetrics as Handler);
  });
  await app.register(async (scope) => {
    scope.setErrorHandler(openaiErrorHandler);
    scope.post('/v1/completions', openai.createCompletion as Handler);
  });
  await app.register(async (scope) => {
    scope.setErrorHandler(oipErrorHandler);
    scope.get('/v2/health/live', PUBLIC, oip.getServerLive as Handler);
    scope.get('/v2/health/ready', PUBLIC, oip.getServerReady as Handler);
    scope.get('/v2/models/:name/ready', PUBLIC, oip.getModelReady as Handler);
    scope.get('/v2/models/:owner/:name/ready', PUBLIC, oip.getModelReady as Handler);
  });
  await app.register(async (scope) => {
    scope.setErrorHandler(legacyErrorHandler);
    scope.get('/inference', legacy.listLegacyInferenceModels as Handler);
    scope.post('/inference/:model_id', legacy.runLegacyInference as Handler);
    scope.post('/inference/:owner/:name', legacy.runLegacyInference as Handler);
  });
}
