// OpenAI-style completions, POST /v1/completions, JSON or server-sent events; TGI's parameter names are taken
// beside OpenAI's because `@huggingface/inference` sends them on this route.
import { randomBytes } from 'node:crypto';
import type { InferenceServerComponents } from '@mlhub/sdk';
import type { FastifyReply } from 'fastify';
import { InferenceError, openaiBody } from '../errors.js';
import { clientGone, EventStream } from '../http.js';
import { type CommonParams, type GenerationSpec, generationSpec } from '../params.js';
import { AbortedError, type GenerationResult } from '../sequence.js';
import type { InferenceService } from '../service.js';
import type { OperationRequest } from './request.js';
import { SERVER_NAME, SERVER_VERSION } from './tgi.js';

type CompletionRequest = InferenceServerComponents['schemas']['CompletionRequest'];

const OPENAI_DEFAULT_MAX_TOKENS = 16;

const invalid = (param: string, message: string) => new InferenceError('bad_request', `Invalid parameter '${param}': ${message}`, param);

function completionSpec(service: InferenceService, body: CompletionRequest): GenerationSpec {
  const temperature = body.temperature ?? 1;
  // do_sample (TGI's name) decides when given; otherwise temperature does, as in OpenAI (0: greedy).
  const doSample = body.do_sample ?? temperature > 0;
  if (doSample && temperature === 0) throw invalid('temperature', 'must be > 0 when do_sample is true');
  const common: CommonParams = {
    maxNewTokens: body.max_tokens ?? OPENAI_DEFAULT_MAX_TOKENS,
    minNewTokens: body.min_new_tokens ?? null,
    doSample,
    temperature: doSample ? temperature : null,
    topK: body.top_k ?? null,
    topP: body.top_p ?? null,
    repetitionPenalty: body.repetition_penalty ?? null,
    seed: body.seed ?? null,
    stop: body.stop == null ? [] : typeof body.stop === 'string' ? [body.stop] : body.stop,
    numBeams: body.num_beams ?? null,
    lengthPenalty: body.length_penalty ?? null,
    earlyStopping: body.early_stopping ?? null,
    truncate: body.truncate ?? null,
    names: { maxNewTokens: 'max_tokens', temperature: 'temperature' },
  };
  if (!doSample && (common.topK !== null || (common.topP !== null && common.topP < 1))) {
    throw invalid(common.topK !== null ? 'top_k' : 'top_p', 'only applies when sampling (temperature > 0, or do_sample true)');
  }
  return generationSpec(
    common,
    { maxNewTokens: service.config.inferenceMaxNewTokens },
    (param, message) =>
      new InferenceError(
        param === 'num_beams' || param === 'stop' ? 'validation' : 'bad_request',
        `Invalid parameter '${param}': ${message}`,
        param,
      ),
  );
}

/** The text a client sees: the stop sequence removed (OpenAI), the prompt in front with `echo`. */
function choiceText(result: GenerationResult, prompt: string, echo: boolean): string {
  const text = result.stopSequence ? result.text.slice(0, result.text.length - result.stopSequence.length) : result.text;
  return echo ? prompt + text : text;
}

const finishReason = (result: GenerationResult) => (result.finishReason === 'length' ? 'length' : 'stop');

/** Characters at the end of `text` that could still begin a stop sequence, held back from a stream. */
function heldBack(text: string, stops: string[]): number {
  let hold = 0;
  for (const stop of stops) {
    for (let k = Math.min(stop.length - 1, text.length); k > hold; k--) {
      if (text.endsWith(stop.slice(0, k))) {
        hold = k;
        break;
      }
    }
  }
  return hold;
}

const notServed = (service: InferenceService, asked: string) =>
  new InferenceError(
    'not_found',
    `The model '${asked.slice(0, 256)}' is not served here; this server serves '${service.modelId}'`,
    'model',
  );

/** The served model in OpenAI's shape; the owner is the id's first segment. */
function openaiModel(service: InferenceService) {
  const id = service.modelId;
  return { id, object: 'model' as const, created: service.startedAtS, owned_by: id.includes('/') ? (id.split('/')[0] as string) : id };
}

