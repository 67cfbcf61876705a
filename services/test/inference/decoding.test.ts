import { describe, expect, it } from '@jest/globals';
import { BeamSearch } from '../../src/inference/beam-search.js';
import { logSumExp } from '../../src/inference/log-sum-exp.js';
import { chooseToken, type DecodingParams, seededRandom } from '../../src/inference/sampling.js';

const GREEDY: DecodingParams = { doSample: false, temperature: 1, topK: 0, topP: 1, repetitionPenalty: 1, minNewTokens: 0 };
const SAMPLE: DecodingParams = { ...GREEDY, doSample: true };
const EOS = 1;

describe("log-sum-exp (every token's logprob)", () => {
  const exact = (values: Float32Array, skip = -1) => {
    const kept = Array.from(values).filter((_, i) => i !== skip);
    const max = Math.max(...kept);
    return max + Math.log(kept.reduce((s, v) => s + Math.exp(v - max), 0));
  };
  // A 32k vocabulary of logits spread as a real model's are, plus the shapes that break naive code.
  const random = seededRandom(7);
  const vocabulary = Float32Array.from({ length: 32128 }, () => (random() - 0.7) * 60);

  it('agrees with exact float64 arithmetic to 1e-6 on a whole vocabulary, with and without a skipped token', () => {
    expect(Math.abs(logSumExp(vocabulary) - exact(vocabulary))).toBeLessThan(1e-6);
    expect(Math.abs(logSumExp(vocabulary, 5) - exact(vocabulary, 5))).toBeLessThan(1e-6);
    const flat = new Float32Array(32128).fill(-3.25);
    expect(logSumExp(flat)).toBeCloseTo(-3.25 + Math.log(32128), 6);
  });

  it('leaves filtered tokens (-Infinity) out, and answers the extremes as they are', () => {
    const filtered = Float32Array.from([2, Number.NEGATIVE_INFINITY, 1, Number.NEGATIVE_INFINITY]);
    expect(logSumExp(filtered)).toBeCloseTo(Math.log(Math.exp(2) + Math.exp(1)), 6);
    expect(logSumExp(Float32Array.from([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]))).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp(Float32Array.from([0, 1e30]))).toBe(Math.fround(1e30));
    expect(logSumExp(Float32Array.from([0, Number.NaN]))).toBeNaN();
  });
});

describe('logits processing', () => {
  const logits = Float32Array.from([0.5, 0.1, 3, 2.9, -1, 0]);

  it('greedy picks the argmax and reports its log-softmax', () => {
    const choice = chooseToken(logits, [0], 0, EOS, GREEDY, seededRandom(1));
    const z = Array.from(logits).reduce((s, v) => s + Math.exp(v), 0);
    expect(choice.token).toBe(2);
    expect(choice.logprob).toBeCloseTo(3 - Math.log(z), 5);
  });

  it('repetition penalty divides positive logits of tokens already seen (so the runner-up wins)', () => {
    expect(chooseToken(logits, [0, 2], 1, EOS, { ...GREEDY, repetitionPenalty: 1.2 }, seededRandom(1)).token).toBe(3);
  });

  it('min_new_tokens keeps </s> out until reached', () => {
    const eosFirst = Float32Array.from([0, 9, 1, 2]);
    expect(chooseToken(eosFirst, [0], 0, EOS, { ...GREEDY, minNewTokens: 1 }, seededRandom(1)).token).toBe(3);
    expect(chooseToken(eosFirst, [0, 3], 1, EOS, { ...GREEDY, minNewTokens: 1 }, seededRandom(1)).token).toBe(EOS);
  });

  it("the decoder's greedy choice gives the JavaScript choice, with </s> held back by min_new_tokens too", () => {
    const exact = (values: Float32Array, token: number, skip = -1) =>
      (values[token] as number) - Math.log(Array.from(values).reduce((sum, v, i) => (i === skip ? sum : sum + Math.exp(v)), 0));
    const hint = (values: Float32Array) => {
      const token = Array.from(values).indexOf(Math.max(...values));
      return { token, logprob: exact(values, token) };
    };
    const noEos = Float32Array.from([0.5, 2.5, 3, 2.9, -1, 0]);
    const params = { ...GREEDY, minNewTokens: 1 };
    for (const [generated, skip] of [
      [0, EOS],
      [1, -1],
    ] as const) {
      const choice = chooseToken(noEos, [0], generated, EOS, params, seededRandom(1), hint(noEos));
      expect(choice.token).toBe(2);
      expect(choice.logprob).toBeCloseTo(exact(noEos, 2, skip), 6);
    }
    // </s> won the decoder's argmax (or holds most of the mass) while held back: the choice is made from the logits.
    const eosFirst = Float32Array.from([0, 9, 1, 2]);
    const held = chooseToken(eosFirst, [0], 0, EOS, params, seededRandom(1), hint(eosFirst));
    expect(held).toEqual({ token: 3, logprob: expect.closeTo(exact(eosFirst, 3, EOS), 6) });
    // A hint that disagrees with the logits is not checked here (the load-time check is): it is taken as given.
    expect(chooseToken(noEos, [0], 1, EOS, params, seededRandom(1), { token: 4, logprob: -7 })).toEqual({ token: 4, logprob: -7 });
  });

  it('the same seed draws the same tokens; another seed draws others', () => {
    const flat = new Float32Array(50).fill(0);
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => chooseToken(flat, [0], 0, EOS, SAMPLE, random).token);
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(2 ** 40 + 7)).toEqual(draw(2 ** 40 + 7));
  });

  it('top_k and top_p keep sampling among the most probable tokens only', () => {
    const random = seededRandom(7);
    const seen = (params: DecodingParams) =>
      new Set(Array.from({ length: 300 }, () => chooseToken(logits, [0], 0, EOS, params, random).token));
    expect([...seen({ ...SAMPLE, topK: 2 })].sort()).toEqual([2, 3]);
    // Probabilities: token 2 ~0.45, token 3 ~0.41: top_p 0.5 needs both, top_p 0.3 only the first.
    expect([...seen({ ...SAMPLE, topP: 0.5 })].sort()).toEqual([2, 3]);
    expect([...seen({ ...SAMPLE, topP: 0.3 })]).toEqual([2]);
    expect(seen(SAMPLE).size).toBeGreaterThan(3);
  });

  it('a low temperature concentrates sampling on the argmax', () => {
    const random = seededRandom(3);
    const tokens = Array.from({ length: 100 }, () => chooseToken(logits, [0], 0, EOS, { ...SAMPLE, temperature: 0.01 }, random).token);
    expect(new Set(tokens)).toEqual(new Set([2]));
  });
});

