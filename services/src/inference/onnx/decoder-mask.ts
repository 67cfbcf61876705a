// A self-attention mask for the merged T5 decoder. As Optimum exports it (and as the model generator writes it),
// the decoder takes no mask over its own past: rows whose caches have different lengths cannot share a run, so
// a request arriving while others decode would need runs of its own. This patch adds the input HF's T5 has,
// `decoder_attention_mask` `[batch_size, past + 1]` (1: attend, 0: padding), turns it into 0 / float32's lowest
// `[batch, 1, 1, keys]`, and adds that to the scores of every self-attention Softmax that reads a cached past
// (once, to T5's shared position bias, when every layer adds that same tensor). With it a row whose cache is
// shorter is left-padded to the longest: the relative position bias depends on query minus key only, so its real
// keys keep their distances, and the padding gets no weight. The server checks the patched graph against the
// unpadded arithmetic at load (masked-model.ts) and loads the decoder as it is when that does not hold.
//
// The graph is found by structure, not by node names (which differ between exporters): the Concat that appends
// the new values to `past_key_values.{i}.decoder.value`, the MatMul (or MatMulInteger, in a quantized graph)
// that weighs those values, and the Softmax whose output is the weights.
import { DataType, GRAPH, NODE, nodeMessage, tensorMessage, valueInfoMessage } from './onnx-proto.js';
import { allGraphs, type GraphView, type NodeView, nodeField, producers, withInput } from './graph-view.js';
import { MessageWriter } from './protobuf.js';

export const DECODER_MASK_INPUT = 'decoder_attention_mask';
const PREFIX = 'mlhub_decoder_mask/';
const FLOAT32_LOWEST = -3.4028234663852886e38;
/** A decoder's self-attention value cache input, `past_key_values.{layer}.decoder.value`. */
export const PAST_VALUE = /^past_key_values\.(\d+)\.decoder\.value$/;
/** Ops between the attention weights or the values and the MatMul that combines them (casts, quantization). */
const PASS_THROUGH = new Set(['Cast', 'Identity', 'DynamicQuantizeLinear', 'Dropout']);

/** The Softmax whose output, through casts and quantization, is the weights that combine `values`; null if none. */
function attentionSoftmax(graph: GraphView, producer: Map<string, NodeView>, values: string): NodeView | null {
  const seen = new Set<string>();
  const frontier = [values];
  while (frontier.length > 0) {
    const tensor = frontier.shift() as string;
    if (seen.has(tensor)) continue;
    seen.add(tensor);
    for (const node of graph.nodes) {
      const at = node.inputs.indexOf(tensor);
      if (at < 0) continue;
      if (PASS_THROUGH.has(node.op) && at === 0 && node.outputs[0] !== undefined) frontier.push(node.outputs[0]);
      if ((node.op === 'MatMul' || node.op === 'MatMulInteger') && at === 1) {
        let weights = producer.get(node.inputs[0] ?? '');
        while (weights !== undefined && PASS_THROUGH.has(weights.op)) weights = producer.get(weights.inputs[0] ?? '');
        if (weights?.op === 'Softmax') return weights;
      }
    }
  }
  return null;
}

/** The nodes and constants that turn the 0/1 mask into `[batch, 1, 1, keys]` of 0 and float32's lowest. */
function maskBias(): { nodes: Uint8Array[]; initializers: Uint8Array[] } {
  const float = (value: number) => {
    const raw = new Uint8Array(4);
    new DataView(raw.buffer).setFloat32(0, value, true);
    return raw;
  };
  const shape = new Uint8Array(32);
  [0, 1, 1, -1].forEach((v, i) => new DataView(shape.buffer).setBigInt64(i * 8, BigInt(v), true));
  const initializer = (tensor: MessageWriter) => new MessageWriter().message(GRAPH.initializer, tensor).finish();
  const n = (op: string, inputs: string[], output: string) => nodeMessage(op, inputs, [`${PREFIX}${output}`], `${PREFIX}${output}_node`);
  return {
    nodes: [
      // Reshape (not Unsqueeze, whose axes moved from attribute to input at opset 13): any opset reads it.
      nodeField(n('Reshape', [DECODER_MASK_INPUT, `${PREFIX}shape`], 'columns')),
      nodeField(
        n('Cast', [`${PREFIX}columns`], 'attend').message(
          NODE.attribute,
          new MessageWriter().string(1, 'to').int(3, DataType.BOOL).int(20, 2),
        ),
      ),
      nodeField(n('Where', [`${PREFIX}attend`, `${PREFIX}zero`, `${PREFIX}lowest`], 'bias')),
    ],
    initializers: [
      initializer(tensorMessage(`${PREFIX}zero`, DataType.FLOAT, [], float(0))),
      initializer(tensorMessage(`${PREFIX}lowest`, DataType.FLOAT, [], float(FLOAT32_LOWEST))),
      initializer(tensorMessage(`${PREFIX}shape`, DataType.INT64, [4], shape)),
    ],
  };
}

