// One request's decoding state: its parameters, its tokens, its text, its end. The engine hands it the logits
// of its rows each step; it answers which rows continue (greedy/sampling: its one row; beam search: the beam
// each new beam extends).
import { BeamSearch } from './beam-search.js';
import type { LoadedModel } from './model.js';
import { chooseToken, type DecodingParams, type GreedyHint, seededRandom } from './sampling.js';

export type FinishReason = 'length' | 'eos_token' | 'stop_sequence';

export interface GeneratedToken {
  id: number;
  text: string;
  logprob: number;
  special: boolean;
}

export interface GenerationRequest {
  /** Encoder input, `</s>` included, already truncated. */
  inputIds: number[];
  maxNewTokens: number;
  decoding: DecodingParams;
  /** The sampler's seed (drawn by the caller when the client gave none); null for greedy and beam search. */
  seed: number | null;
  stop: string[];
  beams: { numBeams: number; lengthPenalty: number; earlyStopping: boolean } | null;
  /**
   * Called for each token as it is chosen (for beam search: the best hypothesis's tokens, at the end), with the
   * whole result on the last one, so a stream's last event goes out with its token.
   */
  onToken?: (token: GeneratedToken, index: number, result: GenerationResult | null) => void;
  /** An aborted request leaves the batch at the next step. */
  signal?: AbortSignal;
}

export interface GenerationResult {
  tokens: GeneratedToken[];
  /** The generated text, special tokens removed. */
  text: string;
  finishReason: FinishReason;
  /** The stop sequence the text ends with, when finishReason is stop_sequence. */
  stopSequence: string | null;
  seed: number | null;
  inputLength: number;
}

export class AbortedError extends Error {
  constructor() {
    super('The client went away');
    this.name = 'AbortedError';
  }
}

export class Sequence {
  readonly tokens: GeneratedToken[] = [];
  readonly arrivedAt = performance.now();
  firstTokenAt: number | null = null;
  private readonly random: () => number;
  private readonly beam: BeamSearch | null;
  private text = '';
  private readonly visible: number[] = [];
  /** The decode window over `visible`: from `prefixOffset`, of which the pieces before `readOffset` are read. */
  private prefixOffset = 0;
  private readOffset = 0;
  private ended = false;
  private steps = 0;
  readonly result: Promise<GenerationResult>;
  private resolve!: (result: GenerationResult) => void;
  private reject!: (error: Error) => void;

  constructor(
    readonly request: GenerationRequest,
    private readonly model: LoadedModel,
  ) {
    this.random = seededRandom(request.seed ?? 0);
    this.beam = request.beams
      ? new BeamSearch({
          ...request.beams,
          maxNewTokens: request.maxNewTokens,
          eosId: model.eosId,
          startId: model.startId,
          decoding: request.decoding,
        })
      : null;
    this.result = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Nobody may be awaiting yet when an abort rejects it.
    this.result.catch(() => undefined);
  }

  get aborted(): boolean {
    return this.request.signal?.aborted === true;
  }

  get done(): boolean {
    return this.ended;
  }

  /** Decoder rows this sequence takes in a batch at most. */
  get width(): number {
    return this.request.beams?.numBeams ?? 1;
  }

  /** Decoder rows this sequence needs at the next step. */
  get rows(): number {
    if (this.ended) return 0;
    return this.beam ? Math.max(1, this.beam.rows) : 1;
  }

  /** Decoder steps this request may still take (its token budget; it may end sooner). */
  get remainingSteps(): number {
    return this.ended ? 0 : this.request.maxNewTokens - this.steps;
  }

  /** The decoder input of each row at the next step. */
  nextInputs(): number[] {
    if (this.beam) return this.beam.lastTokens();
    return [this.tokens.at(-1)?.id ?? this.model.startId];
  }

  /**
   * One decoding step on this sequence's rows (`hints`: the decoder's greedy choice of each, when it made them);
   * answers the source row of each next row ([] when it ended).
   */
  step(logits: Float32Array[], hints?: readonly GreedyHint[]): number[] {
    if (this.firstTokenAt === null) this.firstTokenAt = performance.now();
    this.steps++;
    if (this.beam) {
      const sources = this.beam.step(logits);
      if (this.beam.finished) this.endBeam();
      return sources;
    }
    const previous = [this.model.startId, ...this.tokens.map((t) => t.id)];
    const choice = chooseToken(
      logits[0] as Float32Array,
      previous,
      this.tokens.length,
      this.model.eosId,
      this.request.decoding,
      this.random,
      hints?.[0],
    );
    const before = this.text.length;
    const token = this.push(choice.token, choice.logprob);
    if (token.id === this.model.eosId) return this.end('eos_token', null);
    // A stop sequence may end inside a token: the text is cut right after it.
    for (const stop of this.request.stop) {
      const at = this.text.indexOf(stop, Math.max(0, before - stop.length + 1));
      if (at >= 0) {
        this.text = this.text.slice(0, at + stop.length);
        return this.end('stop_sequence', stop);
      }
    }
    if (this.tokens.length >= this.request.maxNewTokens) return this.end('length', null);
    this.request.onToken?.(token, this.tokens.length, null);
    return [0];
  }

  fail(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.reject(error);
  }

  private push(id: number, logprob: number): GeneratedToken {
    const special = this.model.specialIds.has(id);
    let text: string;
    if (special) {
      text = this.model.tokenizer.decode([id], { skip_special_tokens: false });
    } else {
      this.visible.push(id);
      text = this.newText();
      this.text += text;
    }
    const token: GeneratedToken = { id, text, logprob, special };
    this.tokens.push(token);
    return token;
  }

  /**
   * What the newest piece adds to the text, decoding only a window of the last pieces (decoding the whole text
   * at every step costs more the longer it grows). The window starts one piece before the unread ones, so
   * SentencePiece's leading space and the tokenizer's clean-up see the same context in both decodes, as TGI
   * does. A piece that ends inside a character (U+FFFD) waits for the next one.
   */
  private newText(): string {
    const decode = (ids: number[]) => (ids.length === 0 ? '' : this.model.tokenizer.decode(ids, { skip_special_tokens: true }));
    const before = decode(this.visible.slice(this.prefixOffset, this.readOffset));
    const after = decode(this.visible.slice(this.prefixOffset));
    if (after.length <= before.length || after.endsWith('\uFFFD')) return '';
    this.prefixOffset = this.readOffset;
    this.readOffset = this.visible.length;
    return after.slice(before.length);
  }

  private endBeam(): void {
    const best = (this.beam as BeamSearch).best();
    best.tokens.forEach((id, i) => {
      const token = this.push(id, best.logprobs[i] as number);
      if (i < best.tokens.length - 1) this.request.onToken?.(token, i + 1, null);
    });
    const last = this.tokens.at(-1);
    this.end(last?.id === this.model.eosId ? 'eos_token' : 'length', null);
  }

  private end(finishReason: FinishReason, stopSequence: string | null): [] {
    this.ended = true;
    const result: GenerationResult = {
      tokens: this.tokens,
      text: this.text,
      finishReason,
      stopSequence,
      seed: this.request.seed,
      inputLength: this.request.inputIds.length,
    };
    const last = this.tokens.at(-1);
    if (last) this.request.onToken?.(last, this.tokens.length, result);
    this.resolve(result);
    return [];
  }
}
