// Text Generation Inference: POST /generate, POST /generate_stream, GET /info, GET /health, GET /metrics.
import type { FastifyReply } from 'fastify';
import type { InferenceServerComponents } from '@mlhub/sdk';
import { InferenceError, tgiBody } from '../errors.js';
import { clientGone, EventStream } from '../http.js';
import { type CommonParams, type GenerationSpec, generationSpec } from '../params.js';
import type { GeneratedToken, GenerationResult } from '../sequence.js';
import { modelSha } from '../model-sha.js';
import type { InferenceService } from '../service.js';
import type { OperationRequest } from './request.js';

export const SERVER_NAME = 'ml-hub-inference-server';
export const SERVER_VERSION = '1.0.0';

type Schemas = InferenceServerComponents['schemas'];
type TgiParameters = Schemas['GenerateParameters'];
/** `POST /generate` and `POST /generate_stream` take the same body but for `stream`. */
type TgiRequest = Schemas['GenerateRequest'] | Schemas['GenerateStreamRequest'];

const validation = (param: string, message: string) =>
  new InferenceError('validation', `Input validation error: \`${param}\` ${message}`, param);

function tgiSpec(service: InferenceService, p: TgiParameters): GenerationSpec {
  const temperature = p.temperature ?? null;
  // As in TGI: any warper (temperature other than 1, top_k, top_p below 1) turns sampling on.
  const doSample =
    p.do_sample === true || (temperature !== null && temperature !== 1) || p.top_k != null || (p.top_p != null && p.top_p < 1);
  const common: CommonParams = {
    maxNewTokens: p.max_new_tokens ?? service.config.inferenceDefaultMaxNewTokens,
    minNewTokens: p.min_new_tokens ?? null,
    doSample,
    temperature,
    topK: p.top_k ?? null,
    topP: p.top_p ?? null,
    repetitionPenalty: p.repetition_penalty ?? null,
    seed: p.seed ?? null,
    stop: p.stop ?? [],
    numBeams: p.num_beams ?? null,
    lengthPenalty: p.length_penalty ?? null,
    earlyStopping: p.early_stopping ?? null,
    truncate: p.truncate ?? null,
    names: { maxNewTokens: 'max_new_tokens', temperature: 'temperature' },
  };
  return generationSpec(common, { maxNewTokens: service.config.inferenceMaxNewTokens }, validation);
}

function prepared(service: InferenceService, request: TgiRequest) {
  const parameters = request.parameters ?? {};
  const spec = tgiSpec(service, parameters);
  const input = service.prepare(request.inputs, spec, { input: 'inputs', maxNewTokens: 'max_new_tokens' });
  return { request, parameters, spec, input };
}

const tokenBody = (t: GeneratedToken) => ({ id: t.id, text: t.text, logprob: t.logprob, special: t.special });

function generatedText(inputs: string, text: string, fullText: boolean | null | undefined): string {
  return fullText === true ? inputs + text : text;
}

export function makeTgiHandlers(service: InferenceService) {
  const prefill = (p: TgiParameters) => {
    if (p.decoder_input_details !== true) return [];
    const start = service.decoderStart();
    return [{ id: start.id, text: start.text, logprob: null }];
  };

  // Read once: the folder a server serves does not change under it.
  const sha = modelSha(service.config.inferenceModelDir);

  return {
    async generate(request: OperationRequest<'generate'>, reply: FastifyReply) {
      if (!service.ready) throw service.notReady();
      const { request: body, parameters, spec, input } = prepared(service, request.body);
      const result = await service.generate(input, spec, clientGone(reply));
      const answer: Record<string, unknown> = { generated_text: generatedText(body.inputs, result.text, parameters.return_full_text) };
      if (parameters.details === true) {
        answer['details'] = {
          finish_reason: result.finishReason,
          generated_tokens: result.tokens.length,
          seed: result.seed,
          prefill: prefill(parameters),
          tokens: result.tokens.map(tokenBody),
        };
      }
      return reply.type('application/json; charset=utf-8').send(answer);
    },

    async generateStream(request: OperationRequest<'generateStream'>, reply: FastifyReply) {
      if (!service.ready) throw service.notReady();
      const { request: body, parameters, spec, input } = prepared(service, request.body);
      const stream = new EventStream(reply);
      const onToken = (token: GeneratedToken, index: number, result: GenerationResult | null) => {
        stream.send({
          index,
          token: tokenBody(token),
          generated_text: result ? generatedText(body.inputs, result.text, parameters.return_full_text) : null,
          details:
            result && parameters.details === true
              ? {
                  finish_reason: result.finishReason,
                  generated_tokens: result.tokens.length,
                  seed: result.seed,
                  input_length: result.inputLength,
                }
              : null,
        });
      };
      try {
        await service.generate(input, spec, clientGone(reply), onToken);
      } catch (error) {
        // Before the first event the error handler answers with a status; after it, TGI sends one last error event.
        if (!stream.started) throw error;
        if (error instanceof InferenceError) stream.send(tgiBody(error));
        else request.log.info({ err: error }, 'stream ended early');
      }
      stream.end();
      return reply;
    },

    async getInfo() {
      return {
        model_id: service.modelId,
        model_sha: sha,
        model_dtype: service.dtype,
        model_device_type: 'cpu',
        model_pipeline_tag: 'text-generation',
        max_concurrent_requests: service.config.inferenceMaxConcurrentRequests,
        max_best_of: 1,
        max_stop_sequences: 4,
        max_input_tokens: service.maxInputTokens,
        max_total_tokens: service.config.inferenceMaxTotalTokens,
        max_client_batch_size: service.config.inferenceMaxClientBatchSize,
        max_batch_size: service.config.inferenceMaxBatchSize,
        max_waiting_tokens: service.config.inferenceMaxWaitingTokens,
        validation_workers: 1,
        router: SERVER_NAME,
        version: SERVER_VERSION,
        sha: null,
        docker_label: null,
      };
    },

    async getHealth(_request: OperationRequest<'getHealth'>, reply: FastifyReply) {
      if (service.ready) return reply.code(200).send();
      const problem = service.notReady();
      return reply
        .code(503)
        .header('retry-after', String(problem.retryAfterS ?? 1))
        .type('application/json; charset=utf-8')
        .send({ error: 'unhealthy', error_type: 'healthcheck' });
    },

    async getMetrics(_request: OperationRequest<'getMetrics'>, reply: FastifyReply) {
      service.metrics.queueSize.set(service.queueSize);
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(service.metrics.render());
    },
  };
}
