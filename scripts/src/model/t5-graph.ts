// The two graphs transformers.js runs for a T5 v1.1 (FLAN-T5) model: `encoder_model.onnx` and the merged
// `decoder_model_merged.onnx`, whose single If on `use_cache_branch` chooses between the cached cross-attention
// keys/values (then) and computing them from `encoder_hidden_states` (else). Self-attention needs no branch: the
// first step's past tensors are empty (length 0) and Concat of an empty past is the new keys alone.
// Input and output names and dims are the ones Optimum exports and transformers.js 4.x feeds (../shared/flan-t5-onnx.md).
import { bucketTable } from './buckets.js';
import { DataType, Graph, NameSource, type ValueInfo } from './onnx.js';
import { quantizedWeight } from './quantize.js';
import type { T5Shape } from './shapes.js';
import { allWeights, floatWeight, type WeightSpec } from './weights.js';

export type Precision = 'fp32' | 'q8';

const FLOAT32_LOWEST = -3.4028234663852886e38;
const BATCH = 'batch_size';

class T5Graph {
  readonly main: Graph;
  private readonly specs = new Map<string, WeightSpec>();
  private readonly quantizedInputs = new Map<Graph, Map<string, string[]>>();

  constructor(
    private readonly shape: T5Shape,
    private readonly seed: number,
    private readonly precision: Precision,
    name: string,
  ) {
    this.main = new Graph(name, new NameSource());
    for (const spec of allWeights(shape)) this.specs.set(spec.name, spec);
  }

  private spec(name: string): WeightSpec {
    const spec = this.specs.get(name);
    if (spec === undefined) throw new Error(`no weight named ${name}`);
    return spec;
  }

  /** A float weight, always an initializer of the main graph (If branches read it from the outer scope). */
  weight(name: string): string {
    return this.main.initializer(floatWeight(this.seed, this.spec(name)));
  }

  linear(g: Graph, x: string, name: string, output?: string): string {
    if (this.precision === 'fp32') return g.op('MatMul', [x, this.weight(name)], {}, output);
    const weight = quantizedWeight(this.seed, this.spec(name));
    const [quantized, scale, zeroPoint] = [weight.quantized, weight.scale, weight.zeroPoint].map((tensor) => this.main.initializer(tensor));
    // One DynamicQuantizeLinear per activation, shared by the MatMuls that read it (q, k and v), as ORT's quantizer does.
    let perGraph = this.quantizedInputs.get(g);
    if (perGraph === undefined) this.quantizedInputs.set(g, (perGraph = new Map<string, string[]>()));
    let activation = perGraph.get(x);
    if (activation === undefined) perGraph.set(x, (activation = g.node('DynamicQuantizeLinear', [x], {}, 3)));
    const [aQuantized, aScale, aZeroPoint] = activation as [string, string, string];
    const integer = g.op('MatMulInteger', [aQuantized, quantized as string, aZeroPoint, zeroPoint as string]);
    const asFloat = g.op('Cast', [integer], { to: DataType.FLOAT });
    const combinedScale = g.op('Mul', [aScale, scale as string]);
    return g.op('Mul', [asFloat, combinedScale], {}, output);
  }

