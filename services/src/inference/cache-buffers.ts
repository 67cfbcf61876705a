// The buffers a cohort's caches live in. Every cache (a self-attention or cross-attention key or value of one
// layer) owns two buffers and uses them in turn: what a step, a merge or a row leaving writes goes into the one
// that does not hold the cache it reads. So the caches allocate nothing after they reached their size, where a
// new JavaScript buffer per cache and change had V8 zero, fill and later collect it (the collector alone took
// 7 % of a staggered q8 run, allocation 4 %).
//
// With a decoder that returns each step's new columns (onnx/decoder-step-columns.ts) the next step's past is
// this step's with the columns appended here, with TypedArray.set: fetching `present.*` instead had
// onnxruntime-node copy every cache into a new buffer at every step.
import { Tensor } from 'onnxruntime-node';
import { stepColumnName } from './onnx/decoder-step-columns.js';
import type { Into } from './tensor-rows.js';

type Feeds = Record<string, Tensor>;

/** Room kept past what a cache needs now, so that a cache growing by a column a step reallocates rarely. */
const GROWTH = 1.5;

export class CacheBuffers {
  private readonly buffers = new Map<string, Float32Array[]>();

  /**
   * Where to write the next value of cache `name`: `length` values of its buffer that does not hold `current`.
   * What it returns stays valid until the call after next for the same name.
   */
  into(name: string, current: Tensor | undefined): Into {
    return (length) => {
      let pair = this.buffers.get(name);
      if (pair === undefined) {
        pair = [new Float32Array(0), new Float32Array(0)];
        this.buffers.set(name, pair);
      }
      const index = current !== undefined && (current.data as Float32Array).buffer === pair[0]?.buffer ? 1 : 0;
      if ((pair[index] as Float32Array).length < length) pair[index] = new Float32Array(Math.ceil(length * GROWTH));
      return (pair[index] as Float32Array).subarray(0, length);
    };
  }

  /** `past` (`[rows, heads, length, d_kv]` a cache) with each cache's step column (`[rows, heads, 1, d_kv]`, in `out`) appended. */
  append(past: Feeds, out: Feeds): Feeds {
    const next: Feeds = {};
    for (const [name, cache] of Object.entries(past)) {
      const column = out[stepColumnName(name)];
      if (column === undefined) throw new Error(`the decoder returned no step column for ${name}`);
      const [rows, heads, length, dkv] = cache.dims as [number, number, number, number];
      if (column.dims.join() !== [rows, heads, 1, dkv].join())
        throw new Error(`step column ${column.dims.join('x')} does not fit cache ${cache.dims.join('x')}`);
      const source = cache.data as Float32Array;
      const added = column.data as Float32Array;
      const target = this.into(name, cache)(rows * heads * (length + 1) * dkv);
      const run = length * dkv;
      for (let block = 0; block < rows * heads; block++) {
        const at = block * (run + dkv);
        target.set(source.subarray(block * run, block * run + run), at);
        target.set(added.subarray(block * dkv, block * dkv + dkv), at + run);
      }
      next[name] = new Tensor('float32', target, [rows, heads, length + 1, dkv]);
    }
    return next;
  }
}
