// Per-row logits processing on plain arrays, in Hugging Face transformers' order: repetition penalty,
// `min_new_tokens`, then (when sampling) temperature, top-k, top-p. Each request brings its own
// parameters and its own seeded generator, so a row decodes the same whatever else shares its batch.
import { logSumExp } from './log-sum-exp.js';

export interface DecodingParams {
  /** Sample from the distribution; false: greedy (argmax). */
  doSample: boolean;
  temperature: number;
  /** 0: no top-k filtering. */
  topK: number;
  /** 1: no nucleus filtering. */
  topP: number;
  /** 1: no penalty. */
  repetitionPenalty: number;
  /** `</s>` is suppressed until this many tokens are generated. */
  minNewTokens: number;
}

export interface Choice {
  token: number;
  /** Natural log of the token's probability under the distribution it was chosen from. */
  logprob: number;
}

/** The decoder's own greedy choice for a row (onnx/decoder-greedy.ts): its argmax over every token, and its logprob. */
export interface GreedyHint {
  token: number;
  logprob: number;
}

/** sfc32, a small fast generator with a 128-bit state; seeded from both halves of a 53-bit integer seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  let b = Math.floor(seed / 0x100000000) >>> 0;
  let c = 0x9e3779b9;
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 0x100000000;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

/**
 * The logits every decoding mode starts from: a copy of `logits` with the repetition penalty applied to the
 * tokens of `previous` (the decoder's input so far, start token included, as transformers does) and `</s>`
 * suppressed before `minNewTokens`.
 */
export function penalized(
  logits: Float32Array,
  previous: readonly number[],
  generated: number,
  eosId: number,
  params: DecodingParams,
): Float32Array {
  // slice(), not Float32Array.from(): from() walks the iterator, several times slower on a 32k vocabulary.
  const out = logits.slice();
  if (params.repetitionPenalty !== 1) {
    for (const token of new Set(previous)) {
      const value = out[token] as number;
      // Kept finite: a tiny penalty (1e-300) would make the logit +-Infinity, and every logprob NaN.
      out[token] = clampFloat32(value < 0 ? value * params.repetitionPenalty : value / params.repetitionPenalty);
    }
  }
  if (generated < params.minNewTokens) out[eosId] = Number.NEGATIVE_INFINITY;
  return out;
}

const FLOAT32_MAX = 3.4028234663852886e38;

function clampFloat32(value: number): number {
  return Math.max(-FLOAT32_MAX, Math.min(FLOAT32_MAX, value));
}

/** log-softmax, in place. */
export function logSoftmax(values: Float32Array): Float32Array {
  const log = logSumExp(values);
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) - log;
  return values;
}

/** Index of the largest value, leaving out index `skip`. */
export function argmax(values: Float32Array, skip = -1): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    if (i === skip) continue;
    const v = values[i] as number;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

/** The greedy choice: the largest value and its log-probability under the row's softmax. */
function greedy(values: Float32Array, skip = -1): Choice {
  const token = argmax(values, skip);
  const max = values[token] as number;
  return { token, logprob: max - logSumExp(values, skip, max) };
}

/**
 * The greedy choice from the decoder's hint, `</s>` left out when `skip` is it: the same token, and the logprob
 * renormalized without `</s>` (log p - log(1 - p(</s>))). Null when the hint cannot give it: `</s>` won the
 * argmax, or holds over half the mass (the subtraction would lose the digits the logprob needs).
 */
function fromHint(logits: Float32Array, hint: GreedyHint, skip: number): Choice | null {
  if (skip < 0) return hint;
  if (hint.token === skip) return null;
  const logSumExp = (logits[hint.token] as number) - hint.logprob;
  const eos = Math.exp((logits[skip] as number) - logSumExp);
  return eos > 0.5 ? null : { token: hint.token, logprob: hint.logprob - Math.log1p(-eos) };
}

/** Greedy or sampled choice of the next token of one row; `hint`: the decoder's own greedy choice, when it made one. */
export function chooseToken(
  logits: Float32Array,
  previous: readonly number[],
  generated: number,
  eosId: number,
  params: DecodingParams,
  random: () => number,
  hint?: GreedyHint,
): Choice {
  if (!params.doSample) {
    // Greedy reads the logits in place (no copy per row and step); only a repetition penalty needs one.
    if (params.repetitionPenalty !== 1) return greedy(penalized(logits, previous, generated, eosId, params));
    const skip = generated < params.minNewTokens ? eosId : -1;
    return (hint && fromHint(logits, hint, skip)) ?? greedy(logits, skip);
  }
  const scores = penalized(logits, previous, generated, eosId, params);
  // Shifted by the largest logit before the division, so the best score is exactly 0 whatever the temperature:
  // dividing first, a temperature of 1e-12 gave float32 scores whose rounding put even the best token e^-1e6
  // below the float64 maximum (every probability 0), and 1e-300 gave Infinity - Infinity. A tiny temperature
  // now sends the other tokens to -Infinity: greedy decoding, its limit. Every score below is relative to the best.
  const top = scores[argmax(scores)] as number;
  for (let i = 0; i < scores.length; i++) scores[i] = ((scores[i] as number) - top) / params.temperature;
  // Only filters need the candidates in decreasing order; a token e^40 times less likely than the best one
  // is below float32's resolution of their sum, so the sort skips those.
  let order: number[];
  if (params.topK > 0 && params.topK <= 64) {
    order = topIndices(scores, params.topK);
  } else if (params.topK > 0 || params.topP < 1) {
    order = [];
    for (let i = 0; i < scores.length; i++) if ((scores[i] as number) > -40) order.push(i);
    order.sort((x, y) => (scores[y] as number) - (scores[x] as number));
    if (params.topK > 0) order = order.slice(0, params.topK);
  } else {
    order = [];
    for (let i = 0; i < scores.length; i++) if (scores[i] !== Number.NEGATIVE_INFINITY) order.push(i);
  }
  let probs = order.map((i) => Math.exp(scores[i] as number));
  let total = probs.reduce((sum, p) => sum + p, 0);
  if (params.topP < 1) {
    // Keep the smallest prefix whose probability reaches top_p (at least one token).
    let cumulative = 0;
    let keep = 0;
    while (keep < probs.length && (keep === 0 || cumulative < params.topP * total)) cumulative += probs[keep++] as number;
    order = order.slice(0, keep);
    probs = probs.slice(0, keep);
    total = cumulative;
  }
  let u = random() * total;
  let pick = order.length - 1;
  for (let k = 0; k < probs.length; k++) {
    u -= probs[k] as number;
    if (u < 0) {
      pick = k;
      break;
    }
  }
  return { token: order[pick] as number, logprob: Math.log((probs[pick] as number) / total) };
}

/** Indices of the k largest finite values, largest first (insertion into a short list: k is small). */
export function topIndices(values: Float32Array, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === Number.NEGATIVE_INFINITY) continue;
    if (top.length < k || v > (values[top[top.length - 1] as number] as number)) {
      let at = top.length;
      while (at > 0 && (values[top[at - 1] as number] as number) < v) at--;
      top.splice(at, 0, i);
      if (top.length > k) top.pop();
    }
  }
  return top;
}
