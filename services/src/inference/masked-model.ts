// The model folder transformers.js loads when the decoder can be patched: a folder in the data folder's cache
// whose files are links to the model's own, but for the merged decoder, which is the patched copy
// (onnx/decoder-patch.ts: a self-attention mask, each step's new cache columns and each row's greedy choice as
// outputs), split where its layout allows into the decoder without its If and the cross-attention model beside it
// (onnx/decoder-split.ts). The model store is never written to. A copy is made once per decoder file (its path,
// size and modification time name it) and reused by every later start; a changed file gets a new copy and the
// old one is removed. Then a check on the loaded sessions proves the mask does what it must, or the server loads
// the model as it is.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { CACHE_AXIS, crossCaches, decoderFeeds, nextCaches, pick } from './cohort.js';
import { argmax } from './sampling.js';
import { joinRows } from './tensor-rows.js';
import { AlreadyMaskedError } from './onnx/decoder-mask.js';
import { writePatchedDecoder } from './onnx/decoder-patch.js';
import { writeSplitDecoder } from './onnx/decoder-split.js';
import { stepColumnName } from './onnx/decoder-step-columns.js';
import { GREEDY_LOGPROB, GREEDY_TOKEN } from './onnx/decoder-greedy.js';
import { logSumExp } from './log-sum-exp.js';
import { logitDeviation, SPLIT_TOLERANCE, splitDeviation, splitShape } from './split-check.js';

/** Bump when the patch changes: copies made by an older one are then remade. */
const PATCH_VERSION = 4;
const SOURCE_FILE = 'source.json';

/**
 * The folder to load instead of `modelDir`, with `decoderFile` (relative to it) patched; made in
 * `<cacheRoot>/masked-decoder/` unless a copy of this very file is there already; `modelDir` itself when its
 * decoder takes the mask already. Throws when the decoder cannot be patched; nothing is left half-written.
 */
export async function maskedModelFolder(modelDir: string, decoderFile: string, cacheRoot: string): Promise<string> {
  const source = realpathSync(path.join(modelDir, decoderFile));
  const info = statSync(source);
  const key = createHash('sha256').update(`${PATCH_VERSION}\n${source}\n${info.size}\n${info.mtimeMs}`).digest('hex').slice(0, 20);
  const root = path.join(cacheRoot, 'masked-decoder');
  const name = path.basename(path.resolve(modelDir));
  const folder = path.join(root, key, name);
  if (existsSync(path.join(root, key, SOURCE_FILE))) return folder;

  const building = path.join(root, `${key}.${process.pid}.tmp`);
  rmSync(building, { recursive: true, force: true });
  try {
    linkTree(path.resolve(modelDir), path.join(building, name), decoderFile);
    const decoder = path.join(building, name, decoderFile);
    const whole = `${decoder}.whole`;
    try {
      await writePatchedDecoder(source, whole);
    } catch (error) {
      if (error instanceof AlreadyMaskedError) return modelDir;
      throw error;
    }
    const cross = path.join(building, name, crossAttentionFile(decoderFile));
    const shape = splitShape(modelDir);
    try {
      if (shape === null) throw new Error('config.json does not give the cache shapes');
      await writeSplitDecoder(whole, decoder, cross);
      const deviation = await splitDeviation({ whole, split: decoder, cross }, shape);
      if (!(deviation <= SPLIT_TOLERANCE)) throw new Error(`the split moved the logits by ${deviation} of their scale`);
      rmSync(whole);
    } catch {
      // A layout the split does not know (onnx/decoder-split.ts), or a split that does not decode as the whole
      // decoder does (split-check.ts): the patched decoder stays whole, its If kept.
      rmSync(cross, { force: true });
      renameSync(whole, decoder);
    }
    writeFileSync(path.join(building, SOURCE_FILE), `${JSON.stringify({ source, size: info.size, mtimeMs: info.mtimeMs })}\n`);
    removeOlderCopies(root, source, key);
    try {
      renameSync(building, path.join(root, key));
    } catch (error) {
      // Another server made the same copy meanwhile: use it.
      if (!existsSync(path.join(root, key, SOURCE_FILE))) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return folder;
}

/**
 * Where the split writes the cross-attention model beside the decoder file it came from, in the patched folder:
 * `onnx/decoder_model_merged_quantized.onnx` gives `onnx/mlhub_cross_attention_quantized.onnx`.
 */
export function crossAttentionFile(decoderFile: string): string {
  const base = path.basename(decoderFile);
  const merged = 'decoder_model_merged';
  const cross = base.startsWith(merged) ? `mlhub_cross_attention${base.slice(merged.length)}` : `mlhub_cross_attention_${base}`;
  return path.join(path.dirname(decoderFile), cross);
}

/** `target` mirrors `source` with a link per file, except `skip` (relative), which the caller writes. */
function linkTree(source: string, target: string, skip: string, prefix = ''): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (rel === skip || entry.name === '.git') continue;
    if (entry.isDirectory() && skip.startsWith(`${rel}/`))
      linkTree(path.join(source, entry.name), path.join(target, entry.name), skip, rel);
    else symlinkSync(path.join(source, entry.name), path.join(target, entry.name));
  }
}