export function makeOpenAIHandlers(service: InferenceService) {
  return {
    async listOpenAIModels() {
      return { object: 'list' as const, data: [openaiModel(service)] };
    },

    async retrieveOpenAIModel(request: OperationRequest<'retrieveOpenAIModel'>) {
      const asked = request.params.model_id;
      if (asked !== service.modelId) throw notServed(service, asked);
      return openaiModel(service);
    },

    async createCompletion(request: OperationRequest<'createCompletion'>, reply: FastifyReply) {
      const { body } = request;
      const model = body.model ?? null;
      if (model !== null && model !== service.modelId && model !== 'tgi' && !/^https?:\/\//.test(model)) throw notServed(service, model);
      // As OpenAI: options of a stream on a request that does not stream are a mistake, not something to ignore.
      if (body.stream_options != null && body.stream !== true) throw invalid('stream_options', "is only allowed when 'stream' is true");
      if (!service.ready) throw service.notReady();
      const prompts = typeof body.prompt === 'string' ? [body.prompt] : body.prompt;
      const n = body.n ?? 1;
      if (prompts.length * n > service.config.inferenceMaxClientBatchSize) {
        throw new InferenceError(
          'validation',
          `Unsupported value: prompts times n (${prompts.length * n}) must be <= ${service.config.inferenceMaxClientBatchSize}`,
          'n',
        );
      }
      const spec = completionSpec(service, body);
      const echo = body.echo === true || body.return_full_text === true;
      const inputs = prompts.map((prompt) => service.prepare(prompt, spec, { input: 'prompt', maxNewTokens: 'max_tokens' }));
      const id = `cmpl-${randomBytes(12).toString('hex')}`;
      const created = Math.floor(Date.now() / 1000);
      // One choice failing (the server filled up) stops its siblings too, as does the client going away.
      const all = new AbortController();
      const gone = clientGone(reply);
      gone.addEventListener('abort', () => all.abort());
      const signal = all.signal;
      const settle = <T>(pending: Promise<T>[]) =>
        Promise.all(pending).catch((error: unknown) => {
          all.abort();
          throw error;
        });
      // Choice i of prompt p is index p*n+i; with a seed each choice gets seed+index, so choices differ yet replay.
      const jobs = prompts.flatMap((prompt, p) =>
        Array.from({ length: n }, (_, i) => ({ prompt, input: inputs[p] as (typeof inputs)[number], index: p * n + i })),
      );
      const specOf = (index: number): GenerationSpec => (spec.seed === null ? spec : { ...spec, seed: spec.seed + index });
      const usage = (results: GenerationResult[]) => {
        const promptTokens = inputs.reduce((sum, input) => sum + input.inputIds.length, 0);
        const completion = results.reduce((sum, r) => sum + r.tokens.length, 0);
        return { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion };
      };
      const base = {
        id,
        object: 'text_completion',
        created,
        model: service.modelId,
        system_fingerprint: `${SERVER_NAME}-${SERVER_VERSION}`,
      };

      if (body.stream !== true) {
        const results = await settle(jobs.map((job) => service.generate(job.input, specOf(job.index), signal)));
        return reply.type('application/json; charset=utf-8').send({
          ...base,
          choices: results.map((result, k) => ({
            text: choiceText(result, (jobs[k] as (typeof jobs)[number]).prompt, echo),
            index: (jobs[k] as (typeof jobs)[number]).index,
            logprobs: null,
            finish_reason: finishReason(result),
          })),
          usage: usage(results),
        });
      }

      const stream = new EventStream(reply);
      const chunk = (index: number, text: string, finish: string | null) =>
        stream.send({ ...base, choices: [{ text, index, logprobs: null, finish_reason: finish }] });
      try {
        const results = await settle(
          jobs.map((job) => {
            let sent = 0;
            let all = '';
            let echoed = !echo;
            return service.generate(job.input, specOf(job.index), signal, (token, _i, result) => {
              if (!echoed) {
                echoed = true;
                chunk(job.index, job.prompt, null);
              }
              if (result) {
                chunk(job.index, choiceText(result, '', false).slice(sent), finishReason(result));
                return;
              }
              if (token.special) return;
              // Only what cannot turn out to be the start of a stop sequence goes out now.
              all += token.text;
              const safe = all.length - heldBack(all, spec.stop);
              if (safe > sent) {
                chunk(job.index, all.slice(sent, safe), null);
                sent = safe;
              }
            });
          }),
        );
        if (body.stream_options?.include_usage === true) stream.send({ ...base, choices: [], usage: usage(results) });
        stream.send('[DONE]');
      } catch (error) {
        if (!stream.started) throw error;
        if (error instanceof InferenceError) stream.send(openaiBody(error));
        if (!(error instanceof AbortedError)) stream.send('[DONE]');
      }
      stream.end();
      return reply;
    },
  };
}
