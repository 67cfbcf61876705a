// A cohort: requests decoding in lockstep, all at one position (decoder steps taken), so one decoder run serves
// them all. The merged decoder (as Optimum exports it, and real weights come) takes no self-attention mask and
// offsets its relative position bias by the past length, so only rows at one position can share a run: a
// request that arrives later starts a cohort of its own, and two cohorts that reach the same position merge.
// A finished (or abandoned) row is sliced out of every tensor; beams are reordered by gathering rows.
import { Tensor } from 'onnxruntime-node';
import type { Metrics } from './metrics.js';
import type { LoadedModel } from './model.js';
import { AbortedError, type Sequence } from './sequence.js';
import { gatherRows, joinRows } from './tensor-rows.js';

type Feeds = Record<string, Tensor>;

/** An encoder run's output: hidden states `[rows, width, d_model]` and the mask `[rows, width]` it was run with. */
export interface Encoded {
  hidden: Tensor;
  mask: Tensor;
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
  };
}

export class Cohort {
  /** Decoder steps taken: the length of every row's self-attention cache. */
  position = 0;
  /** The engine's step counter when this cohort last ran (cohorts that cannot merge take turns). */
  lastRan = Number.NEGATIVE_INFINITY;
  private hidden: Tensor;
  private encMask: Tensor;
  private past: Feeds = {};
  private encoderPast: Feeds = {};

  private members: Sequence[];

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

  /** Takes in another cohort at the same position: its rows follow this one's, its prompts padded and masked. */
  absorb(other: Cohort): void {
    if (other.position !== this.position) throw new Error('cohorts merge only at the same position');
    this.members = [...this.members, ...other.members];
    other.members = [];
    this.hidden = joinRows([this.hidden, other.hidden], 1);
    this.encMask = joinRows([this.encMask, other.encMask], 1);
    const join = (a: Feeds, b: Feeds, padAxis: number | null): Feeds =>
      Object.fromEntries(Object.entries(a).map(([name, tensor]) => [name, joinRows([tensor, b[name] as Tensor], padAxis)]));
    this.past = join(this.past, other.past, null);
    // Cross-attention keys and values span the prompt: padded like the encoder states, masked by encMask.
    this.encoderPast = join(this.encoderPast, other.encoderPast, 2);
  }

  /** One decoder run over every member's rows: each chooses its tokens; those that end leave. */
  async step(stepOutputs: readonly string[], metrics: Metrics): Promise<void> {
    const { model } = this;
    const inputs = this.members.flatMap((s) => s.nextInputs());
    const rowCount = inputs.length;
    metrics.batchSize.observe(rowCount);
    const first = this.position === 0;
    const feeds: Feeds = {
      input_ids: new Tensor(
        'int64',
        BigInt64Array.from(inputs, (v) => BigInt(v)),
        [rowCount, 1],
      ),
      encoder_hidden_states: this.hidden,
      encoder_attention_mask: this.encMask,
      use_cache_branch: new Tensor('bool', new Uint8Array([first ? 0 : 1]), [1]),
    };
    for (let i = 0; i < model.layers; i++) {
      for (const part of ['decoder', 'encoder'] as const) {
        for (const kind of ['key', 'value'] as const) {
          const name = `past_key_values.${i}.${part}.${kind}`;
          const given = part === 'decoder' ? this.past[name] : this.encoderPast[name];
          feeds[name] = given ?? new Tensor('float32', new Float32Array(0), [rowCount, model.heads, 0, model.headDim]);
        }
      }
    }
    const stepStarted = performance.now();
    // After the first step the encoder's keys and values pass through unchanged: fetching them again would
    // copy them out of ONNX Runtime at every step (12 MB a step at batch 8).
    const out = await model.decoder.run(pick(model.decoder.inputNames, feeds), first ? model.decoder.outputNames : stepOutputs);
    const logits = out['logits'] as Tensor;
    const [, length, vocab] = logits.dims as [number, number, number];
    const data = logits.data as Float32Array;

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
      const continued = s.step(own);
      metrics.generatedTokens.inc(s.tokens.length - before);
      if (before === 0 && s.firstTokenAt !== null) metrics.timeToFirstToken.observe((s.firstTokenAt - s.arrivedAt) / 1000);
      if (continued.length > 0) {
        next.push(s);
        for (const r of continued) sources.push(offset + r);
      }
      offset += rows;
    }
    metrics.tokenLatency.observe((performance.now() - stepStarted) / 1000);

    const presentDecoder: Feeds = {};
    for (const [name, tensor] of Object.entries(out)) {
      if (!name.startsWith('present.')) continue;
      const pastName = name.replace('present.', 'past_key_values.');
      if (name.includes('.decoder.')) presentDecoder[pastName] = tensor;
      else if (first) this.encoderPast[pastName] = tensor;
    }
    this.past = presentDecoder;
    this.members = next;
    this.position++;
    this.keepRows(sources);
  }

  private keepRows(rows: number[]): void {
    const map = (feeds: Feeds): Feeds => Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, gatherRows(t, rows)]));
    this.hidden = gatherRows(this.hidden, rows);
    this.encMask = gatherRows(this.encMask, rows);
    this.past = map(this.past);
    this.encoderPast = map(this.encoderPast);
  }
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
