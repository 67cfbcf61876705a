// One protocol-independent generation spec from the request bodies (already checked against the spec's
// schemas by the binder), with the rules across parameters that a schema cannot say.
import { randomInt } from 'node:crypto';
import type { InferenceError } from './errors.js';
import type { DecodingParams } from './sampling.js';

/** What a request asks of the decode loop, whatever protocol it came in. */
export interface GenerationSpec {
  maxNewTokens: number;
  decoding: DecodingParams;
  /** The client's seed, or null (one is drawn when sampling). */
  seed: number | null;
  stop: string[];
  beams: { numBeams: number; lengthPenalty: number; earlyStopping: boolean } | null;
  truncate: number | null;
}

export interface Limits {
  maxNewTokens: number;
}

/** The inputs both vocabularies share, already schema-checked; `names` says what each is called in the request. */
export interface CommonParams {
  maxNewTokens: number;
  minNewTokens: number | null;
  doSample: boolean;
  temperature: number | null;
  topK: number | null;
  topP: number | null;
  repetitionPenalty: number | null;
  seed: number | null;
  stop: string[];
  numBeams: number | null;
  lengthPenalty: number | null;
  earlyStopping: boolean | null;
  truncate: number | null;
  names: { maxNewTokens: string; temperature: string };
}

export function generationSpec(
  p: CommonParams,
  limits: Limits,
  problem: (param: string, message: string) => InferenceError,
): GenerationSpec {
  if (p.maxNewTokens > limits.maxNewTokens) {
    throw problem(p.names.maxNewTokens, `must be <= ${limits.maxNewTokens} (this server's cap), got ${p.maxNewTokens}`);
  }
  const minNewTokens = p.minNewTokens ?? 0;
  if (minNewTokens > p.maxNewTokens)
    throw problem('min_new_tokens', `must be <= ${p.names.maxNewTokens} (${p.maxNewTokens}), got ${minNewTokens}`);
  const numBeams = p.numBeams ?? 1;
  const decoding: DecodingParams = {
    doSample: p.doSample,
    temperature: p.temperature ?? 1,
    topK: p.topK ?? 0,
    topP: p.topP ?? 1,
    repetitionPenalty: p.repetitionPenalty ?? 1,
    minNewTokens,
  };
  if (numBeams > 1) {
    if (decoding.doSample)
      throw problem('num_beams', 'beam search with sampling is not implemented: turn sampling off, or use num_beams 1');
    if (p.stop.length > 0) throw problem('stop', 'stop sequences are not implemented with beam search (num_beams > 1)');
  } else if (p.lengthPenalty !== null || p.earlyStopping !== null) {
    throw problem(p.lengthPenalty !== null ? 'length_penalty' : 'early_stopping', 'only applies to beam search: set num_beams > 1');
  }
  return {
    maxNewTokens: p.maxNewTokens,
    decoding,
    seed: p.seed,
    stop: p.stop,
    beams: numBeams > 1 ? { numBeams, lengthPenalty: p.lengthPenalty ?? 1, earlyStopping: p.earlyStopping ?? false } : null,
    truncate: p.truncate,
  };
}

/** The seed a sampling request runs with: the client's, or a fresh one it can replay (reported in `details.seed`). */
export function effectiveSeed(spec: GenerationSpec): number | null {
  if (!spec.decoding.doSample) return null;
  return spec.seed ?? randomInt(0, 2 ** 47);
}
