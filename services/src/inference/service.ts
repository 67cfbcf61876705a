// The served model's lifecycle (loading in the background, ready, failed) and the one path every protocol's
// handler takes to generate: tokenize, check lengths, queue on the engine.
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { InferenceConfig } from './config.js';
import { Engine, OverloadedError } from './engine.js';
import { InferenceError } from './errors.js';
import { Metrics } from './metrics.js';
import { type LoadedDtype, type LoadedModel, loadModel, resolveDtype, servedModelId, weightBytes } from './model.js';
import { effectiveSeed, type GenerationSpec } from './params.js';
import { AbortedError, type GeneratedToken, type GenerationResult } from './sequence.js';

/** Bytes per second a cold load reads and builds sessions at, for the `Retry-After` of a loading model. */
const LOAD_RATE = 80e6;

export interface Prepared {
  inputIds: number[];
}

export class InferenceService {
  readonly modelId: string;
  readonly dtype: LoadedDtype;
  readonly metrics = new Metrics();
  private model: LoadedModel | null = null;
  private engine: Engine | null = null;
  private failure: Error | null = null;
  private readonly loadStarted = Date.now();
  /** When this server started serving its model, in Unix seconds (OpenAI's `created` of a model). */
  readonly startedAtS = Math.floor(this.loadStarted / 1000);
  private readonly expectedLoadS: number;
  readonly loaded: Promise<void>;

  constructor(
    readonly config: InferenceConfig,
    private readonly log: FastifyBaseLogger,
  ) {
    this.modelId = servedModelId(config.inferenceModelDir, config.inferenceModelId);
    this.dtype = resolveDtype(config.inferenceModelDir, config.inferenceDtype);
    this.expectedLoadS = 1 + weightBytes(config.inferenceModelDir, this.dtype) / LOAD_RATE;
    this.loaded = this.load();
  }

  private async load(): Promise<void> {
    const { config } = this;
    try {
      const cacheRoot = path.join(path.resolve(config.dataDir), 'cache');
      const { model, mask } = await loadModel(
        config.inferenceModelDir,
        this.dtype,
        cacheRoot,
        {
          threads: config.inferenceThreads,
          spinUs: config.inferenceThreadSpinUs,
        },
        config.inferenceSelfAttentionMask,
      );
      this.model = model;
      this.engine = new Engine(
        model,
        {
          maxBatchSize: config.inferenceMaxBatchSize,
          batchWaitMs: config.inferenceBatchWaitMs,
          maxWaitingTokens: config.inferenceMaxWaitingTokens,
          maxConcurrent: config.inferenceMaxConcurrentRequests,
        },
        this.metrics,
      );
      this.metrics.modelLoaded.set(1);
      this.log.info(
        { model: this.modelId, dtype: this.dtype, ms: Date.now() - this.loadStarted, selfAttentionMask: mask.applied, mask: mask.detail },
        'model loaded',
      );
      if (!mask.applied && config.inferenceSelfAttentionMask)
        this.log.warn(
          { model: this.modelId, reason: mask.detail },
          'no self-attention mask: only requests at one position share a decoder run',
        );
    } catch (error) {
      this.failure = error as Error;
      this.log.error({ err: error, model: this.modelId }, 'model failed to load');
    }
  }

