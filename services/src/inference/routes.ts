// Every operation of openapi/inference-server bound by the foundation's spec binder: one handler per
// operationId, one group per spec tag, each group answering errors in its protocol's shape.
import type { FastifyInstance } from 'fastify';
import {
  bundledSpecPath,
  loadSpecDocument,
  registerSpecRoutes,
  type ProtocolErrors,
  type SpecHandlers,
  useProtocolErrors,
  withTags,
} from '../common/index.js';
import { InferenceError, inferenceLegacyErrors, inferenceOipErrors, inferenceOpenAIErrors, inferenceTgiErrors } from './errors.js';
import { makeLegacyHandlers } from './handlers/legacy.js';
import { makeOipHandlers } from './handlers/open-inference-protocol.js';
import { makeOpenAIHandlers } from './handlers/openai.js';
import { makeTgiHandlers } from './handlers/tgi.js';
import type { InferenceService } from './service.js';

/** Routes whose requests count as generation requests in the TGI metrics. */
export const GENERATION_ROUTES = new Set([
  '/generate',
  '/generate_stream',
  '/v1/completions',
  '/inference/:model_id',
  '/inference/:model_id__owner/:model_id__name',
]);

/** A served-model id in a path: `owner/name` or a bare name, as the spec bounds it. */
function modelIdParam(value: string): string {
  if (value.length === 0 || value.length > 256 || [...value].some((c) => c.charCodeAt(0) < 0x20))
    throw new InferenceError('bad_request', 'Invalid model id in the path', 'model_id');
  return value;
}

function refuseTokenIds(body: unknown): void {
  const prompt = (body as { prompt?: unknown } | null)?.prompt;
  if (typeof prompt === 'number' || (Array.isArray(prompt) && prompt.some((p) => typeof p !== 'string'))) {
    throw new InferenceError(
      'bad_request',
      "Invalid parameter 'prompt': must be a string or an array of strings (token-id prompts are not accepted)",
      'prompt',
    );
  }
}

export async function registerRoutes(app: FastifyInstance, service: InferenceService): Promise<void> {
  const spec = loadSpecDocument(bundledSpecPath('inference-server'));
  const groups: [string, ProtocolErrors, SpecHandlers][] = [
    ['Text Generation Inference', inferenceTgiErrors, makeTgiHandlers(service)],
    ['OpenAI', inferenceOpenAIErrors, makeOpenAIHandlers(service)],
    ['Open Inference Protocol', inferenceOipErrors, makeOipHandlers(service)],
    ['Legacy inference', inferenceLegacyErrors, makeLegacyHandlers(service)],
  ];
  // OpenAI clients read OpenAI's error body: an unknown path under /v1 (`/v1/chat/completions`) is answered in it.
  await app.register(async (v1) => useProtocolErrors(v1, inferenceOpenAIErrors, { notFound: true }), { prefix: '/v1' });
  for (const [tag, errors, handlers] of groups) {
    await app.register(async (scope) => {
      useProtocolErrors(scope, errors);
      // A token-id prompt (OpenAI takes them) is told so, where the schema's anyOf would only say `must be string`.
      if (tag === 'OpenAI') scope.addHook('preValidation', async (request) => refuseTokenIds(request.body));
      registerSpecRoutes(scope, {
        spec,
        handlers,
        select: withTags(tag),
        slashParams: { model_id: modelIdParam, name: modelIdParam },
        // Streams are written by hand, and the answers are built to the spec's shapes (the tests check them).
        responseSchemas: false,
      });
    });
  }
}
