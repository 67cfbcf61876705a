// Row surgery on the decoder's tensors, whose first dimension is the batch row: picking rows (a row that ended
// leaves, beams are reordered), dropping the leading columns no row uses any longer, and stacking two groups of
// rows whose prompts (right-padded) or self-attention caches (left-padded) have different widths.
import { Tensor } from 'onnxruntime-node';

type RowData = Float32Array | BigInt64Array;

/** Where a float result is written: a buffer of `length` values to overwrite (cache-buffers.ts), else a new one. */
export type Into = (length: number) => Float32Array;

/** Leading columns of one axis to leave out. */
export interface Trim {
  axis: number;
  drop: number;
}

/**
 * The tensor's rows (first dimension) in the given order, without the first `trim.drop` columns of `trim.axis`;
 * the same tensor when that is the identity.
 */
export function gatherRows(tensor: Tensor, rows: readonly number[], trim: Trim = { axis: 1, drop: 0 }, into?: Into): Tensor {
  const dims = [...tensor.dims];
  if (trim.drop === 0 && rows.length === dims[0] && rows.every((r, i) => r === i)) return tensor;
  const size = dims.slice(1).reduce((a, b) => a * b, 1);
  const outer = dims.slice(1, trim.axis).reduce((a, b) => a * b, 1);
  const inner = dims.slice(trim.axis + 1).reduce((a, b) => a * b, 1);
  const width = dims[trim.axis] ?? 1;
  const kept = (width - trim.drop) * inner;
  dims[0] = rows.length;
  dims[trim.axis] = width - trim.drop;
  const source = tensor.data as Float32Array;
  const target = (into?.(rows.length * outer * kept) ?? emptyLike(source, rows.length * outer * kept)) as Float32Array;
  rows.forEach((r, i) => {
    for (let o = 0; o < outer; o++) {
      const from = r * size + o * width * inner + trim.drop * inner;
      target.set(source.subarray(from, from + kept), (i * outer + o) * kept);
    }
  });
  return new Tensor(tensor.type as 'float32', target, dims);
}

/**
 * The tensors' rows stacked in order. `padAxis` names a dimension that may differ: each part is padded along it
 * to the widest with zeros, which are masked out (a mask's 0 and a zero encoder state or key): right-padded for a
 * prompt, left-padded (`align: 'end'`) for a self-attention cache, whose newest column is the last; to
 * `minWidth` at least. Every other dimension must agree.
 */
export function joinRows(
  parts: readonly Tensor[],
  padAxis: number | null = null,
  { align = 'start', minWidth = 0, into }: { align?: 'start' | 'end'; minWidth?: number; into?: Into } = {},
): Tensor {
  const first = parts[0] as Tensor;
  if (parts.length === 1 && (padAxis === null || (first.dims[padAxis] as number) >= minWidth)) return first;
  const dims = [...first.dims];
  dims[0] = parts.reduce((n, p) => n + (p.dims[0] as number), 0);
  if (padAxis !== null) dims[padAxis] = Math.max(minWidth, ...parts.map((p) => p.dims[padAxis] as number));
  for (const part of parts) {
    part.dims.forEach((d, axis) => {
      if (axis !== 0 && axis !== padAxis && d !== dims[axis])
        throw new Error(`cannot stack rows of shapes [${first.dims.join(', ')}] and [${part.dims.join(', ')}]`);
    });
  }
  const axis = padAxis ?? 1;
  // A row is `outer` runs of `width * inner` values along the padded axis.
  const outer = dims.slice(1, axis).reduce((a, b) => a * b, 1);
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const width = dims[axis] ?? 1;
  const size = dims.reduce((a, b) => a * b, 1);
  const target = into?.(size) ?? emptyLike(first.data as RowData, size);
  // A reused buffer holds old values where the padding goes: zeros there, as in a new one.
  if (into && parts.some((p) => p.dims[axis] !== width)) (target as Float32Array).fill(0);
  let row = 0;
  for (const part of parts) {
    const source = part.data as RowData;
    const partWidth = part.dims[axis] ?? 1;
    const rows = part.dims[0] as number;
    for (let r = 0; r < rows; r++, row++) {
      for (let o = 0; o < outer; o++) {
        const from = (r * outer + o) * partWidth * inner;
        const at = (row * outer + o) * width + (align === 'end' ? width - partWidth : 0);
        (target as Float32Array).set((source as Float32Array).subarray(from, from + partWidth * inner), at * inner);
      }
    }
  }
  return new Tensor(first.type as 'float32', target as Float32Array, dims);
}

function emptyLike(source: RowData, length: number): RowData {
  return new (source.constructor as Float32ArrayConstructor | BigInt64ArrayConstructor)(length);
}