/**
 * Copies of earlier versions of the same decoder file (not `key`'s, which another server may be loading), of
 * decoders deleted since, and half-made ones of servers that died.
 */
function removeOlderCopies(root: string, source: string, key: string): void {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === key) continue;
    const building = /^[0-9a-f]+\.(\d+)\.tmp$/.exec(entry.name);
    if (building) {
      // A copy a server was making when it died (SIGKILL, power): nothing else will remove it.
      if (!running(Number(building[1]))) rmSync(path.join(root, entry.name), { recursive: true, force: true });
      continue;
    }
    try {
      const recorded = JSON.parse(readFileSync(path.join(root, entry.name, SOURCE_FILE), 'utf8')) as { source?: unknown };
      // An older copy of this decoder, or the copy of one no longer in the store (its model was deleted).
      const gone = typeof recorded.source === 'string' && !existsSync(recorded.source);
      if (recorded.source === source || gone) rmSync(path.join(root, entry.name), { recursive: true, force: true });
    } catch {
      // Not a copy of ours, or one being made: left alone.
    }
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What the check needs of a loaded model. */
export interface MaskCheckModel {
  encoder: InferenceSession;
  decoder: InferenceSession;
  layers: number;
  heads: number;
  headDim: number;
  startId: number;
  eosId: number;
  /** The cross-attention model split out of the decoder; null: the decoder computes those caches at its first step. */
  crossAttention: InferenceSession | null;
}

/** Padding columns the check puts left of a row's cache. */
const CHECK_PADDING = 5;
/** Decoder steps of the row before the checked one. */
const CHECK_STEPS = 3;

/** What the load-time check found. */
export interface PatchCheck {
  /** The largest difference the mask made to a row's logits, relative to their scale. */
  maskDeviation: number;
  /** The decoder returns step columns, and at every checked step they were the last column of its `present.*`. */
  stepColumns: boolean;
  /** The decoder returns greedy choices, and at every checked step they were the argmax and its logprob. */
  greedyChoice: boolean;
}

/** How far the decoder's greedy logprob may be from the JavaScript one (float32 log-softmax against a table exp). */
const GREEDY_LOGPROB_TOLERANCE = 1e-4;

/**
 * Whether the patch works on these sessions. The mask: a row's next logits, from its own cache, against the same
 * row with its cache left-padded by zero columns, masked. A mask that reaches every self-attention gives the same
 * logits (to float rounding); a missed layer (its padding takes softmax weight from the real keys), or a bias that
 * depended on absolute positions, changes them. The step columns: equal to the newest column of each cache.
 */
