// The batching decode loop on the sessions transformers.js loaded: encoder once per batch, then the merged
// decoder with its KV cache, one token per row per step. A finished (or abandoned) row is sliced out of every
// tensor; beams are reordered by gathering rows. The merged decoder takes no self-attention mask, so rows at
// different positions cannot share a step: requests that arrive while a batch runs join the next batch.
import { Tensor } from 'onnxruntime-node';
import type { Metrics } from './metrics.js';
import type { LoadedModel } from './model.js';
import { AbortedError, type GenerationRequest, type GenerationResult, Sequence } from './sequence.js';

export interface EngineOptions {
  maxBatchSize: number;
  batchWaitMs: number;
  /** Requests held at once, running and queued. */
  maxConcurrent: number;
}

export class OverloadedError extends Error {
  constructor(readonly retryAfterS: number) {
    super('Model is overloaded');
    this.name = 'OverloadedError';
  }
}

type Feeds = Record<string, Tensor>;

/** An encoder run's output: hidden states `[rows, width, d_model]` and the mask `[rows, width]` it was run with. */
interface Encoded {
  hidden: Tensor;
  mask: Tensor;
}

/** Most waits of `batchWaitMs` a new batch makes while requests keep arriving. */
const GATHER_WINDOWS = 5;

export class Engine {
  private readonly queue: Sequence[] = [];
  private running: Sequence[] = [];
  private looping = false;
  private lastArrivalAt = 0;
  private closed = false;
  private meanDurationS = 1;

  /** The decoder outputs a step after the first needs: all but the encoder's keys and values. */
  private readonly stepOutputs: readonly string[];

  constructor(
    private readonly model: LoadedModel,
    private readonly options: EngineOptions,
    private readonly metrics: Metrics,
  ) {
    this.stepOutputs = model.decoder.outputNames.filter((name) => !(name.startsWith('present.') && name.includes('.encoder.')));
  }