// A toy decoder: next-token logits as a deterministic function of the prefix, vocabulary of 7, `</s>` = 1.
const VOCAB = 7;
function toyLogits(prefix: readonly number[]): Float32Array {
  const out = new Float32Array(VOCAB);
  let h = prefix.reduce((a, t) => (a * 31 + t + 7) % 1000003, 17);
  for (let v = 0; v < VOCAB; v++) {
    h = (h * 1103515245 + 12345) % 2147483648;
    out[v] = (h / 2147483648) * 4 - 2;
  }
  out[EOS] = (out[EOS] as number) + prefix.length * 0.35;
  return out;
}

const logSoftmax = (values: Float32Array) => {
  const max = Math.max(...values);
  const z = Math.log(Array.from(values).reduce((s, v) => s + Math.exp(v - max), 0)) + max;
  return Array.from(values, (v) => v - z);
};

/** Reference beam search, written plainly: transformers' definition (2·beams candidates, length-normalised hypotheses). */
function referenceBeamSearch(beams: number, maxNew: number, lengthPenalty: number, earlyStopping: boolean): number[] {
  let running: { tokens: number[]; sum: number }[] = [{ tokens: [], sum: 0 }];
  const done: { tokens: number[]; score: number }[] = [];
  const add = (tokens: number[], sum: number) => {
    done.push({ tokens, score: sum / tokens.length ** lengthPenalty });
    done.sort((a, b) => b.score - a.score);
    if (done.length > beams) done.pop();
  };
  for (let len = 1; len <= maxNew; len++) {
    const all = running.flatMap((beam) =>
      logSoftmax(toyLogits([0, ...beam.tokens])).map((lp, token) => ({ beam, token, sum: beam.sum + lp })),
    );
    all.sort((a, b) => b.sum - a.sum);
    const next: { tokens: number[]; sum: number }[] = [];
    for (const [rank, c] of all.slice(0, 2 * beams).entries()) {
      if (next.length === beams) break;
      if (c.token === EOS) {
        if (rank < beams) add([...c.beam.tokens, EOS], c.sum);
      } else next.push({ tokens: [...c.beam.tokens, c.token], sum: c.sum });
    }
    running = next;
    if (
      done.length >= beams &&
      (earlyStopping || (done.at(-1) as { score: number }).score >= (next[0]?.sum ?? -Infinity) / len ** lengthPenalty)
    )
      break;
    if (len === maxNew) for (const beam of running) add(beam.tokens, beam.sum);
  }
  return (done[0] as { tokens: number[] }).tokens;
}

function runBeamSearch(beams: number, maxNew: number, lengthPenalty: number, earlyStopping: boolean): number[] {
  const search = new BeamSearch({
    numBeams: beams,
    lengthPenalty,
    earlyStopping,
    maxNewTokens: maxNew,
    eosId: EOS,
    startId: 0,
    decoding: GREEDY,
  });
  // Rows are the running beams; the decoder input of each is its prefix (a KV cache reordered by `sources`).
  let prefixes: number[][] = [[0]];
  while (!search.finished) {
    const sources = search.step(prefixes.map(toyLogits));
    const last = search.lastTokens();
    prefixes = sources.map((s, i) => [...(prefixes[s] as number[]), last[i] as number]);
  }
  return search.best().tokens;
}

describe('beam search', () => {
  it.each([
    [2, 6, 1, false],
    [3, 8, 1, false],
    [4, 10, 0.5, false],
    [3, 8, 2, true],
    [5, 5, 1, false],
  ])('matches the reference with %i beams, %i new tokens, length penalty %f, early stopping %p', (beams, maxNew, lp, early) => {
    expect(runBeamSearch(beams, maxNew, lp, early)).toEqual(referenceBeamSearch(beams, maxNew, lp, early));
  });

  it('finds a better-scoring sequence than greedy decoding where one exists', () => {
    const score = (tokens: number[]) =>
      tokens.reduce((s, t, i) => s + (logSoftmax(toyLogits([0, ...tokens.slice(0, i)]))[t] as number), 0) / tokens.length;
    const greedy: number[] = [];
    while (greedy.length < 8 && greedy.at(-1) !== EOS) {
      const lp = logSoftmax(toyLogits([0, ...greedy]));
      greedy.push(lp.indexOf(Math.max(...lp)));
    }
    expect(score(runBeamSearch(4, 8, 1, false))).toBeGreaterThanOrEqual(score(greedy) - 1e-9);
  });
});
