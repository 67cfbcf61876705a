// Per-row logits processing on plain arrays, in Hugging Face transformers' order: repetition penalty,
// `min_new_tokens`, then (when sampling) temperature, top-k, top-p. Each request brings its own
// parameters and its own seeded generator, so a row decodes the same whatever else shares its batch.

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
  const out = Float32Array.from(logits);
  if (params.repetitionPenalty !== 1) {
    for (const token of new Set(previous)) {
      const value = out[token] as number;
      out[token] = value < 0 ? value * params.repetitionPenalty : value / params.repetitionPenalty;
    }
  }
  if (generated < params.minNewTokens) out[eosId] = Number.NEGATIVE_INFINITY;
  return out;
}

/** log-softmax, in place. */
export function logSoftmax(values: Float32Array): Float32Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  const log = max + Math.log(sum);
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) - log;
  return values;
}

export function argmax(values: Float32Array): number {
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

/** Greedy or sampled choice of the next token of one row. */
export function chooseToken(
  logits: Float32Array,
  previous: readonly number[],
  generated: number,
  eosId: number,
  params: DecodingParams,
  random: () => number,
): Choice {
  const scores = penalized(logits, previous, generated, eosId, params);
  if (!params.doSample) {
    const token = argmax(scores);
    return { token, logprob: logSoftmax(scores)[token] as number };
  }
  for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) / params.temperature;
  // Candidates in decreasing score; only as many as top-k keeps need ordering when top-p is off.
  let order = Array.from(scores.keys()).filter((i) => scores[i] !== Number.NEGATIVE_INFINITY);
  order.sort((x, y) => (scores[y] as number) - (scores[x] as number));
  if (params.topK > 0 && order.length > params.topK) order = order.slice(0, params.topK);
  const top = scores[order[0] as number] as number;
  let probs = order.map((i) => Math.exp((scores[i] as number) - top));
  let total = probs.reduce((s, p) => s + p, 0);
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
