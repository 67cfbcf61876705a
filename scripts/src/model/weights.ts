// Random weights at T5's initialisation scales, each tensor from its own seeded stream (prng.ts).
// Scales follow transformers' T5PreTrainedModel._init_weights (modeling_t5.py), with initializer_factor 1.0:
//   T5LayerNorm.weight                 = 1.0 (filled, not drawn)
//   shared.weight, lm_head.weight      ~ N(0, 1.0)                       (lm_head drawn because tie_word_embeddings is false)
//   T5DenseGatedActDense.wi_0 / wi_1   ~ N(0, d_model^-0.5),  wo ~ N(0, d_ff^-0.5)
//   T5Attention.q                      ~ N(0, (d_model * d_kv)^-0.5)     (stands in for the 1/sqrt(d_kv) score scaling T5 omits)
//   T5Attention.k / v                  ~ N(0, d_model^-0.5),  o ~ N(0, (num_heads * d_kv)^-0.5)
//   relative_attention_bias            ~ N(0, d_model^-0.5)
// Names are the PyTorch parameter names; a Linear's weight is stored transposed, [in, out], as the MatMul's right
// operand (PyTorch keeps [out, in]).
import { DataType, type Initializer } from './onnx.js';
import { Xoshiro128 } from './prng.js';
import type { T5Shape } from './shapes.js';

const CHUNK_VALUES = 1 << 18;

export interface WeightSpec {
  name: string;
  dims: readonly [number, number] | readonly [number];
  /** Standard deviation of the normal draw; `fill` instead for constant tensors (layer norms). */
  std?: number;
  fill?: number;
}

function count(spec: WeightSpec): number {
  return spec.dims.reduce((product, dim) => product * dim, 1);
}

/** The whole tensor as float32 (quantization needs every value of a column before writing any). */
export function weightValues(seed: number, spec: WeightSpec): Float32Array {
  const values = new Float32Array(count(spec));
  if (spec.fill !== undefined) values.fill(spec.fill);
  else new Xoshiro128(seed, spec.name).fillNormal(values, spec.std ?? 1);
  return values;
}

/** A float32 initializer whose values are drawn chunk by chunk while the file is written. */
export function floatWeight(seed: number, spec: WeightSpec): Initializer {
  const total = count(spec);
  return {
    name: spec.name,
    dataType: DataType.FLOAT,
    dims: spec.dims,
    byteLength: total * 4,
    *chunks() {
      const buffer = new Float32Array(Math.min(CHUNK_VALUES, total));
      if (spec.fill !== undefined) buffer.fill(spec.fill);
      const rng = spec.fill === undefined ? new Xoshiro128(seed, spec.name) : undefined;
      for (let done = 0; done < total; done += buffer.length) {
        const part = total - done < buffer.length ? buffer.subarray(0, total - done) : buffer;
        rng?.fillNormal(part, spec.std ?? 1);
        yield new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      }
    },
  };
}

/** The weight specs of one stack, in the order HF's state dict lists them. */
function stackWeights(shape: T5Shape, stack: 'encoder' | 'decoder'): WeightSpec[] {
  const { d_model: model, d_kv: kv, num_heads: heads, d_ff: ff } = shape;
  const inner = heads * kv;
  const layers = stack === 'encoder' ? shape.num_layers : shape.num_decoder_layers;
  const attention = (prefix: string, withBias: boolean): WeightSpec[] => [
    { name: `${prefix}.q.weight`, dims: [model, inner], std: (model * kv) ** -0.5 },
    { name: `${prefix}.k.weight`, dims: [model, inner], std: model ** -0.5 },
    { name: `${prefix}.v.weight`, dims: [model, inner], std: model ** -0.5 },
    { name: `${prefix}.o.weight`, dims: [inner, model], std: inner ** -0.5 },
    ...(withBias
      ? [
          {
            name: `${prefix}.relative_attention_bias.weight`,
            dims: [shape.relative_attention_num_buckets, heads] as const,
            std: model ** -0.5,
          },
        ]
      : []),
  ];
  const norm = (name: string): WeightSpec => ({ name, dims: [model], fill: 1 });
  const specs: WeightSpec[] = [];
  for (let layer = 0; layer < layers; layer++) {
    const block = `${stack}.block.${layer}.layer`;
    specs.push(...attention(`${block}.0.SelfAttention`, layer === 0), norm(`${block}.0.layer_norm.weight`));
    let next = 1;
    if (stack === 'decoder') {
      specs.push(...attention(`${block}.1.EncDecAttention`, false), norm(`${block}.1.layer_norm.weight`));
      next = 2;
    }
    specs.push(
      { name: `${block}.${next}.DenseReluDense.wi_0.weight`, dims: [model, ff], std: model ** -0.5 },
      { name: `${block}.${next}.DenseReluDense.wi_1.weight`, dims: [model, ff], std: model ** -0.5 },
      { name: `${block}.${next}.DenseReluDense.wo.weight`, dims: [ff, model], std: ff ** -0.5 },
      norm(`${block}.${next}.layer_norm.weight`),
    );
  }
  specs.push(norm(`${stack}.final_layer_norm.weight`));
  return specs;
}

function sharedEmbedding(shape: T5Shape): WeightSpec {
  return { name: 'shared.weight', dims: [shape.vocab_size, shape.d_model], std: 1.0 };
}

function lmHead(shape: T5Shape): WeightSpec {
  return { name: 'lm_head.weight', dims: [shape.d_model, shape.vocab_size], std: 1.0 };
}

/** Every parameter of T5ForConditionalGeneration, each once (the shared embedding is one parameter). */
export function allWeights(shape: T5Shape): WeightSpec[] {
  return [sharedEmbedding(shape), ...stackWeights(shape, 'encoder'), ...stackWeights(shape, 'decoder'), lmHead(shape)];
}

export function parameterCount(shape: T5Shape): number {
  return allWeights(shape).reduce((sum, spec) => sum + count(spec), 0);
}