  get held(): number {
    return this.queue.length + this.running.length;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Queues a request; throws OverloadedError at once when the server already holds its maximum. */
  submit(request: GenerationRequest): Promise<GenerationResult> {
    if (this.closed) return Promise.reject(new Error('engine closed'));
    if (this.held >= this.options.maxConcurrent) throw new OverloadedError(this.retryAfterS());
    const sequence = new Sequence(request, this.model);
    this.queue.push(sequence);
    this.lastArrivalAt = performance.now();
    this.metrics.queueSize.set(this.queue.length);
    if (!this.looping) void this.loop();
    return sequence.result;
  }

  /** Seconds until a slot is likely free: the batches ahead of a new request times a recent request's duration. */
  retryAfterS(): number {
    return Math.max(1, Math.ceil((this.meanDurationS * this.held) / this.options.maxBatchSize));
  }

  close(): void {
    this.closed = true;
    for (const sequence of [...this.queue, ...this.running]) sequence.fail(new Error('server closing'));
    this.queue.length = 0;
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch: Sequence[] = [];
        this.running = batch;
        try {
          const encoded = await this.gather(batch);
          if (batch.length > 0) await this.runBatch(batch, encoded);
        } catch (error) {
          for (const sequence of batch) sequence.fail(error as Error);
        }
        this.running = [];
      }
    } finally {
      this.looping = false;
    }
  }

  /**
   * Forms a batch and encodes it as it forms: what waits now is encoded at once, then the batch waits for more
   * while requests keep arriving. Session runs block the event loop, so requests sent together reach the queue
   * spread over several milliseconds; the batch starts once `batchWaitMs` passes with no arrival (the encoder's
   * own time counts, so a request that comes alone waits for nothing), when it is full, or after GATHER_WINDOWS
   * waits. Each arrival is encoded on its own: T5's encoder rows do not see each other, and padding is masked.
   */
  private async gather(batch: Sequence[]): Promise<Encoded[]> {
    const { batchWaitMs, maxBatchSize } = this.options;
    const parts: Encoded[] = [];
    const encodeNew = async () => {
      const from = batch.length;
      this.take(batch);
      if (batch.length > from) parts.push(await this.encode(batch.slice(from)));
    };
    await encodeNew();
    for (let window = 0; window < GATHER_WINDOWS && batch.length > 0 && rowsOf(batch) < maxBatchSize; window++) {
      // Lets in what reached the sockets while the encoder held the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.queue.length === 0) {
        const quiet = performance.now() - this.lastArrivalAt;
        if (quiet >= batchWaitMs) break;
        await new Promise((resolve) => setTimeout(resolve, batchWaitMs - quiet));
        if (this.queue.length === 0) break;
      }
      await encodeNew();
    }
    return parts;
  }

  /** Moves waiting requests, in arrival order, into `batch` up to `maxBatchSize` rows (a first one always, however wide). */
  private take(batch: Sequence[]): void {
    let rows = rowsOf(batch);
    while (this.queue.length > 0) {
      const next = this.queue[0] as Sequence;
      if (next.aborted) {
        this.queue.shift();
        next.fail(new AbortedError());
        continue;
      }
      if (batch.length > 0 && rows + next.width > this.options.maxBatchSize) break;
      this.queue.shift();
      batch.push(next);
      rows += next.width;
    }
    this.metrics.queueSize.set(this.queue.length);
  }

  /** The encoder on some of a batch's prompts, right-padded to the longest and masked. */
  private async encode(part: Sequence[]): Promise<Encoded> {
    const { model } = this;
    const width = Math.max(...part.map((s) => s.request.inputIds.length));
    const ids = new BigInt64Array(part.length * width).fill(BigInt(model.padId));
    const mask = new BigInt64Array(part.length * width);
    part.forEach((sequence, b) => {
      sequence.request.inputIds.forEach((id, t) => {
        ids[b * width + t] = BigInt(id);
        mask[b * width + t] = 1n;
      });
    });
    const attentionMask = new Tensor('int64', mask, [part.length, width]);
    const encoded = await model.encoder.run(
      pick(model.encoder.inputNames, { input_ids: new Tensor('int64', ids, [part.length, width]), attention_mask: attentionMask }),
    );
    return { hidden: encoded['last_hidden_state'] as Tensor, mask: attentionMask };
  }

  private async runBatch(batch: Sequence[], parts: Encoded[]): Promise<void> {
    const { model } = this;
    const { hidden: hiddenAll, mask: encoderMask } = joinEncoded(parts);

    // Rows: each sequence's rows in order; `owner[r]` is the batch index whose encoder output row r uses.
    let members = batch.filter((s) => !s.done);
    const owner = members.flatMap((s) => Array.from({ length: s.rows }, () => batch.indexOf(s)));
    let hidden = gatherRows(hiddenAll, owner);
    let encMask = gatherRows(encoderMask, owner);
    let past: Feeds = {};
    let encoderPast: Feeds = {};
    let step = 0;
    const started = performance.now();

    while (members.length > 0) {
      // A client that went away leaves before the step, not after it.
      const leaving = members.filter((s) => s.aborted);
      if (leaving.length > 0) {
        const keep: number[] = [];
        let offset = 0;
        for (const s of members) {
          const rows = s.rows;
          if (!s.aborted) for (let r = 0; r < rows; r++) keep.push(offset + r);
          offset += rows;
        }
        for (const s of leaving) s.fail(new AbortedError());
        members = members.filter((s) => !s.aborted);
        ({ hidden, encMask, past, encoderPast } = this.gatherAll(keep, hidden, encMask, past, encoderPast));
        if (members.length === 0) break;
      }

      const inputs = members.flatMap((s) => s.nextInputs());
      const rowCount = inputs.length;
      this.metrics.batchSize.observe(rowCount);
      const feeds: Feeds = {
        input_ids: new Tensor(
          'int64',
          BigInt64Array.from(inputs, (v) => BigInt(v)),
          [rowCount, 1],
        ),
        encoder_hidden_states: hidden,
        encoder_attention_mask: encMask,
        use_cache_branch: new Tensor('bool', new Uint8Array([step === 0 ? 0 : 1]), [1]),
      };
      for (let i = 0; i < model.layers; i++) {
        for (const part of ['decoder', 'encoder'] as const) {
          for (const kind of ['key', 'value'] as const) {
            const name = `past_key_values.${i}.${part}.${kind}`;
            const given = part === 'decoder' ? past[name] : encoderPast[name];
            feeds[name] = given ?? new Tensor('float32', new Float32Array(0), [rowCount, model.heads, 0, model.headDim]);
          }
        }
      }
      const stepStarted = performance.now();
      // After the first step the encoder's keys and values pass through unchanged: fetching them again would
      // copy them out of ONNX Runtime at every step (12 MB a step at batch 8).
      const out = await model.decoder.run(pick(model.decoder.inputNames, feeds), step === 0 ? model.decoder.outputNames : this.stepOutputs);
      const logits = out['logits'] as Tensor;
      const [, length, vocab] = logits.dims as [number, number, number];
      const data = logits.data as Float32Array;

      // Each sequence chooses its tokens; `sources` are the rows the next step continues.
      const sources: number[] = [];
      const next: Sequence[] = [];
      let offset = 0;
      for (const s of members) {
        const rows = s.rows;
        const own = Array.from({ length: rows }, (_, r) => {
          const start = ((offset + r) * length + length - 1) * vocab;
          return data.subarray(start, start + vocab);
        });
        const before = s.tokens.length;
        const continued = s.step(own);
        this.metrics.generatedTokens.inc(s.tokens.length - before);
        if (before === 0 && s.firstTokenAt !== null) this.metrics.timeToFirstToken.observe((s.firstTokenAt - s.arrivedAt) / 1000);
        if (continued.length > 0) {
          next.push(s);
          for (const r of continued) sources.push(offset + r);
        }
        offset += rows;
      }
      this.metrics.tokenLatency.observe((performance.now() - stepStarted) / 1000);

      const presentDecoder: Feeds = {};
      const presentEncoder: Feeds = {};
      for (const [name, tensor] of Object.entries(out)) {
        if (!name.startsWith('present.')) continue;
        const pastName = name.replace('present.', 'past_key_values.');
        if (name.includes('.decoder.')) presentDecoder[pastName] = tensor;
        else if (step === 0) presentEncoder[pastName] = tensor;
      }
      members = next;
      step++;
      if (members.length === 0) break;
      ({ hidden, encMask, past, encoderPast } = this.gatherAll(
        sources,
        hidden,
        encMask,
        presentDecoder,
        step === 1 ? presentEncoder : encoderPast,
      ));
    }
    const duration = (performance.now() - started) / 1000;
    this.meanDurationS = 0.8 * this.meanDurationS + 0.2 * duration;
  }

  private gatherAll(
    rows: number[],
    hidden: Tensor,
    encMask: Tensor,
    past: Feeds,
    encoderPast: Feeds,
  ): {
    hidden: Tensor;
    encMask: Tensor;
    past: Feeds;
    encoderPast: Feeds;
  } {
    const map = (feeds: Feeds): Feeds => Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, gatherRows(t, rows)]));
    return { hidden: gatherRows(hidden, rows), encMask: gatherRows(encMask, rows), past: map(past), encoderPast: map(encoderPast) };
  }
}

