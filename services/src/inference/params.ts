// Request bodies checked against the contract itself (the bundled spec's schemas, compiled once), then turned
// into one protocol-independent generation spec. A schema failure names the parameter; `x-unsupported` in the
// spec marks the parameters accepted only at their neutral value.
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { repoRoot } from '../common/index.js';
import { InferenceError, type ProblemKind } from './errors.js';
import type { DecodingParams } from './sampling.js';

const SPEC_ID = 'inference-server';

let ajv: Ajv | null = null;
const compiled = new Map<string, ValidateFunction>();

function validator(schema: string): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    if (!ajv) {
      const file = path.join(repoRoot(), 'openapi', 'dist', 'inference-server.openapi.json');
      ajv = new Ajv({ strict: false, allErrors: false, verbose: true, validateSchema: false });
      ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object, SPEC_ID);
    }
    validate = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${schema}` });
    compiled.set(schema, validate);
  }
  return validate;
}

export type Protocol = 'tgi' | 'openai' | 'legacy';

/** Checks a body against a spec schema; throws the protocol's kind of problem naming the parameter. */
export function checkBody(schema: string, body: unknown, protocol: Protocol): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InferenceError('bad_request', 'Request body must be a JSON object');
  }
  const validate = validator(schema);
  if (validate(body)) return;
  const error = (validate.errors ?? [])[0] as ErrorObject;
  const segments = error.instancePath.split('/').filter((s) => s !== '');
  const unknown = error.keyword === 'additionalProperties' ? String(error.params['additionalProperty']) : null;
  const missing = error.keyword === 'required' ? String(error.params['missingProperty']) : null;
  const name = unknown ?? missing ?? segments.filter((s) => s !== 'parameters' && !/^\d+$/.test(s)).at(-1) ?? 'body';
  const unsupported = (error.parentSchema as Record<string, unknown> | undefined)?.['x-unsupported'] === true;
  let reason: string;
  if (unknown !== null) reason = 'is not a parameter this server knows (nothing is ignored)';
  else if (missing !== null) reason = 'is required';
  else if (error.keyword === 'enum')
    reason = `must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  else if (error.keyword === 'const') reason = `must be ${JSON.stringify(error.params['allowedValue'])}`;
  else reason = error.message ?? 'is invalid';
  if (unsupported) reason += ': this server does not implement it, only the neutral value is accepted';
  let kind: ProblemKind;
  if (protocol === 'tgi') kind = 'validation';
  else if (protocol === 'openai') kind = unknown !== null ? 'unsupported' : unsupported ? 'validation' : 'bad_request';
  else kind = unknown !== null ? 'validation' : 'bad_request';
  const message =
    protocol === 'tgi'
      ? `Input validation error: \`${name}\` ${reason}`
      : protocol === 'openai'
        ? `Invalid parameter '${name}': ${reason}`
        : unknown !== null
          ? `Unknown field '${name}': the legacy API takes only 'prompt'; use POST /generate for generation parameters`
          : `Invalid parameter '${name}': ${reason}`;
  throw new InferenceError(kind, message, name);
}

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
