import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AutoModelForSeq2SeqLM, AutoTokenizer, env } from '@huggingface/transformers';
import { InferenceSession } from 'onnxruntime-node';
import type { ModelDtype } from './config.js';
import { checkPatch, crossAttentionFile, maskedModelFolder } from './masked-model.js';
import { USE_CACHE } from './onnx/decoder-split.js';
import { type SessionThreads, threadOptions } from './threads.js';

/** The tokenizer calls the server makes (transformers.js' PreTrainedTokenizer). */
interface Tokenizer {
  encode(text: string): number[];
  decode(ids: number[], options?: { skip_special_tokens?: boolean }): string;
}

/** The model as the decode loop needs it: the ONNX sessions transformers.js loaded, and the shapes of the cache. */
export interface LoadedModel {
  tokenizer: Tokenizer;
  encoder: InferenceSession;
  decoder: InferenceSession;
  layers: number;
  heads: number;
  headDim: number;
  eosId: number;
  padId: number;
  startId: number;
  specialIds: ReadonlySet<number>;
  /** The tokenizer's `model_max_length` (Infinity when it has none). */
  maxLength: number;
  /** The longest piece of the tokenizer's vocabulary, in characters: how much text one token can hold. */
  maxPieceChars: number;
  /**
   * The decoder's `decoder_attention_mask` held the load-time check: rows at any positions share runs. (A decoder
   * that takes the input is always fed it; without this, all ones.)
   */
  selfAttentionMask: boolean;
  /**
   * The decoder returns each step's new cache columns (`mlhub_step_key_values.*`, checked at load): the cohorts
   * append them to their own caches and fetch no `present.*` after the first step.
   */
  stepColumns: boolean;
  /**
   * The decoder returns each row's greedy choice (`mlhub_greedy_token` and `mlhub_greedy_logprob`, checked at
   * load): greedy rows take it instead of reading their logits twice in JavaScript.
   */
  greedyChoice: boolean;
  /**
   * The cross-attention model split out of the decoder (onnx/decoder-split.ts): run after the encoder, it gives a
   * request's `past_key_values.*.encoder.*`, and the decoder (then without its If) takes every step, the first
   * one too, so a newcomer joins the others' run at once. Null for a decoder loaded whole.
   */
  crossAttention: InferenceSession | null;
}

export type LoadedDtype = 'fp32' | 'q8';

const QUANTIZED = ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const FULL = ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx'];

/** `auto` takes the quantized twins where both exist. */
export function resolveDtype(modelDir: string, dtype: ModelDtype): LoadedDtype {
  if (dtype !== 'auto') return dtype;
  return QUANTIZED.every((file) => existsSync(path.join(modelDir, file))) ? 'q8' : 'fp32';
}

/** Bytes of the ONNX files a dtype loads, for an honest `Retry-After` while loading. */
export function weightBytes(modelDir: string, dtype: LoadedDtype): number {
  return (dtype === 'q8' ? QUANTIZED : FULL).reduce((sum, file) => {
    try {
      return sum + statSync(path.join(modelDir, file)).size;
    } catch {
      return sum;
    }
  }, 0);
}

