// T5's relative position buckets (transformers' T5Attention._relative_position_bucket), computed once here as a
// lookup table over relative positions clipped to [-max_distance, max_distance]: every distance at or beyond
// max_distance lands in the last bucket, so the clip loses nothing and the graph needs no Log. The arithmetic
// mirrors PyTorch's float32 (Math.fround at each step), so boundary distances land where they do in transformers.
import type { T5Shape } from './shapes.js';

function relativePositionBucket(relative: number, bidirectional: boolean, numBuckets: number, maxDistance: number): number {
  let buckets = 0;
  let distance: number;
  let usable = numBuckets;
  if (bidirectional) {
    usable = Math.floor(numBuckets / 2);
    if (relative > 0) buckets += usable;
    distance = Math.abs(relative);
  } else {
    distance = -Math.min(relative, 0);
  }
  const maxExact = Math.floor(usable / 2);
  if (distance < maxExact) return buckets + distance;
  const f = Math.fround;
  const logRatio = f(Math.log(f(distance / maxExact)));
  const scaled = f(f(logRatio / f(Math.log(maxDistance / maxExact))) * (usable - maxExact));
  return buckets + Math.min(maxExact + Math.trunc(scaled), usable - 1);
}

/** Bucket of relative position r at index r + max_distance. */
export function bucketTable(shape: T5Shape, bidirectional: boolean): number[] {
  const reach = shape.relative_attention_max_distance;
  return Array.from({ length: 2 * reach + 1 }, (_, index) =>
    relativePositionBucket(index - reach, bidirectional, shape.relative_attention_num_buckets, reach),
  );
}
