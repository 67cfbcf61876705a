// The legacy Tapis inference server: POST /inference/{model_id} with {"prompt"}, GET /inference, in the envelope.
import type { FastifyReply } from 'fastify';
import { envelope } from '../../common/index.js';
import { InferenceError } from '../errors.js';
import { clientGone } from '../http.js';
import { generationSpec } from '../params.js';
import type { InferenceService } from '../service.js';
import type { OperationRequest } from './request.js';

export function notServed(service: InferenceService, id: string): InferenceError {
  return new InferenceError(
    'not_found',
    `Model '${id.slice(0, 256)}' is not served here; this server serves '${service.modelId}'`,
    'model_id',
  );
}

export function makeLegacyHandlers(service: InferenceService) {
  return {
    async listLegacyInferenceModels(request: OperationRequest<'listLegacyInferenceModels'>) {
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

    async runLegacyInference(request: OperationRequest<'runLegacyInference'>, reply: FastifyReply) {
      // The binder joined a raw `owner/name` (a decoding proxy's) into the one parameter.
      const id = request.params.model_id;
      if (id !== service.modelId) throw notServed(service, id);
      if (!service.ready) throw service.notReady();
      const { prompt } = request.body;
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
