// Row surgery on the decoder's tensors, whose first dimension is the batch row: picking rows (a row that ended
// leaves, beams are reordered) and stacking two groups of rows whose prompts have different widths.
import { Tensor } from 'onnxruntime-node';

type RowData = Float32Array | BigInt64Array;

/** The tensor's rows (first dimension) in the given order; the same tensor when that order is the identity. */
export function gatherRows(tensor: Tensor, rows: readonly number[]): Tensor {
  const [count, ...rest] = tensor.dims;
  if (rows.length === count && rows.every((r, i) => r === i)) return tensor;
  const size = rest.reduce((a, b) => a * b, 1);
  const source = tensor.data as RowData;
  const target = emptyLike(source, rows.length * size);
  rows.forEach((r, i) => {
    (target as Float32Array).set((source as Float32Array).subarray(r * size, (r + 1) * size), i * size);
  });
  return new Tensor(tensor.type as 'float32', target as Float32Array, [rows.length, ...rest]);
}

/**
 * The tensors' rows stacked in order. `padAxis` names a dimension (a prompt's width) that may differ: each part
 * is right-padded along it to the widest with zeros, which are masked out where it is a prompt position (a
 * mask's 0 and a zero encoder state or key). Every other dimension must agree.
 */
export function joinRows(parts: readonly Tensor[], padAxis: number | null = null): Tensor {
  const first = parts[0] as Tensor;
  if (parts.length === 1) return first;
  const dims = [...first.dims];
  dims[0] = parts.reduce((n, p) => n + (p.dims[0] as number), 0);
  if (padAxis !== null) dims[padAxis] = Math.max(...parts.map((p) => p.dims[padAxis] as number));
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
  const target = emptyLike(
    first.data as RowData,
    dims.reduce((a, b) => a * b, 1),
  );
  let row = 0;
  for (const part of parts) {
    const source = part.data as RowData;
    const partWidth = part.dims[axis] ?? 1;
    const rows = part.dims[0] as number;
    for (let r = 0; r < rows; r++, row++) {
      for (let o = 0; o < outer; o++) {
        const from = (r * outer + o) * partWidth * inner;
        (target as Float32Array).set((source as Float32Array).subarray(from, from + partWidth * inner), (row * outer + o) * width * inner);
      }
    }
  }
  return new Tensor(first.type as 'float32', target as Float32Array, dims);
}

function emptyLike(source: RowData, length: number): RowData {
  return new (source.constructor as Float32ArrayConstructor | BigInt64ArrayConstructor)(length);
}
