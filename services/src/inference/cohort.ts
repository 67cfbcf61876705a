// A cohort: requests decoding in lockstep, so one decoder run serves them all. The merged decoder as Optimum
// exports it takes no self-attention mask and offsets its relative position bias by the past length, so only
// rows at one position (decoder steps taken) can share a run: a request that arrives later starts a cohort of
// its own, and two cohorts that reach the same position merge. When the server could add the mask
// (onnx/decoder-mask.ts), cohorts at any positions merge once their cross-attention caches are there: after their
// first step, or at once when the decoder was split (onnx/decoder-split.ts) and a cross-attention model gave them
// (a newcomer's self-attention cache is then empty). Each row's cache is left-padded to the longest and masked,
// so the relative distances of its own keys stay what they were.
// A finished (or abandoned) row is sliced out of every tensor, with the leading cache columns no row still
// uses; beams are reordered by gathering rows. The caches live in buffers the cohort reuses (cache-buffers.ts); a
// decoder that returns each step's new cache columns has them appended there instead of returning caches whole.
import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { CacheBuffers } from './cache-buffers.js';
import type { Metrics } from './metrics.js';
import type { LoadedModel } from './model.js';
import { AbortedError, type Sequence } from './sequence.js';
import { DECODER_MASK_INPUT } from './onnx/decoder-mask.js';
import { GREEDY_LOGPROB, GREEDY_TOKEN } from './onnx/decoder-greedy.js';
import { ENCODER_STATES } from './onnx/decoder-split.js';
import type { GreedyHint } from './sampling.js';
import { gatherRows, joinRows, type Trim } from './tensor-rows.js';

type Feeds = Record<string, Tensor>;

/**
 * An encoder run's output: hidden states `[rows, width, d_model]` and the mask `[rows, width]` it was run with;
 * with a cross-attention model, the `past_key_values.*.encoder.*` `[rows, heads, width, d_kv]` it gave them.
 */
export interface Encoded {
  hidden: Tensor;
  mask: Tensor;
  cross: Feeds;
}

/** Encoder outputs stacked by row, each right-padded (zero states, mask 0) to the widest prompt. */
export function joinEncoded(parts: readonly Encoded[]): Encoded {
  return {
    hidden: joinRows(
      parts.map((p) => p.hidden),
      1,
    ),
    mask: joinRows(
      parts.map((p) => p.mask),
      1,
    ),
    cross: Object.fromEntries(
      Object.keys(parts[0]?.cross ?? {}).map((name) => [
        name,
        joinRows(
          parts.map((p) => p.cross[name] as Tensor),
          CACHE_AXIS,
        ),
      ]),
    ),
  };
}

/** The self-attention caches' position axis in `[rows, heads, length, d_kv]`. */
export const CACHE_AXIS = 2;

export class Cohort {
  /** Decoder steps each row has taken: the length of its own self-attention cache. */
  private lengths: number[] = [];
  /** The engine's step counter when this cohort last ran (cohorts that cannot merge take turns). */
  lastRan = Number.NEGATIVE_INFINITY;
  private hidden: Tensor;
  private encMask: Tensor;
  private past: Feeds = {};
  private encoderPast: Feeds = {};
  private readonly buffers = new CacheBuffers();

  private members: Sequence[];
  /** The decoder takes `decoder_attention_mask` (fed all ones when rows do not merge across positions). */
  private readonly feedsMask: boolean;

  /** `encoded` holds one row per request, in order (a beam search's rows start as copies of it). */
  constructor(
    requests: readonly Sequence[],
    encoded: Encoded,
    private readonly model: LoadedModel,
  ) {
    this.members = requests.filter((s) => !s.done);
    const owner = this.members.flatMap((s) => Array.from({ length: s.rows }, () => requests.indexOf(s)));
    this.hidden = gatherRows(encoded.hidden, owner);
    this.encMask = gatherRows(encoded.mask, owner);
    this.lengths = owner.map(() => 0);
    this.feedsMask = model.decoder.inputNames.includes(DECODER_MASK_INPUT);
    if (model.crossAttention) {
      this.encoderPast = Object.fromEntries(Object.entries(encoded.cross).map(([name, tensor]) => [name, gatherRows(tensor, owner)]));
      this.past = emptyPast(model, owner.length);
    }
  }

  /** The longest row's cache: decoder steps taken, for a cohort whose rows all started together. */
  get position(): number {
    return Math.max(0, ...this.lengths);
  }

  get sequences(): readonly Sequence[] {
    return this.members;
  }

  get empty(): boolean {
    return this.members.length === 0;
  }

  /** Rows this cohort may take at most (a beam search grows to its beams). */
  get width(): number {
    return this.members.reduce((n, s) => n + s.width, 0);
  }

  /** The most steps a member may still take (its token budget; it may end sooner). */
  get remaining(): number {
    return Math.max(0, ...this.members.map((s) => s.remainingSteps));
  }

  /** Fails every member (an engine error, the server closing). */
  fail(error: Error): void {
    for (const s of this.members) s.fail(error);
    this.members = [];
  }

