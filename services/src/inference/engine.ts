// The decode loop on the sessions transformers.js loaded. Requests decode in cohorts (see cohort.ts): rows that
// share each decoder run. With the self-attention mask the server adds to the decoder at load, a request that
// arrives while others decode starts at once, between their steps: its prompt is encoded and, with the decoder
// split (its cross-attention model run on the prompt), it joins their next run at its first step; with the
// decoder whole its first step runs on its own (that step computes its cross-attention caches), and then it
// joins them, at whatever position they are. Without the mask (a decoder the patch did not
// recognise) only rows at one position share a run: a newcomer starts its own cohort at once when it can catch
// up with the others, else after `maxWaitingTokens` runs, together with what arrived meanwhile; cohorts that
// cannot merge take turns, step by step, and a newcomer that can catch up with the cohort ahead of it runs alone
// while that one waits, and then they run as one.
import { Tensor } from 'onnxruntime-node';
import { Cohort, crossCaches, type Encoded, joinEncoded, pick } from './cohort.js';
import { decoderStepOutputs } from './decoder-outputs.js';
import type { Metrics } from './metrics.js';
import type { LoadedModel } from './model.js';
import { AbortedError, type GenerationRequest, type GenerationResult, Sequence } from './sequence.js';

export interface EngineOptions {
  /** Most decoder rows in flight at once, over every cohort (a beam search takes `num_beams`). */
  maxBatchSize: number;
  batchWaitMs: number;
  /** Decoder runs a request waits at most, while others decode, before it starts anyway (TGI's `max_waiting_tokens`). */
  maxWaitingTokens: number;
  /** Requests held at once, running and queued. */
  maxConcurrent: number;
}

export class OverloadedError extends Error {
  constructor(readonly retryAfterS: number) {
    super('Model is overloaded');
    this.name = 'OverloadedError';
  }
}

/** Most waits of `batchWaitMs` a new batch makes while requests keep arriving. */
const GATHER_WINDOWS = 5;

export class Engine {
  private readonly queue: Sequence[] = [];
  /** Requests taken from the queue into a cohort being formed (encoded, or gathering more): still held. */
  private forming: Sequence[] = [];
  private cohorts: Cohort[] = [];
  private looping = false;
  private lastArrivalAt = 0;
  private closed = false;
  private meanDurationS = 1;
  /** Decoder runs so far: cohorts that take turns go by the one that ran longest ago. */
  private steps = 0;
  /** The decoder run count when each waiting request came. */
  private readonly queuedAt = new WeakMap<Sequence, number>();

  /** The decoder outputs a step after the first needs: all but the encoder's keys and values. */
  private readonly stepOutputs: readonly string[];

  constructor(
    private readonly model: LoadedModel,
    private readonly options: EngineOptions,
    private readonly metrics: Metrics,
  ) {
    this.stepOutputs = decoderStepOutputs(model.decoder.outputNames, model.stepColumns);
  }

  get held(): number {
    return this.queue.length + this.forming.length + this.cohorts.reduce((n, c) => n + c.sequences.length, 0);
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
    this.queuedAt.set(sequence, this.steps);
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
    for (const sequence of [...this.queue, ...this.forming]) sequence.fail(new Error('server closing'));
    for (const cohort of this.cohorts) cohort.fail(new Error('server closing'));
    this.queue.length = 0;
    this.forming = [];
    this.cohorts = [];
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while ((this.queue.length > 0 || this.cohorts.length > 0) && !this.closed) {
        this.dropAbortedWaiting();
        await this.admit();
        for (const cohort of this.cohorts) cohort.dropAborted();
        this.cohorts = this.cohorts.filter((c) => !c.empty);
        const cohort = this.next();
        if (cohort) await this.run(cohort);
        // Lets in what reached the sockets while the decoder held the event loop.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.looping = false;
    }
  }

  /** Waiting requests whose client went away leave the queue now, freeing their place under `maxConcurrent`. */
  private dropAbortedWaiting(): void {
    if (!this.queue.some((s) => s.aborted)) return;
    for (const s of this.queue.filter((q) => q.aborted)) s.fail(new AbortedError());
    this.queue.splice(0, this.queue.length, ...this.queue.filter((s) => !s.done));
    this.metrics.queueSize.set(this.queue.length);
  }

  /** One step of a cohort; it merges with a cohort it reached; requests that ended feed the Retry-After estimate. */
  private async run(cohort: Cohort): Promise<void> {
    const before = [...cohort.sequences];
    cohort.lastRan = this.steps++;
    try {
      await cohort.step(this.stepOutputs, this.metrics);
    } catch (error) {
      cohort.fail(error as Error);
    }
    const now = performance.now();
    for (const s of before) {
      if (s.done && s.firstTokenAt !== null) this.meanDurationS = 0.8 * this.meanDurationS + 0.2 * ((now - s.firstTokenAt) / 1000);
    }
    const reached = this.cohorts.find((c) => c.canAbsorb(cohort));
    if (reached) {
      reached.absorb(cohort);
      reached.lastRan = Math.max(reached.lastRan, cohort.lastRan);
    }
    this.cohorts = this.cohorts.filter((c) => !c.empty);
  }