  rmsNorm(g: Graph, x: string, name: string, output?: string): string {
    const meanSquare = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: [-1], keepdims: 1 });
    const rms = g.op('Sqrt', [g.op('Add', [meanSquare, g.scalar('layer_norm_epsilon', this.shape.layer_norm_epsilon)])]);
    return g.op('Mul', [g.op('Div', [x, rms]), this.weight(name)], {}, output);
  }

  /** [B, L, H*d_kv] -> [B, H, L, d_kv] */
  splitHeads(g: Graph, x: string, output?: string): string {
    const split = g.op('Reshape', [x, g.int64s('heads_shape', [0, 0, this.shape.num_heads, this.shape.d_kv])]);
    return g.op('Transpose', [split], { perm: [0, 2, 1, 3] }, output);
  }

  /** Scores without 1/sqrt(d_kv) scaling (T5 folds it into q's init), plus bias and mask in `bias`. */
  attention(g: Graph, q: string, k: string, v: string, bias: string): string {
    const scores = g.op('MatMul', [q, g.op('Transpose', [k], { perm: [0, 1, 3, 2] })]);
    const weights = g.op('Softmax', [g.op('Add', [scores, bias])], { axis: -1 });
    const merged = g.op('Transpose', [g.op('MatMul', [weights, v])], { perm: [0, 2, 1, 3] });
    return g.op('Reshape', [merged, g.int64s('merge_shape', [0, 0, this.shape.num_heads * this.shape.d_kv])]);
  }

  selfAttentionProjections(g: Graph, h: string, prefix: string): [string, string, string] {
    return [
      this.splitHeads(g, this.linear(g, h, `${prefix}.q.weight`)),
      this.splitHeads(g, this.linear(g, h, `${prefix}.k.weight`)),
      this.splitHeads(g, this.linear(g, h, `${prefix}.v.weight`)),
    ];
  }

  /** Gated GELU: gelu_new(x W_i0) * (x W_i1) W_o, gelu_new being the tanh approximation. */
  feedForward(g: Graph, x: string, prefix: string): string {
    const gate = this.linear(g, x, `${prefix}.wi_0.weight`);
    const cube = g.op('Mul', [g.op('Mul', [gate, gate]), gate]);
    const inner = g.op('Mul', [
      g.op('Add', [gate, g.op('Mul', [cube, g.scalar('gelu_cubic', 0.044715)])]),
      g.scalar('gelu_scale', Math.sqrt(2 / Math.PI)),
    ]);
    const gelu = g.op('Mul', [g.op('Mul', [gate, g.scalar('half', 0.5)]), g.op('Add', [g.op('Tanh', [inner]), g.scalar('one', 1)])]);
    const linear = this.linear(g, x, `${prefix}.wi_1.weight`);
    return this.linear(g, g.op('Mul', [gelu, linear]), `${prefix}.wo.weight`);
  }

  /** A dimension of `x` as an int64 scalar. */
  dim(g: Graph, x: string, axis: number): string {
    return g.op('Squeeze', [g.op('Shape', [x], { start: axis, end: axis + 1 }), g.int64s('axis0', [0])]);
  }

  /** [1, H, Q, K] relative position bias of query positions `queries` [Q] over key positions `keys` [K]. */
  positionBias(g: Graph, queries: string, keys: string, bidirectional: boolean, weightName: string): string {
    const reach = this.shape.relative_attention_max_distance;
    const relative = g.op('Sub', [g.op('Unsqueeze', [keys, g.int64s('axis0', [0])]), g.op('Unsqueeze', [queries, g.int64s('axis1', [1])])]);
    const clipped = g.op('Min', [g.op('Max', [relative, g.int64s('reach_low', [-reach], [])]), g.int64s('reach_high', [reach], [])]);
    const table = g.int64s(bidirectional ? 'buckets_bidirectional' : 'buckets_causal', bucketTable(this.shape, bidirectional));
    const buckets = g.op('Gather', [table, g.op('Add', [clipped, g.int64s('reach_high', [reach], [])])]);
    const values = g.op('Gather', [this.weight(weightName), buckets]);
    return g.op('Unsqueeze', [g.op('Transpose', [values], { perm: [2, 0, 1] }), g.int64s('axis0', [0])]);
  }

  /** [B, 1, 1, S] additive mask: 0 where mask is 1, float32's lowest where it is 0 (HF's extended attention mask). */
  paddingMask(g: Graph, mask: string): string {
    const inverted = g.op('Sub', [g.scalar('one', 1), g.op('Cast', [mask], { to: DataType.FLOAT })]);
    return g.op('Unsqueeze', [g.op('Mul', [inverted, g.scalar('lowest', FLOAT32_LOWEST)]), g.int64s('axes12', [1, 2])]);
  }
}