  /** Members whose client went away leave now (and free their rows), not after a step. */
  dropAborted(): void {
    if (!this.members.some((s) => s.aborted)) return;
    const keep: number[] = [];
    let offset = 0;
    for (const s of this.members) {
      if (!s.aborted) for (let r = 0; r < s.rows; r++) keep.push(offset + r);
      else s.fail(new AbortedError());
      offset += s.rows;
    }
    this.members = this.members.filter((s) => !s.aborted);
    this.keepRows(keep);
  }

  /**
   * Whether another cohort can join this one: at the same position; with the mask, at any position once both
   * hold their cross-attention caches (from the cross-attention model, or from a first step of the decoder).
   */
  canAbsorb(other: Cohort): boolean {
    if (other === this || other.empty || this.empty) return false;
    if (other.position === this.position) return true;
    return this.model.selfAttentionMask && !this.computesCrossAttention && !other.computesCrossAttention;
  }

  /** This cohort's next decoder run computes its cross-attention caches (a decoder loaded whole, at its first step). */
  private get computesCrossAttention(): boolean {
    return Object.keys(this.encoderPast).length === 0;
  }

  /**
   * Takes in another cohort: its rows follow this one's, its prompts padded and masked; at another position, the
   * shorter caches are left-padded and masked.
   */
  absorb(other: Cohort): void {
    if (!this.canAbsorb(other)) throw new Error('these cohorts cannot share a run');
    this.members = [...this.members, ...other.members];
    other.members = [];
    this.hidden = joinRows([this.hidden, other.hidden], 1);
    this.encMask = joinRows([this.encMask, other.encMask], 1);
    const join = (a: Feeds, b: Feeds, padAxis: number, align: 'start' | 'end'): Feeds =>
      Object.fromEntries(
        Object.entries(a).map(([name, tensor]) => [
          name,
          joinRows([tensor, b[name] as Tensor], padAxis, { align, into: this.buffers.into(name, tensor) }),
        ]),
      );
    this.past = join(this.past, other.past, CACHE_AXIS, 'end');
    // Cross-attention keys and values span the prompt: padded like the encoder states, masked by encMask.
    this.encoderPast = join(this.encoderPast, other.encoderPast, CACHE_AXIS, 'start');
    this.lengths = [...this.lengths, ...other.lengths];
    other.lengths = [];
  }

  /** `[rows, cache + 1]`: 0 for the padding left of each row's own cache, 1 for its keys and the new one. */
  private selfMask(rowCount: number): Tensor {
    const width = this.position + 1;
    const mask = new BigInt64Array(rowCount * width);
    this.lengths.forEach((length, r) => mask.fill(1n, r * width + width - 1 - length, (r + 1) * width));
    return new Tensor('int64', mask, [rowCount, width]);
  }

  /** One decoder run over every member's rows: each chooses its tokens; those that end leave. */
  async step(stepOutputs: readonly string[], metrics: Metrics): Promise<void> {
    const { model } = this;
    const inputs = this.members.flatMap((s) => s.nextInputs());
    const rowCount = inputs.length;
    metrics.batchSize.observe(rowCount);
    // The decoder loaded whole computes the cross-attention caches at a first step, and returns them.
    const first = this.computesCrossAttention;
    const feeds = decoderFeeds(model, {
      inputIds: inputs,
      hidden: this.hidden,
      encMask: this.encMask,
      past: this.past,
      encoderPast: this.encoderPast,
      ...(this.feedsMask ? { selfMask: this.selfMask(rowCount) } : {}),
    });
    const stepStarted = performance.now();
    // After the first step the encoder's keys and values pass through unchanged: fetching them again would
    // copy them out of ONNX Runtime at every step (12 MB a step at batch 8).
    const out = await model.decoder.run(pick(model.decoder.inputNames, feeds), first ? model.decoder.outputNames : stepOutputs);
    const logits = out['logits'] as Tensor;
    const [, length, vocab] = logits.dims as [number, number, number];
    const data = logits.data as Float32Array;
    const hints = model.greedyChoice ? greedyHints(out) : null;

    // Each sequence chooses its tokens; `sources` are the rows the next step continues.
    const sources: number[] = [];
    const next: Sequence[] = [];
    let offset = 0;
    for (const s of this.members) {
      const rows = s.rows;
      const own = Array.from({ length: rows }, (_, r) => {
        const start = ((offset + r) * length + length - 1) * vocab;
        return data.subarray(start, start + vocab);
      });
      const before = s.tokens.length;
      const continued = s.step(own, hints?.slice(offset, offset + rows));
      metrics.generatedTokens.inc(s.tokens.length - before);
      if (before === 0 && s.firstTokenAt !== null) metrics.timeToFirstToken.observe((s.firstTokenAt - s.arrivedAt) / 1000);
      if (continued.length > 0) {
        next.push(s);
        for (const r of continued) sources.push(offset + r);
      }
      offset += rows;
    }
    metrics.tokenLatency.observe((performance.now() - stepStarted) / 1000);

    if (first || !model.stepColumns) {
      const caches = nextCaches(out);
      this.past = caches.decoder;
      if (first) this.encoderPast = caches.encoder;
    } else this.past = this.buffers.append(this.past, out);
    this.members = next;
    this.lengths = this.lengths.map((length) => length + 1);
    this.keepRows(sources);
  }