export async function checkPatch(model: MaskCheckModel): Promise<PatchCheck> {
  const { encoder, decoder } = model;
  const promptIds = [model.eosId + 2, model.eosId + 3, model.eosId + 4, model.eosId];
  const encoderMask = new Tensor(
    'int64',
    BigInt64Array.from(promptIds, () => 1n),
    [1, promptIds.length],
  );
  const encoded = await encoder.run(
    pick(encoder.inputNames, {
      input_ids: new Tensor('int64', BigInt64Array.from(promptIds, BigInt), [1, promptIds.length]),
      attention_mask: encoderMask,
    }),
  );
  const hidden = encoded['last_hidden_state'] as Tensor;
  let past: Record<string, Tensor> = {};
  let encoderPast = model.crossAttention ? await crossCaches(model.crossAttention, hidden) : {};
  let stepColumns = true;
  let greedyChoice = true;
  const run = async (token: number, cache: Record<string, Tensor>, mask: bigint[]) => {
    const selfMask = new Tensor('int64', BigInt64Array.from(mask), [1, mask.length]);
    const feeds = decoderFeeds(model, { inputIds: [token], hidden, encMask: encoderMask, past: cache, encoderPast, selfMask });
    const out = await decoder.run(pick(decoder.inputNames, feeds));
    const caches = nextCaches(out);
    stepColumns &&= Object.entries(caches.decoder).every(([name, present]) => isNewestColumn(out[stepColumnName(name)], present));
    const logits = (out['logits'] as Tensor).data as Float32Array;
    greedyChoice &&= isGreedyChoice(out, logits);
    return { logits, caches };
  };
  let token = model.startId;
  for (let step = 0; step < CHECK_STEPS; step++) {
    const { logits, caches } = await run(
      token,
      past,
      Array.from({ length: step + 1 }, () => 1n),
    );
    if (step === 0 && !model.crossAttention) encoderPast = caches.encoder;
    past = caches.decoder;
    token = argmax(logits);
  }
  const own = await run(
    token,
    past,
    Array.from({ length: CHECK_STEPS + 1 }, () => 1n),
  );
  // Zero columns, as the engine pads: a quantized graph's dynamic ranges always hold 0, so they stay as they were.
  const padded = Object.fromEntries(
    Object.entries(past).map(([name, tensor]) => {
      return [name, joinRows([tensor], CACHE_AXIS, { align: 'end', minWidth: (tensor.dims[CACHE_AXIS] as number) + CHECK_PADDING })];
    }),
  );
  const mask = [...Array.from({ length: CHECK_PADDING }, () => 0n), ...Array.from({ length: CHECK_STEPS + 1 }, () => 1n)];
  const shifted = await run(token, padded, mask);
  return { maskDeviation: logitDeviation([own.logits], [shifted.logits]), stepColumns, greedyChoice };
}

/** The decoder's greedy outputs for a one-row, one-position step are the argmax of `logits` and its logprob. */
function isGreedyChoice(out: Record<string, Tensor>, logits: Float32Array): boolean {
  const [token, logprob] = [out[GREEDY_TOKEN], out[GREEDY_LOGPROB]];
  if (token === undefined || logprob === undefined || token.data.length !== 1 || logprob.data.length !== 1) return false;
  const best = argmax(logits);
  const expected = (logits[best] as number) - logSumExp(logits);
  return Number(token.data[0]) === best && Math.abs((logprob.data[0] as number) - expected) <= GREEDY_LOGPROB_TOLERANCE;
}

/** `column` `[1, heads, 1, d_kv]` holds exactly the last position of `cache` `[1, heads, length, d_kv]`. */
function isNewestColumn(column: Tensor | undefined, cache: Tensor): boolean {
  if (column === undefined) return false;
  const [rows, heads, length, dkv] = cache.dims as [number, number, number, number];
  if (rows !== 1 || column.dims.join() !== [1, heads, 1, dkv].join()) return false;
  const [c, p] = [column.data as Float32Array, cache.data as Float32Array];
  for (let h = 0; h < heads; h++) for (let i = 0; i < dkv; i++) if (c[h * dkv + i] !== p[(h * length + length - 1) * dkv + i]) return false;
  return true;
}
