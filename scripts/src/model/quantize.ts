// Dynamic quantization as ONNX Runtime's quantize_dynamic writes it (MatMulConstBOnly, per_channel, QInt8
// symmetric weights): a MatMul on a weight W [in, out] becomes
//   a_q, a_scale, a_zero = DynamicQuantizeLinear(a)          (uint8, per tensor, at run time)
//   y = Cast(MatMulInteger(a_q, W_quantized, a_zero, W_zero_point), FLOAT) * (a_scale * W_scale)
// with W_quantized int8, W_scale float32 [out] and W_zero_point int8 [out] (zeros) per output column.
// reduce_range is off: it exists for pre-VNNI AVX2 kernels that saturate int16 sums; these machines have VNNI.
import { DataType, smallTensor, type Initializer } from './onnx.js';
import { weightValues, type WeightSpec } from './weights.js';

const QMAX = 127;
// Bound once: under Jest (a vm context) every global lookup in a hot loop costs ~100x.
const { abs, floor, max, min } = Math;

interface QuantizedWeight {
  quantized: Initializer;
  scale: Initializer;
  zeroPoint: Initializer;
}

/** Rounds half to even, as numpy.rint in ONNX Runtime's quantizer. */
function roundHalfEven(value: number): number {
  const below = floor(value);
  const diff = value - below;
  if (diff > 0.5) return below + 1;
  if (diff < 0.5) return below;
  return below % 2 === 0 ? below : below + 1;
}

function quantizeColumns(values: Float32Array, rows: number, columns: number): { q: Int8Array; scales: Float32Array } {
  const maxAbs = new Float32Array(columns);
  for (let row = 0; row < rows; row++) {
    const base = row * columns;
    for (let column = 0; column < columns; column++) {
      const magnitude = abs(values[base + column] as number);
      if (magnitude > (maxAbs[column] as number)) maxAbs[column] = magnitude;
    }
  }
  const scales = new Float32Array(columns);
  for (let column = 0; column < columns; column++) scales[column] = (maxAbs[column] as number) > 0 ? (maxAbs[column] as number) / QMAX : 1;
  const q = new Int8Array(values.length);
  for (let row = 0; row < rows; row++) {
    const base = row * columns;
    for (let column = 0; column < columns; column++) {
      const level = roundHalfEven((values[base + column] as number) / (scales[column] as number));
      q[base + column] = max(-QMAX, min(QMAX, level));
    }
  }
  return { q, scales };
}

/**
 * The three initializers of one quantized weight. The float values are drawn and quantized when the first of
 * them is written and dropped after the last, so only one weight is held at a time.
 */
export function quantizedWeight(seed: number, spec: WeightSpec): QuantizedWeight {
  const [rows, columns] = spec.dims;
  if (columns === undefined) throw new Error(`${spec.name}: only 2-D weights are quantized`);
  let memo: { q: Int8Array; scales: Float32Array } | undefined;
  const result = () => (memo ??= quantizeColumns(weightValues(seed, spec), rows, columns));
  const lazy = (
    name: string,
    dataType: Initializer['dataType'],
    dims: readonly number[],
    bytes: () => Uint8Array,
    last = false,
  ): Initializer => ({
    name,
    dataType,
    dims,
    byteLength: dims.reduce((product, dim) => product * dim, 1) * (dataType === DataType.FLOAT ? 4 : 1),
    chunks: () => {
      const chunk = bytes();
      if (last) memo = undefined;
      return [chunk];
    },
  });
  return {
    quantized: lazy(`${spec.name}_quantized`, DataType.INT8, [rows, columns], () => new Uint8Array(result().q.buffer)),
    scale: lazy(`${spec.name}_scale`, DataType.FLOAT, [columns], () => new Uint8Array(result().scales.buffer), true),
    zeroPoint: smallTensor(`${spec.name}_zero_point`, DataType.INT8, [columns], new Uint8Array(columns)),
  };
}