  /**
   * The cohort to step. With the mask, a new cohort's first step comes first (with the decoder whole it joins the
   * others right after it), and no cohort waits. Without it, a cohort waits while the one below it catches up,
   * when the run they would then share is at least as long as the wait: the rows ahead give up `gap` steps of
   * their own time for at least `gap` steps of runs that cost about what one cohort's do. Otherwise cohorts take
   * turns.
   */
  private next(): Cohort | undefined {
    if (this.model.selfAttentionMask) return this.cohorts.find((c) => c.position === 0) ?? leastRecent(this.cohorts);
    const byPosition = [...this.cohorts].sort((a, b) => a.position - b.position);
    const waiting = new Set<Cohort>();
    for (let i = 0; i + 1 < byPosition.length; i++) {
      const lower = byPosition[i] as Cohort;
      const upper = byPosition[i + 1] as Cohort;
      const gap = upper.position - lower.position;
      const shared = Math.min(upper.remaining, lower.remaining - gap);
      if (gap > 0 && shared >= gap) waiting.add(upper);
    }
    return leastRecent(byPosition.filter((c) => !waiting.has(c)));
  }

  /**
   * Starts a cohort from waiting requests: gathered on an idle server; while others decode, between two steps,
   * once rows are free and (without the mask) either the newcomers can catch up with the lowest cohort so that
   * the run they would share is at least twice the catch-up (then the pause pays for itself), or the oldest of
   * them has waited `maxWaitingTokens` runs. Until then later arrivals gather with them: requests that start
   * together share every run at no cost, where each one started on its own would be a cohort of one row taking
   * turns.
   */
  private async admit(): Promise<void> {
    if (this.queue.length === 0) return;
    const free = this.options.maxBatchSize - this.cohorts.reduce((n, c) => n + c.width, 0);
    if (this.cohorts.length > 0 && (free <= 0 || !this.startsNow(free))) return;
    // Requests move from the queue into `batch` as they are taken: an encoder error fails exactly those.
    const batch: Sequence[] = [];
    this.forming = batch;
    try {
      const parts = this.cohorts.length === 0 ? await this.gather(batch) : await this.encodeWaiting(batch, free);
      // A close while the encoder ran failed them already.
      if (batch.length > 0 && !this.closed) this.place(new Cohort(batch, joinEncoded(parts), this.model));
    } catch (error) {
      for (const s of batch) s.fail(error as Error);
    } finally {
      this.forming = [];
    }
  }

  /** A new cohort joins one it can share runs with (any, with a split decoder and the mask), or runs on its own. */
  private place(cohort: Cohort): void {
    const joined = this.cohorts.find((c) => c.canAbsorb(cohort));
    if (joined) joined.absorb(cohort);
    else this.cohorts.push(cohort);
  }

  private startsNow(free: number): boolean {
    // Rows that start apart share runs anyway: waiting would only delay the newcomers.
    if (this.model.selfAttentionMask) return true;
    const oldest = this.queue[0] as Sequence;
    if (this.steps - (this.queuedAt.get(oldest) ?? this.steps) >= this.options.maxWaitingTokens) return true;
    let room = free;
    let budget = 0;
    for (const s of this.queue) {
      if (s.width > room) break;
      room -= s.width;
      budget = Math.max(budget, s.remainingSteps);
    }
    const lowest = this.cohorts.reduce((a, b) => (b.position < a.position ? b : a));
    const gap = lowest.position;
    return Math.min(lowest.remaining, budget - gap) >= 2 * gap;
  }

  /** What waits now, encoded at once: cohorts are decoding, and a wait for more would stall them. */
  private async encodeWaiting(batch: Sequence[], free: number): Promise<Encoded[]> {
    this.take(batch, free, false);
    return batch.length === 0 ? [] : [await this.encode(batch)];
  }

  /**
   * Forms a batch on an idle server and encodes it as it forms: what waits now is encoded at once, then the
   * batch waits for more while requests keep arriving. Session runs block the event loop, so requests sent
   * together reach the queue spread over several milliseconds; the batch starts once `batchWaitMs` passes with
   * no arrival (the encoder's own time counts, so a request that comes alone waits for nothing), when it is
   * full, or after GATHER_WINDOWS waits. Each arrival is encoded on its own: T5's encoder rows do not see each
   * other, and padding is masked.
   */
  private async gather(batch: Sequence[]): Promise<Encoded[]> {
    const { batchWaitMs, maxBatchSize } = this.options;
    const parts: Encoded[] = [];
    const encodeNew = async () => {
      const from = batch.length;
      this.take(batch, maxBatchSize - rowsOf(batch), from === 0);
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

  /**
   * Moves waiting requests, in arrival order, into `batch` while they fit in `free` rows; `firstAlways`: the
   * first one even when it is wider (a beam search wider than the batch runs alone on an idle server).
   */
  private take(batch: Sequence[], free: number, firstAlways: boolean): void {
    let room = free;
    while (this.queue.length > 0) {
      const next = this.queue[0] as Sequence;
      if (next.aborted) {
        this.queue.shift();
        next.fail(new AbortedError());
        continue;
      }
      if (next.width > room && !(firstAlways && batch.length === 0)) break;
      this.queue.shift();
      batch.push(next);
      room -= next.width;
    }
    this.metrics.queueSize.set(this.queue.length);
  }

  /** The encoder on some prompts, right-padded to the longest and masked. */
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
    const hidden = encoded['last_hidden_state'] as Tensor;
    const cross = model.crossAttention ? await crossCaches(model.crossAttention, hidden) : {};
    return { hidden, mask: attentionMask, cross };
  }
}

/** The cohort that ran longest ago (cohorts that cannot merge take turns). */
function leastRecent(cohorts: readonly Cohort[]): Cohort | undefined {
  return cohorts.reduce<Cohort | undefined>((best, c) => (best === undefined || c.lastRan < best.lastRan ? c : best), undefined);
}

function rowsOf(batch: readonly Sequence[]): number {
  return batch.reduce((rows, s) => rows + s.width, 0);
}