  /** Keeps the given rows, in order, and drops the cache columns left of the longest kept row's own. */
  private keepRows(rows: number[]): void {
    const width = this.position;
    this.lengths = rows.map((r) => this.lengths[r] as number);
    const trim = { axis: CACHE_AXIS, drop: width - this.position };
    const map = (feeds: Feeds, t?: Trim): Feeds =>
      Object.fromEntries(Object.entries(feeds).map(([k, tensor]) => [k, gatherRows(tensor, rows, t, this.buffers.into(k, tensor))]));
    this.hidden = gatherRows(this.hidden, rows);
    this.encMask = gatherRows(this.encMask, rows);
    this.past = map(this.past, trim);
    this.encoderPast = map(this.encoderPast);
  }
}

/** One decoder step's inputs: the rows' last tokens, the encoder's output, the caches (empty on a first step). */
export interface StepInputs {
  inputIds: readonly number[];
  hidden: Tensor;
  encMask: Tensor;
  past: Feeds;
  encoderPast: Feeds;
  /** `decoder_attention_mask`, for a decoder that takes it. */
  selfMask?: Tensor;
}

/**
 * The merged decoder's feeds for a step: `use_cache_branch` false while there is no cache yet, and a missing
 * cache as empty tensors of the session's fixed heads and d_kv, as transformers.js makes them.
 */
export function decoderFeeds(model: Pick<LoadedModel, 'layers' | 'heads' | 'headDim'>, step: StepInputs): Feeds {
  const rowCount = step.inputIds.length;
  const feeds: Feeds = {
    input_ids: new Tensor(
      'int64',
      BigInt64Array.from(step.inputIds, (v) => BigInt(v)),
      [rowCount, 1],
    ),
    encoder_hidden_states: step.hidden,
    encoder_attention_mask: step.encMask,
    use_cache_branch: new Tensor('bool', new Uint8Array([Object.keys(step.past).length > 0 ? 1 : 0]), [1]),
  };
  if (step.selfMask) feeds[DECODER_MASK_INPUT] = step.selfMask;
  for (let i = 0; i < model.layers; i++) {
    for (const part of ['decoder', 'encoder'] as const) {
      for (const kind of ['key', 'value'] as const) {
        const name = `past_key_values.${i}.${part}.${kind}`;
        const given = part === 'decoder' ? step.past[name] : step.encoderPast[name];
        feeds[name] = given ?? emptyCache(model, rowCount);
      }
    }
  }
  return feeds;
}

/** A cache of no columns, `[rows, heads, 0, d_kv]`. */
function emptyCache(model: Pick<LoadedModel, 'heads' | 'headDim'>, rows: number): Tensor {
  return new Tensor('float32', new Float32Array(0), [rows, model.heads, 0, model.headDim]);
}

/** Self-attention caches of no columns: a first step's past. */
function emptyPast(model: Pick<LoadedModel, 'layers' | 'heads' | 'headDim'>, rows: number): Feeds {
  const past: Feeds = {};
  for (let i = 0; i < model.layers; i++)
    for (const kind of ['key', 'value']) past[`past_key_values.${i}.decoder.${kind}`] = emptyCache(model, rows);
  return past;
}

/** Each row's greedy choice at its last position, from the decoder's `[rows, length, 1]` outputs. */
function greedyHints(out: Feeds): GreedyHint[] {
  const [tokens, logprobs] = [out[GREEDY_TOKEN], out[GREEDY_LOGPROB]] as [Tensor, Tensor];
  const [rows, length] = tokens.dims as [number, number];
  return Array.from({ length: rows }, (_, r) => ({
    token: Number((tokens.data as BigInt64Array)[r * length + length - 1]),
    logprob: (logprobs.data as Float32Array)[r * length + length - 1] as number,
  }));
}

/** A step's `present.*` outputs as the next step's `past_key_values.*`: the self-attention and the encoder's. */
export function nextCaches(out: Feeds): { decoder: Feeds; encoder: Feeds } {
  const caches = { decoder: {} as Feeds, encoder: {} as Feeds };
  for (const [name, tensor] of Object.entries(out)) {
    if (!name.startsWith('present.')) continue;
    caches[name.includes('.decoder.') ? 'decoder' : 'encoder'][name.replace('present.', 'past_key_values.')] = tensor;
  }
  return caches;
}

/** The split's cross-attention model on encoder states: their `past_key_values.*.encoder.*`. */
export async function crossCaches(crossAttention: InferenceSession, hidden: Tensor): Promise<Feeds> {
  return nextCaches(await crossAttention.run({ [ENCODER_STATES]: hidden })).encoder;
}

/** A session's inputs out of `feeds`, by its own input names: a missing one is a clear error, not a crash. */
export function pick(names: readonly string[], feeds: Feeds): Feeds {
  const picked: Feeds = {};
  for (const name of names) {
    const tensor = feeds[name];
    if (!tensor) throw new Error(`the model's session needs an input '${name}' the server does not make`);
    picked[name] = tensor;
  }
  return picked;
}