function pick(names: readonly string[], feeds: Feeds): Feeds {
  const picked: Feeds = {};
  for (const name of names) {
    const tensor = feeds[name];
    if (!tensor) throw new Error(`the model's session needs an input '${name}' the server does not make`);
    picked[name] = tensor;
  }
  return picked;
}

/** The tensor's rows (first dimension) in the given order; the same tensor when that order is the identity. */
function gatherRows(tensor: Tensor, rows: readonly number[]): Tensor {
  const [count, ...rest] = tensor.dims;
  if (rows.length === count && rows.every((r, i) => r === i)) return tensor;
  const size = rest.reduce((a, b) => a * b, 1);
  const source = tensor.data as Float32Array | BigInt64Array;
  const target = new (source.constructor as Float32ArrayConstructor | BigInt64ArrayConstructor)(rows.length * size);
  rows.forEach((r, i) => {
    (target as Float32Array).set((source as Float32Array).subarray(r * size, (r + 1) * size), i * size);
  });
  return new Tensor(tensor.type as 'float32', target as Float32Array, [rows.length, ...rest]);
}

function rowsOf(batch: readonly Sequence[]): number {
  return batch.reduce((rows, s) => rows + s.width, 0);
}

/** Encoder parts stacked by row, each right-padded (zero states, mask 0) to the widest. */
function joinEncoded(parts: readonly Encoded[]): Encoded {
  if (parts.length === 1) return parts[0] as Encoded;
  const width = Math.max(...parts.map((p) => p.mask.dims[1] as number));
  const rows = parts.reduce((n, p) => n + (p.mask.dims[0] as number), 0);
  const dModel = (parts[0] as Encoded).hidden.dims[2] as number;
  const hidden = new Float32Array(rows * width * dModel);
  const mask = new BigInt64Array(rows * width);
  let row = 0;
  for (const part of parts) {
    const [count, w] = part.mask.dims as [number, number];
    const states = part.hidden.data as Float32Array;
    const bits = part.mask.data as BigInt64Array;
    for (let r = 0; r < count; r++, row++) {
      hidden.set(states.subarray(r * w * dModel, (r + 1) * w * dModel), row * width * dModel);
      mask.set(bits.subarray(r * w, (r + 1) * w), row * width);
    }
  }
  return { hidden: new Tensor('float32', hidden, [rows, width, dModel]), mask: new Tensor('int64', mask, [rows, width]) };
}