  get ready(): boolean {
    return this.engine !== null;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Most input tokens: the configured cap, never more than the tokenizer's `model_max_length`. */
  get maxInputTokens(): number {
    return Math.min(this.config.inferenceMaxInputTokens, this.model?.maxLength ?? Number.POSITIVE_INFINITY);
  }

  get queueSize(): number {
    return this.engine?.queued ?? 0;
  }

  notReady(): InferenceError {
    if (this.failure) return new InferenceError('not_ready', `Model ${this.modelId} failed to load; see the server log`, null, 60);
    const left = Math.ceil(this.expectedLoadS - (Date.now() - this.loadStarted) / 1000);
    return new InferenceError('not_ready', `Model ${this.modelId} is still loading`, null, Math.max(1, left));
  }

  private loadedModel(): { model: LoadedModel; engine: Engine } {
    if (!this.model || !this.engine) throw this.notReady();
    return { model: this.model, engine: this.engine };
  }

  /**
   * Tokenizes a prompt and checks it against the limits: over `max_input_tokens` is a 422 unless `truncate`
   * asks to keep the last tokens (TGI truncates on the left); input plus new tokens over `max_total_tokens` too.
   */
  prepare(prompt: string, spec: GenerationSpec, names: { input: string; maxNewTokens: string }): Prepared {
    const { model } = this.loadedModel();
    const maxInput = this.maxInputTokens;
    // Tokenizing runs on the event loop (a 1 MB input took 0.8 s, and health checks waited behind it), so text
    // longer than `maxInput` tokens can hold is not tokenized whole: over the limit without `truncate`, and with
    // it only its tail (twice what the kept tokens can span: pieces never cross the words the cut splits).
    const maxChars = maxInput * (model.maxPieceChars + 1) * 2;
    let text = prompt;
    if (text.length > maxChars) {
      if (spec.truncate === null)
        throw new InferenceError(
          'context_length',
          `Input validation error: \`${names.input}\` must have less than ${maxInput} tokens. Given: ${text.length} characters, more than ${maxInput} tokens of this model can hold (set \`truncate\` to keep the last tokens)`,
          names.input,
        );
      text = text.slice(text.length - maxChars);
    }
    let ids = model.tokenizer.encode(text);
    if (spec.truncate !== null) {
      if (spec.truncate > maxInput)
        throw new InferenceError(
          'validation',
          `Input validation error: \`truncate\` must be <= ${maxInput}, got ${spec.truncate}`,
          'truncate',
        );
      if (ids.length > spec.truncate) ids = ids.slice(ids.length - spec.truncate);
    }
    if (ids.length > maxInput) {
      throw new InferenceError(
        'context_length',
        `Input validation error: \`${names.input}\` must have less than ${maxInput} tokens. Given: ${ids.length} (set \`truncate\` to keep the last tokens)`,
        names.input,
      );
    }
    const total = this.config.inferenceMaxTotalTokens;
    if (ids.length + spec.maxNewTokens > total) {
      throw new InferenceError(
        'context_length',
        `This model takes at most ${total} tokens; the input has ${ids.length} and \`${names.maxNewTokens}\` asks for ${spec.maxNewTokens} more`,
        names.maxNewTokens,
      );
    }
    return { inputIds: ids };
  }

  /** Generates; rejects with InferenceError (overloaded, not ready, generation) or AbortedError. */
  async generate(
    prepared: Prepared,
    spec: GenerationSpec,
    signal: AbortSignal,
    onToken?: (token: GeneratedToken, index: number, result: GenerationResult | null) => void,
  ): Promise<GenerationResult> {
    const { engine } = this.loadedModel();
    this.metrics.inputLength.observe(prepared.inputIds.length);
    let pending: Promise<GenerationResult>;
    try {
      pending = engine.submit({
        inputIds: prepared.inputIds,
        maxNewTokens: spec.maxNewTokens,
        decoding: spec.decoding,
        seed: effectiveSeed(spec),
        stop: spec.stop,
        beams: spec.beams,
        signal,
        ...(onToken ? { onToken } : {}),
      });
    } catch (error) {
      if (error instanceof OverloadedError) throw new InferenceError('overloaded', 'Model is overloaded', null, error.retryAfterS);
      throw error;
    }
    try {
      const result = await pending;
      this.metrics.generatedPerRequest.observe(result.tokens.length);
      return result;
    } catch (error) {
      if (error instanceof AbortedError) throw error;
      this.log.error({ err: error }, 'generation failed');
      throw new InferenceError('generation', 'Request failed during generation');
    }
  }

  /** The tokens of text, for `details.prefill` and `decoder_input_details`. */
  decoderStart(): { id: number; text: string } {
    const { model } = this.loadedModel();
    return { id: model.startId, text: model.tokenizer.decode([model.startId], { skip_special_tokens: false }) };
  }

  close(): void {
    this.engine?.close();
  }
}
