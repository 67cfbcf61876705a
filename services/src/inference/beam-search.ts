// Beam search as Hugging Face transformers defines it, on plain logits: each step keeps the `numBeams` best
// continuations by summed log probability (from the top 2 x numBeams candidates, so a beam ending in `</s>`
// does not shrink the search); a finished hypothesis scores sum / length^lengthPenalty, length counting the
// generated tokens with `</s>`. The search ends early (earlyStopping) once numBeams hypotheses are done, or
// when no running beam can beat the worst kept hypothesis any more.
import { type DecodingParams, logSoftmax, penalized, topIndices } from './sampling.js';

export interface BeamOptions {
  numBeams: number;
  lengthPenalty: number;
  earlyStopping: boolean;
  maxNewTokens: number;
  eosId: number;
  /** The decoder start token, the first input of every beam (the repetition penalty sees it too). */
  startId: number;
  decoding: DecodingParams;
}

interface Beam {
  tokens: number[];
  logprobs: number[];
  score: number;
}

export interface Hypothesis {
  tokens: number[];
  logprobs: number[];
  /** sum of log probabilities / length^lengthPenalty */
  score: number;
  finished: boolean;
}

/** One request's beam search. Rows of the batch are its running beams, in order. */
export class BeamSearch {
  private beams: Beam[];
  private readonly hypotheses: Hypothesis[] = [];
  private done = false;

  constructor(private readonly options: BeamOptions) {
    this.beams = [{ tokens: [], logprobs: [], score: 0 }];
  }

  get rows(): number {
    return this.done ? 0 : this.beams.length;
  }

  get finished(): boolean {
    return this.done;
  }

  /** The last token of each running beam: the next decoder input. */
  lastTokens(): number[] {
    return this.beams.map((b) => b.tokens.at(-1) ?? this.options.startId);
  }

  /**
   * One step: `logits[r]` is the next-token logits of running beam r. Returns, for each new running beam, the
   * index of the beam it extends (to reorder the KV cache), or [] once the search is over.
   */
  step(logits: Float32Array[]): number[] {
    const { numBeams, eosId, decoding } = this.options;
    const length = (this.beams[0]?.tokens.length ?? 0) + 1;
    const candidates: { row: number; token: number; logprob: number; score: number }[] = [];
    const want = 2 * numBeams;
    logits.forEach((row, r) => {
      const beam = this.beams[r] as Beam;
      const logp = logSoftmax(penalized(row, [this.options.startId, ...beam.tokens], beam.tokens.length, eosId, decoding));
      // Keep this row's best `want` (no other candidate of it can make the overall top `want`).
      const best = topIndices(logp, want);
      for (const token of best) {
        const logprob = logp[token] as number;
        candidates.push({ row: r, token, logprob, score: beam.score + logprob });
      }
    });
    candidates.sort((a, b) => b.score - a.score);
    const next: Beam[] = [];
    const sources: number[] = [];
    for (let rank = 0; rank < candidates.length && next.length < numBeams; rank++) {
      const c = candidates[rank] as (typeof candidates)[number];
      const beam = this.beams[c.row] as Beam;
      if (c.token === eosId) {
        if (rank >= numBeams) continue;
        this.addHypothesis([...beam.tokens, c.token], [...beam.logprobs, c.logprob], c.score, length, true);
        continue;
      }
      next.push({ tokens: [...beam.tokens, c.token], logprobs: [...beam.logprobs, c.logprob], score: c.score });
      sources.push(c.row);
    }
    this.beams = next;
    if (next.length === 0 || this.isDone(next[0] as Beam, length)) return this.finish(false);
    if (length >= this.options.maxNewTokens) return this.finish(true);
    return sources;
  }

  /** The best hypothesis; call once `finished`. */
  best(): Hypothesis {
    const best = [...this.hypotheses].sort((a, b) => b.score - a.score)[0];
    if (!best) throw new Error('beam search ended without a hypothesis');
    return best;
  }

  private finish(addRunning: boolean): number[] {
    if (addRunning) for (const beam of this.beams) this.addHypothesis(beam.tokens, beam.logprobs, beam.score, beam.tokens.length, false);
    this.done = true;
    this.beams = [];
    return [];
  }

  private isDone(bestRunning: Beam, length: number): boolean {
    const { numBeams, earlyStopping, lengthPenalty } = this.options;
    if (this.hypotheses.length < numBeams) return false;
    if (earlyStopping) return true;
    const worst = Math.min(...this.hypotheses.map((h) => h.score));
    return worst >= bestRunning.score / length ** lengthPenalty;
  }

  private addHypothesis(tokens: number[], logprobs: number[], sum: number, length: number, finished: boolean): void {
    const score = sum / length ** this.options.lengthPenalty;
    if (this.hypotheses.length >= this.options.numBeams) {
      const worst = this.hypotheses.reduce((w, h, i) => (h.score < (this.hypotheses[w] as Hypothesis).score ? i : w), 0);
      if (score <= (this.hypotheses[worst] as Hypothesis).score) return;
      this.hypotheses.splice(worst, 1);
    }
    this.hypotheses.push({ tokens, logprobs, score, finished });
  }
}