/** The served id: the configured one, else the config's `_name_or_path`, else `local/<folder>`. */
export function servedModelId(modelDir: string, configured: string): string {
  if (configured !== '') return configured;
  try {
    const config = JSON.parse(readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as { _name_or_path?: unknown };
    const name = config._name_or_path;
    if (typeof name === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?$/.test(name)) return name;
  } catch {
    // No readable config: the folder name still identifies the model.
  }
  return `local/${path.basename(path.resolve(modelDir))}`;
}

/** Pieces longer than this are not looked for: a vocabulary we cannot read is assumed to hold them. */
const UNKNOWN_PIECE_CHARS = 64;

/** The longest piece of the loaded tokenizer's vocabulary (added tokens too), read from it, not from the file again. */
function longestPiece(tokenizer: unknown): number {
  const vocab = (tokenizer as { get_vocab?: () => Map<string, number> | Record<string, number> }).get_vocab?.();
  const pieces = vocab instanceof Map ? [...vocab.keys()] : Object.keys(vocab ?? {});
  const longest = pieces.reduce((most, piece) => Math.max(most, piece.length), 0);
  return longest > 0 ? longest : UNKNOWN_PIECE_CHARS;
}

interface T5Config {
  num_decoder_layers?: number;
  num_layers?: number;
  num_heads: number;
  d_kv: number;
  eos_token_id: number;
  pad_token_id: number;
  decoder_start_token_id?: number;
}

/** Largest difference, relative to the logits' scale, the mask check accepts (float rounding is about 1e-6). */
const MASK_TOLERANCE = 1e-4;

/** How the self-attention mask went at load, for the log. */
export interface MaskOutcome {
  applied: boolean;
  /** Why not, or the check's measured deviation. */
  detail: string;
}

/**
 * Loads the model with the self-attention mask when the decoder can take it (masked-model.ts), else as it is.
 * `cacheRoot` is the data folder's cache: transformers.js' own cache and the patched decoders live there.
 */
export async function loadModel(
  modelDir: string,
  dtype: LoadedDtype,
  cacheRoot: string,
  threads: SessionThreads,
  useMask = true,
): Promise<{ model: LoadedModel; mask: MaskOutcome }> {
  const cacheDir = path.join(cacheRoot, 'transformers');
  const asItIs = async (detail: string) => ({
    model: await loadFolder(modelDir, dtype, cacheDir, threads, false),
    mask: { applied: false, detail },
  });
  if (!useMask) return asItIs('turned off');
  const decoderFile = (dtype === 'q8' ? QUANTIZED[1] : FULL[1]) as string;
  let folder: string;
  try {
    folder = await maskedModelFolder(modelDir, decoderFile, cacheRoot);
  } catch (error) {
    return asItIs((error as Error).message);
  }
  const model = await loadFolder(folder, dtype, cacheDir, threads, true);
  const crossFile = path.join(folder, crossAttentionFile(decoderFile));
  let detail: string;
  try {
    // The split decoder takes no first step without it: a cross-attention model that does not load fails the patch.
    if (folder !== modelDir && existsSync(crossFile))
      model.crossAttention = await InferenceSession.create(crossFile, { ...threadOptions(threads), executionProviders: ['cpu'] });
    else if (!model.decoder.inputNames.includes(USE_CACHE)) throw new Error('the split decoder has no cross-attention model beside it');
    const check = await checkPatch(model);
    const deviation = check.maskDeviation;
    if (deviation <= MASK_TOLERANCE) {
      const columns = check.stepColumns ? 'step columns' : 'no step columns';
      const greedy = check.greedyChoice ? 'greedy choice' : 'no greedy choice';
      const split = model.crossAttention ? 'cross-attention model' : 'decoder whole';
      return {
        model: { ...model, stepColumns: check.stepColumns, greedyChoice: check.greedyChoice },
        mask: { applied: true, detail: `check deviation ${deviation.toExponential(1)}, ${columns}, ${greedy}, ${split}` },
      };
    }
    detail = `the check's logits moved by ${deviation.toExponential(1)} of their scale`;
  } catch (error) {
    detail = `the check failed: ${(error as Error).message}`;
  }
  // A decoder that came with the mask keeps it (fed all ones, it is the decoder as exported); a patched copy goes.
  if (folder === modelDir) return { model: { ...model, selfAttentionMask: false }, mask: { applied: false, detail } };
  await Promise.all([model.encoder.release(), model.decoder.release(), model.crossAttention?.release()]);
  return asItIs(detail);
}

/**
 * Loads tokenizer and model from a local folder, never from the network: `cacheDir` stays inside the data
 * folder. transformers.js resolves the id against `localModelPath`, so the folder is given as parent + name.
 */
async function loadFolder(
  modelDir: string,
  dtype: LoadedDtype,
  cacheDir: string,
  threads: SessionThreads,
  masked: boolean,
): Promise<LoadedModel> {
  const absolute = path.resolve(modelDir);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${path.dirname(absolute)}/`;
  env.cacheDir = cacheDir;
  const name = path.basename(absolute);
  const tokenizer = await AutoTokenizer.from_pretrained(name, { local_files_only: true });
  const model = await AutoModelForSeq2SeqLM.from_pretrained(name, {
    local_files_only: true,
    dtype,
    device: 'cpu',
    session_options: threadOptions(threads),
  });
  const sessions = (model as unknown as { sessions: Record<string, InferenceSession | undefined> }).sessions;
  const encoder = sessions['model'];
  const decoder = sessions['decoder_model_merged'];
  if (!encoder || !decoder) throw new Error(`${modelDir}: transformers.js loaded no encoder/merged decoder sessions`);
  const config = (model as unknown as { config: T5Config }).config;
  const specials = (tokenizer as unknown as { all_special_ids?: number[] }).all_special_ids ?? [];
  return {
    tokenizer: tokenizer as unknown as Tokenizer,
    encoder,
    decoder,
    layers: config.num_decoder_layers ?? config.num_layers ?? 0,
    heads: config.num_heads,
    headDim: config.d_kv,
    eosId: config.eos_token_id,
    padId: config.pad_token_id,
    startId: config.decoder_start_token_id ?? config.pad_token_id,
    specialIds: new Set([...specials, config.eos_token_id, config.pad_token_id]),
    maxLength: (tokenizer as unknown as { model_max_length?: number }).model_max_length ?? Number.POSITIVE_INFINITY,
    maxPieceChars: longestPiece(tokenizer),
    selfAttentionMask: masked,
    stepColumns: false,
    greedyChoice: false,
    crossAttention: null,
  };
}
