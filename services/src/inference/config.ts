import { defineConfig } from '../common/index.js';

export type ModelDtype = 'auto' | 'fp32' | 'q8';

/** The inference server's own keys, added to the foundation's schema; the README table is kept equal to it by a test. */
export const inferenceConfig = defineConfig<{
  port: number;
  inferenceModelDir: string;
  inferenceModelId: string;
  inferenceDtype: ModelDtype;
  inferenceMaxBatchSize: number;
  inferenceBatchWaitMs: number;
  inferenceMaxWaitingTokens: number;
  inferenceSelfAttentionMask: boolean;
  inferenceMaxConcurrentRequests: number;
  inferenceMaxNewTokens: number;
  inferenceDefaultMaxNewTokens: number;
  inferenceMaxInputTokens: number;
  inferenceMaxTotalTokens: number;
  inferenceMaxClientBatchSize: number;
  inferenceThreads: number;
  inferenceThreadSpinUs: number;
}>({
  port: {
    schema: { type: 'integer', minimum: 0, maximum: 65535, default: 0 },
    description: 'TCP port to listen on; the inference server picks a free one by default (0) and prints it.',
  },
  inferenceModelDir: {
    schema: { type: 'string', default: '' },
    description:
      'The model folder (`config.json`, `tokenizer.json`, `onnx/encoder_model*.onnx`, `onnx/decoder_model_merged*.onnx`); `--model DIR` sets it. Required.',
  },
  inferenceModelId: {
    schema: { type: 'string', maxLength: 256, pattern: '^$|^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$', default: '' },
    description: 'The served model id (`google/flan-t5-small`); empty: `_name_or_path` of its config.json, else `local/<folder name>`.',
  },
  inferenceDtype: {
    schema: { type: 'string', enum: ['auto', 'fp32', 'q8'], default: 'auto' },
    description: 'Weights to load: `fp32`, `q8` (`*_quantized.onnx`), or `auto` (q8 where both quantized files exist, else fp32).',
  },
  inferenceMaxBatchSize: {
    schema: { type: 'integer', minimum: 1, maximum: 256, default: 16 },
    description:
      'Most decoder rows in flight at once, over every cohort decoding (a beam-search request takes `num_beams` rows). More rows share each run: a longer step for each, more tokens per second for all.',
  },
  inferenceBatchWaitMs: {
    schema: { type: 'integer', minimum: 0, maximum: 1000, default: 2 },
    description:
      'How long an idle server gathers a first batch, in milliseconds: it starts once this long passes with no new arrival (the time its prompts take to encode included), once full, or after 5 such waits. While requests decode, `MLHUB_INFERENCE_MAX_WAITING_TOKENS` says when one that arrives starts.',
  },
  inferenceMaxWaitingTokens: {
    schema: { type: 'integer', minimum: 0, maximum: 100000, default: 50 },
    description:
      "Without the self-attention mask: while requests decode, one that arrives starts between two steps once it can catch up with them (the run they would then share at least twice the catch-up), or once they have decoded this many steps since it came (TGI's `--max-waiting-tokens`); until then later arrivals gather with it. 0: it starts at once.",
  },
  inferenceSelfAttentionMask: {
    schema: { type: 'boolean', default: true },
    description:
      "Patch the merged decoder at load (a copy in the data folder's cache, checked before use): a self-attention mask, so requests at different positions share every decoder run, each step's new cache columns as outputs, so a step does not copy the caches out of ONNX Runtime, and each row's greedy choice, so greedy rows do not scan their logits in JavaScript; then the decoder split from its cross-attention projections, so a request joins the others' run at its first step; a decoder the patch does not recognise loads as it is. false: the decoder as exported (only rows at one position share a run).",
  },
  inferenceMaxConcurrentRequests: {
    schema: { type: 'integer', minimum: 1, maximum: 10000, default: 64 },
    description: 'Generation requests held at once (running and queued); one more answers 429 with `Retry-After`.',
  },
  inferenceMaxNewTokens: {
    schema: { type: 'integer', minimum: 1, maximum: 4096, default: 512 },
    description: 'Cap on `max_new_tokens` / `max_tokens` of one request; a larger ask answers 422.',
  },
  inferenceDefaultMaxNewTokens: {
    schema: { type: 'integer', minimum: 1, maximum: 4096, default: 100 },
    description: 'New tokens generated when a TGI or legacy request does not say (OpenAI requests default to 16, as OpenAI).',
  },
  inferenceMaxInputTokens: {
    schema: { type: 'integer', minimum: 1, maximum: 65536, default: 512 },
    description: 'Most input tokens (after `truncate`); a longer input answers 422 unless the request asks to truncate.',
  },
  inferenceMaxTotalTokens: {
    schema: { type: 'integer', minimum: 2, maximum: 131072, default: 1024 },
    description: 'Most input plus new tokens of one request.',
  },
  inferenceMaxClientBatchSize: {
    schema: { type: 'integer', minimum: 1, maximum: 256, default: 4 },
    description: 'Most prompts times `n` in one `POST /v1/completions` request.',
  },
  inferenceThreads: {
    schema: { type: 'integer', minimum: 0, maximum: 256, default: 0 },
    description: 'Intra-op threads of each ONNX Runtime session; 0 lets ONNX Runtime choose (one per core).',
  },
  inferenceThreadSpinUs: {
    schema: { type: 'integer', minimum: 0, maximum: 100000, default: 1000 },
    description:
      "How long ONNX Runtime's intra-op threads spin-wait for more work before sleeping, in microseconds; 0: they never spin. Spinning hands a decoding step's operators between threads without waking them (flan-t5-small q8: 2.8 ms a step, 4.1 ms without); the bound stops idle threads burning a core soon after a run (unbounded, they spin about 35 ms).",
  },
});

export type InferenceConfig = ReturnType<typeof inferenceConfig.load>;
