// The legacy Tapis inference server: POST /inference/{model_id} with {"prompt"}, GET /inference, in the envelope.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { envelope } from '../../common/index.js';
import { InferenceError } from '../errors.js';
import { clientGone } from '../http.js';
import { generationSpec } from '../params.js';
import type { InferenceService } from '../service.js';

/** The model id of a path: one percent-encoded segment, or the raw `owner/name` a decoding proxy leaves. */
export function pathModelId(params: unknown): string {
  const p = params as { model_id?: string; owner?: string; name?: string };
  if (p.owner !== undefined && p.name !== undefined) return `${p.owner}/${p.name}`;
  return p.model_id ?? p.name ?? '';
}

export function notServed(service: InferenceService, id: string): InferenceError {
  return new InferenceError(
    'not_found',
    `Model '${id.slice(0, 256)}' is not served here; this server serves '${service.modelId}'`,
    'model_id',
  );
}

export function makeLegacyHandlers(service: InferenceService) {
  return {
    async listLegacyInferenceModels(request: FastifyRequest) {
      return envelope(
        request,
        [
          {
            model_id: service.modelId,
            task: 'text2text-generation',
            ready: service.ready,
            inference_path: `/inference/${encodeURIComponent(service.modelId)}`,
          },
        ],
        { message: 'Served models' },
      );
    },

    async runLegacyInference(request: FastifyRequest, reply: FastifyReply) {
      const id = pathModelId(request.params);
      if (id !== service.modelId) throw notServed(service, id);
      if (!service.ready) throw service.notReady();
      const { prompt } = request.body as { prompt: string };
      // The legacy server decoded with the pipeline's defaults: greedy, at most the default number of new tokens.
      const spec = generationSpec(
        {
          maxNewTokens: service.config.inferenceDefaultMaxNewTokens,
          minNewTokens: null,
          doSample: false,
          temperature: null,
          topK: null,
          topP: null,
          repetitionPenalty: null,
          seed: null,
          stop: [],
          numBeams: null,
          lengthPenalty: null,
          earlyStopping: null,
          truncate: null,
          names: { maxNewTokens: 'prompt', temperature: 'temperature' },
        },
        { maxNewTokens: service.config.inferenceMaxNewTokens },
        (param, message) => new InferenceError('validation', message, param),
      );
      const input = service.prepare(prompt, spec, { input: 'prompt', maxNewTokens: 'prompt' });
      const result = await service.generate(input, spec, clientGone(reply));
      return envelope(request, { model_id: service.modelId, generated_text: result.text }, { message: 'Inference complete' });
    },
  };
}
