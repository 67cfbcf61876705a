// The split decoder (onnx/decoder-split.ts) against the whole decoder it came from, once, when the patched copy
// is made: the same logits over a few steps of one row, from random encoder states. The split is exact by
// construction on the layouts it knows, but its first step runs the cached branch on an empty past, which the
// whole decoder never does: an exporter whose cached branch does not hold there would decode wrong tokens, and
// the check keeps such a decoder whole. One file's session at a time, so the check holds one decoder's weights
// at once (the server's peak memory does not grow), and only when the copy is made, not at every start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { crossCaches, decoderFeeds, nextCaches, pick } from './cohort.js';

/** Largest difference the check accepts, relative to the logits' scale (float rounding is about 1e-6). */
export const SPLIT_TOLERANCE = 1e-4;
const PROMPT = 4;
const STEPS = 3;

interface Shape {
  layers: number;
  heads: number;
  headDim: number;
  dModel: number;
  startId: number;
}

/** The cache shapes from the model's `config.json`; null when it does not say them. */
export function splitShape(modelDir: string): Shape | null {
  try {
    const config = JSON.parse(readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    const shape = {
      layers: config['num_decoder_layers'] ?? config['num_layers'],
      heads: config['num_heads'],
      headDim: config['d_kv'],
      dModel: config['d_model'],
      startId: config['decoder_start_token_id'] ?? config['pad_token_id'] ?? 0,
    };
    return Object.values(shape).every((v) => Number.isInteger(v) && (v as number) >= 0) ? (shape as Shape) : null;
  } catch {
    return null;
  }
}

/** Steps of one decoder session from `encoderPast` (empty: the session computes it at its first step). */
async function logitsOf(file: string, shape: Shape, hidden: Tensor, encMask: Tensor, encoderPast: Record<string, Tensor>) {
  const session = await InferenceSession.create(file, { executionProviders: ['cpu'] });
  try {
    const logits: Float32Array[] = [];
    let past: Record<string, Tensor> = {};
    let cross = encoderPast;
    for (let step = 0; step < STEPS; step++) {
      const selfMask = new Tensor('int64', new BigInt64Array(step + 1).fill(1n), [1, step + 1]);
      const token = step === 0 ? shape.startId : shape.startId + 2 + step;
      const feeds = decoderFeeds(shape, { inputIds: [token], hidden, encMask, past, encoderPast: cross, selfMask });
      const out = await session.run(pick(session.inputNames, feeds));
      const caches = nextCaches(out);
      past = caches.decoder;
      if (step === 0 && Object.keys(cross).length === 0) cross = caches.encoder;
      logits.push(((out['logits'] as Tensor).data as Float32Array).slice());
    }
    return logits;
  } finally {
    await session.release();
  }
}

/** The largest difference between the split's logits and the whole decoder's, relative to their scale. */
export async function splitDeviation(files: { whole: string; split: string; cross: string }, shape: Shape): Promise<number> {
  let seed = 7;
  const hiddenData = Float32Array.from({ length: PROMPT * shape.dModel }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  });
  const hidden = new Tensor('float32', hiddenData, [1, PROMPT, shape.dModel]);
  const encMask = new Tensor('int64', new BigInt64Array(PROMPT).fill(1n), [1, PROMPT]);
  const expected = await logitsOf(files.whole, shape, hidden, encMask, {});
  const crossSession = await InferenceSession.create(files.cross, { executionProviders: ['cpu'] });
  let encoderPast: Record<string, Tensor>;
  try {
    encoderPast = await crossCaches(crossSession, hidden);
  } finally {
    await crossSession.release();
  }
  return logitDeviation(expected, await logitsOf(files.split, shape, hidden, encMask, encoderPast));
}

/**
 * The largest difference between two runs' logits, step by step, relative to the expected ones' scale (at least
 * 1); NaN, which no tolerance accepts, when a value is missing or not a number.
 */
export function logitDeviation(expected: readonly Float32Array[], actual: readonly Float32Array[]): number {
  let scale = 1;
  let deviation = 0;
  expected.forEach((row, step) =>
    row.forEach((value, i) => {
      scale = Math.max(scale, Math.abs(value));
      deviation = Math.max(deviation, Math.abs(value - (actual[step]?.[i] as number)));
    }),
  );
  return deviation / scale;
}