function input(g: Graph, info: ValueInfo): string {
  g.inputs.push(info);
  return info.name;
}

export function encoderGraph(shape: T5Shape, seed: number, precision: Precision): Graph {
  const t5 = new T5Graph(shape, seed, precision, 'encoder');
  const g = t5.main;
  const ids = input(g, { name: 'input_ids', elemType: DataType.INT64, dims: [BATCH, 'encoder_sequence_length'] });
  const mask = input(g, { name: 'attention_mask', elemType: DataType.INT64, dims: [BATCH, 'encoder_sequence_length'] });
  let x = g.op('Gather', [t5.weight('shared.weight'), ids]);
  const positions = g.op('Range', [g.int64s('zero', [0], []), t5.dim(g, ids, 1), g.int64s('one', [1], [])]);
  const bias = g.op('Add', [
    t5.positionBias(g, positions, positions, true, 'encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight'),
    t5.paddingMask(g, mask),
  ]);
  for (let layer = 0; layer < shape.num_layers; layer++) {
    const block = `encoder.block.${layer}.layer`;
    const [q, k, v] = t5.selfAttentionProjections(g, t5.rmsNorm(g, x, `${block}.0.layer_norm.weight`), `${block}.0.SelfAttention`);
    x = g.op('Add', [x, t5.linear(g, t5.attention(g, q, k, v, bias), `${block}.0.SelfAttention.o.weight`)]);
    x = g.op('Add', [x, t5.feedForward(g, t5.rmsNorm(g, x, `${block}.1.layer_norm.weight`), `${block}.1.DenseReluDense`)]);
  }
  t5.rmsNorm(g, x, 'encoder.final_layer_norm.weight', 'last_hidden_state');
  g.outputs.push({ name: 'last_hidden_state', elemType: DataType.FLOAT, dims: [BATCH, 'encoder_sequence_length', shape.d_model] });
  return g;
}