/** The cached self-attention Softmaxes of one graph, by layer. */
function attentionSoftmaxes(g: GraphView, producer: Map<string, NodeView>): { layer: number; softmax: NodeView }[] {
  const found: { layer: number; softmax: NodeView }[] = [];
  for (const node of g.nodes) {
    if (node.op !== 'Concat' || node.outputs[0] === undefined) continue;
    const past = node.inputs.map((i) => PAST_VALUE.exec(i)).find((m) => m !== null);
    if (!past) continue;
    const softmax = attentionSoftmax(g, producer, node.outputs[0]);
    if (softmax !== null && !found.some((f) => f.softmax === softmax)) found.push({ layer: Number(past[1]), softmax });
  }
  return found;
}

/**
 * Adds the mask to the self-attention scores of the layers `masks` accepts; the layers patched. T5 adds one
 * position bias, made in the first layer, to every layer's scores: when the Softmaxes' inputs are Adds sharing
 * that tensor, one Add masks it for all of them (4 nodes in all, where a node per layer cost a q8 flan-t5-small
 * step 10 %); otherwise each Softmax's input gets its own Add.
 */
function patchSoftmaxes(graph: GraphView, masks: (layer: number) => boolean): number {
  const layers = new Set<number>();
  for (const g of allGraphs(graph)) {
    const producer = producers(g);
    const sites = attentionSoftmaxes(g, producer).filter((site) => masks(site.layer));
    if (sites.length === 0) continue;
    const adds = sites.map((site) => producer.get(site.softmax.inputs[0] ?? ''));
    const shared = adds.every((a) => a?.op === 'Add')
      ? (adds[0] as NodeView).inputs.filter((input) => adds.every((a) => (a as NodeView).inputs.includes(input)))
      : [];
    if (shared.length === 1 && new Set(adds).size === adds.length) {
      const bias = shared[0] as string;
      const masked = `${PREFIX}position_bias_${g.replaced.size}`;
      const first = adds.reduce((a, b) => ((a as NodeView).index < (b as NodeView).index ? a : b)) as NodeView;
      for (const add of adds as NodeView[]) {
        const rewired = withInput(add, bias, masked);
        // Before the first of the Adds: the bias is computed by then (ONNX keeps nodes in topological order).
        const before = add === first ? [nodeField(nodeMessage('Add', [bias, `${PREFIX}bias`], [masked], `${masked}_node`))] : [];
        g.replaced.set(add.index, [...before, rewired]);
      }
    } else {
      for (const { layer, softmax } of sites) {
        const scores = softmax.inputs[0] ?? '';
        const masked = `${PREFIX}scores_${layer}_${g.replaced.size}`;
        const add = nodeField(nodeMessage('Add', [scores, `${PREFIX}bias`], [masked], `${masked}_node`));
        g.replaced.set(softmax.index, [add, withInput(softmax, scores, masked)]);
      }
    }
    for (const site of sites) layers.add(site.layer);
  }
  if (layers.size === 0) throw new Error('no self-attention over a cached past found in the decoder');
  return layers.size;
}

/** The decoder takes the mask already: it needs no patch (its check still decides whether rows merge). */
export class AlreadyMaskedError extends Error {
  constructor() {
    super(`the decoder takes ${DECODER_MASK_INPUT} already`);
    this.name = 'AlreadyMaskedError';
  }
}

/**
 * Adds the mask to the decoder's main graph: the layers `masks` accepts (all by default) and the fields the
 * graph needs at its end (the constants, the new input). Throws when no cached self-attention is found.
 */
export function addDecoderMask(graph: GraphView, masks: (layer: number) => boolean = () => true): { layers: number; fields: Uint8Array[] } {
  for (const g of allGraphs(graph))
    for (const node of g.nodes)
      for (const name of node.outputs) if (name.startsWith(PREFIX)) throw new Error(`a tensor is already named ${name}`);
  const layers = patchSoftmaxes(graph, masks);
  const bias = maskBias();
  graph.prepended.unshift(...bias.nodes);
  const input = new MessageWriter()
    .message(GRAPH.input, valueInfoMessage(DECODER_MASK_INPUT, DataType.INT64, ['batch_size', 'past_decoder_sequence_length + 1']))
    .finish();
  return { layers, fields: [...bias.initializers, input] };
}
