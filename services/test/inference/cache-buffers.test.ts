// The buffers a cohort's caches live in: a step's columns appended give the cache the decoder would return whole,
// a cache stays intact while the next one is written (the run that reads it is over only then), and a merge into
// a reused buffer pads with zeros, not with what the buffer held before.
import { describe, expect, it } from '@jest/globals';
import { Tensor } from 'onnxruntime-node';
import { CacheBuffers } from '../../src/inference/cache-buffers.js';
import { joinRows } from '../../src/inference/tensor-rows.js';

const NAME = 'past_key_values.0.decoder.key';
const COLUMN = 'mlhub_step_key_values.0.decoder.key';
/** `[rows, heads, length, dkv]` filled with `value(row, head, position, i)`. */
function cache(
  rows: number,
  heads: number,
  length: number,
  dkv: number,
  value: (r: number, h: number, p: number, i: number) => number,
): Tensor {
  const data = new Float32Array(rows * heads * length * dkv);
  for (let r = 0; r < rows; r++)
    for (let h = 0; h < heads; h++)
      for (let p = 0; p < length; p++) for (let i = 0; i < dkv; i++) data[((r * heads + h) * length + p) * dkv + i] = value(r, h, p, i);
  return new Tensor('float32', data, [rows, heads, length, dkv]);
}
const code = (step: number) => (r: number, h: number, p: number, i: number) => 1000 * r + 100 * h + 10 * (p + step) + i;

describe('cache buffers', () => {
  it('appends step columns into the buffer not read, each cache staying intact until the one after next', () => {
    const buffers = new CacheBuffers();
    let past: Record<string, Tensor> = { [NAME]: cache(2, 3, 1, 2, code(0)) };
    const seen: Tensor[] = [];
    for (let step = 1; step <= 4; step++) {
      const column = cache(2, 3, 1, 2, (r, h, _, i) => code(0)(r, h, step, i));
      past = buffers.append(past, { [COLUMN]: column });
      seen.push(past[NAME] as Tensor);
      expect(past[NAME]?.dims).toEqual([2, 3, step + 1, 2]);
      expect(Array.from(past[NAME]?.data as Float32Array)).toEqual(Array.from(cache(2, 3, step + 1, 2, code(0)).data as Float32Array));
      // The previous cache (read by this step's run) was not written over.
      if (step >= 2)
        expect(Array.from(seen[step - 2]?.data as Float32Array)).toEqual(Array.from(cache(2, 3, step, 2, code(0)).data as Float32Array));
    }
    for (let i = 1; i < seen.length; i++)
      expect((seen[i]?.data as Float32Array).buffer === (seen[i - 1]?.data as Float32Array).buffer).toBe(false);
  });

  it('refuses a column that does not fit the cache', () => {
    const buffers = new CacheBuffers();
    expect(() => buffers.append({ [NAME]: cache(2, 3, 4, 2, code(0)) }, { [COLUMN]: cache(1, 3, 1, 2, code(0)) })).toThrow('does not fit');
    expect(() => buffers.append({ [NAME]: cache(2, 3, 4, 2, code(0)) }, {})).toThrow('no step column');
  });

  it('left-pads a merge written into a used buffer with zeros', () => {
    const buffers = new CacheBuffers();
    const long = cache(1, 1, 3, 2, () => 7);
    // Fill both of the cache's buffers with sevens.
    const a = joinRows([long, long, long, long], 2, { align: 'end', into: buffers.into(NAME, undefined) });
    const b = joinRows([long, long, long, long], 2, { align: 'end', into: buffers.into(NAME, a) });
    const short = cache(1, 1, 1, 2, () => 5);
    const merged = joinRows([b, short], 2, { align: 'end', into: buffers.into(NAME, b) });
    // Written where `a` was: the room kept when it was made holds five rows.
    expect((merged.data as Float32Array).buffer === (a.data as Float32Array).buffer).toBe(true);
    expect(Array.from(merged.data as Float32Array).slice(-6)).toEqual([0, 0, 0, 0, 5, 5]);
  });
});