export function decoderMergedGraph(shape: T5Shape, seed: number, precision: Precision): Graph {
  const t5 = new T5Graph(shape, seed, precision, 'decoder_merged');
  const g = t5.main;
  const { num_heads: heads, d_kv: kv } = shape;
  const encoderMask = input(g, { name: 'encoder_attention_mask', elemType: DataType.INT64, dims: [BATCH, 'encoder_sequence_length'] });
  const ids = input(g, { name: 'input_ids', elemType: DataType.INT64, dims: [BATCH, 'decoder_sequence_length'] });
  const encoderStates = input(g, {
    name: 'encoder_hidden_states',
    elemType: DataType.FLOAT,
    dims: [BATCH, 'encoder_sequence_length', shape.d_model],
  });
  const layers = Array.from({ length: shape.num_decoder_layers }, (_, layer) => layer);
  const past = (layer: number, kind: 'decoder' | 'encoder', part: 'key' | 'value') => `past_key_values.${layer}.${kind}.${part}`;
  for (const layer of layers) {
    for (const kind of ['decoder', 'encoder'] as const) {
      for (const part of ['key', 'value'] as const) {
        const length = kind === 'decoder' ? 'past_decoder_sequence_length' : 'encoder_sequence_length_out';
        input(g, { name: past(layer, kind, part), elemType: DataType.FLOAT, dims: [BATCH, heads, length, kv] });
      }
    }
  }
  const useCache = input(g, { name: 'use_cache_branch', elemType: DataType.BOOL, dims: [1] });

  // Cross-attention keys/values: the cached ones (then) or projected from the encoder's output (else).
  const cached = new Graph('use_cache', g.names, g);
  const fresh = new Graph('compute_cross_attention', g.names, g);
  const crossNames: string[] = [];
  for (const layer of layers) {
    for (const part of ['key', 'value'] as const) {
      crossNames.push(`present.${layer}.encoder.${part}`);
      cached.outputs.push({ name: cached.op('Identity', [past(layer, 'encoder', part)]), elemType: DataType.FLOAT });
      const projected = t5.linear(
        fresh,
        encoderStates,
        `decoder.block.${layer}.layer.1.EncDecAttention.${part === 'key' ? 'k' : 'v'}.weight`,
      );
      fresh.outputs.push({ name: t5.splitHeads(fresh, projected), elemType: DataType.FLOAT });
    }
  }
  g.node('If', [useCache], { then_branch: cached, else_branch: fresh }, crossNames);

  let x = g.op('Gather', [t5.weight('shared.weight'), ids]);
  const pastLength = t5.dim(g, past(0, 'decoder', 'key'), 2);
  const totalLength = g.op('Add', [pastLength, t5.dim(g, ids, 1)]);
  const one = g.int64s('one', [1], []);
  const queries = g.op('Range', [pastLength, totalLength, one]);
  const keys = g.op('Range', [g.int64s('zero', [0], []), totalLength, one]);
  const future = g.op('Greater', [g.op('Unsqueeze', [keys, g.int64s('axis0', [0])]), g.op('Unsqueeze', [queries, g.int64s('axis1', [1])])]);
  const causal = g.op('Where', [future, g.scalar('lowest', FLOAT32_LOWEST), g.scalar('zero', 0)]);
  const selfBias = g.op('Add', [
    t5.positionBias(g, queries, keys, false, 'decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight'),
    causal,
  ]);
  const crossBias = t5.paddingMask(g, encoderMask);

  for (const layer of layers) {
    const block = `decoder.block.${layer}.layer`;
    const [q, kNew, vNew] = t5.selfAttentionProjections(g, t5.rmsNorm(g, x, `${block}.0.layer_norm.weight`), `${block}.0.SelfAttention`);
    const k = g.op('Concat', [past(layer, 'decoder', 'key'), kNew], { axis: 2 }, `present.${layer}.decoder.key`);
    const v = g.op('Concat', [past(layer, 'decoder', 'value'), vNew], { axis: 2 }, `present.${layer}.decoder.value`);
    x = g.op('Add', [x, t5.linear(g, t5.attention(g, q, k, v, selfBias), `${block}.0.SelfAttention.o.weight`)]);
    const crossQuery = t5.splitHeads(
      g,
      t5.linear(g, t5.rmsNorm(g, x, `${block}.1.layer_norm.weight`), `${block}.1.EncDecAttention.q.weight`),
    );
    const crossAttention = t5.attention(g, crossQuery, `present.${layer}.encoder.key`, `present.${layer}.encoder.value`, crossBias);
    x = g.op('Add', [x, t5.linear(g, crossAttention, `${block}.1.EncDecAttention.o.weight`)]);
    x = g.op('Add', [x, t5.feedForward(g, t5.rmsNorm(g, x, `${block}.2.layer_norm.weight`), `${block}.2.DenseReluDense`)]);
  }
  // FLAN-T5 is T5 v1.1: untied lm_head, no d_model^-0.5 rescaling of the last hidden state.
  t5.linear(g, t5.rmsNorm(g, x, 'decoder.final_layer_norm.weight'), 'lm_head.weight', 'logits');
  g.outputs.push({ name: 'logits', elemType: DataType.FLOAT, dims: [BATCH, 'decoder_sequence_length', shape.vocab_size] });
  for (const layer of layers) {
    for (const kind of ['decoder', 'encoder'] as const) {
      for (const part of ['key', 'value'] as const) {
        const length = kind === 'decoder' ? 'past_decoder_sequence_length + decoder_sequence_length' : 'encoder_sequence_length_out';
        g.outputs.push({ name: `present.${layer}.${kind}.${part}`, elemType: DataType.FLOAT, dims: [BATCH, heads, length, kv] });
      }
    }
  }
  return g;
}
