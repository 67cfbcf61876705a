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
// that weighs those values, and the Softmax whose output is the weights. The file is rewritten by byte ranges:
// only nodes and small fields are read, the weights are copied through a small buffer.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ATTRIBUTE, DataType, GRAPH, MODEL_GRAPH, NODE, nodeMessage, tensorMessage, valueInfoMessage } from './onnx-proto.js';
import {
  type ByteSource,
  concat,
  type Field,
  fieldText,
  MessageWriter,
  memorySource,
  readFields,
  WIRE_LENGTH_DELIMITED,
} from './protobuf.js';

export const DECODER_MASK_INPUT = 'decoder_attention_mask';
const PREFIX = 'mlhub_decoder_mask/';
const FLOAT32_LOWEST = -3.4028234663852886e38;
const PAST_VALUE = /^past_key_values\.(\d+)\.decoder\.value$/;
/** Ops between the attention weights or the values and the MatMul that combines them (casts, quantization). */
const PASS_THROUGH = new Set(['Cast', 'Identity', 'DynamicQuantizeLinear', 'Dropout']);
const COPY_BYTES = 4 << 20;

interface NodeView {
  /** Index of this node's field in its graph's fields. */
  index: number;
  source: ByteSource;
  fields: Field[];
  op: string;
  inputs: string[];
  outputs: string[];
  branches: Branch[];
}

/** A subgraph held by a node's attribute (an If's then/else branch). */
interface Branch {
  attribute: number;
  attributeFields: Field[];
  attributeSource: ByteSource;
  graphField: number;
  graph: GraphView;
}

interface GraphView {
  source: ByteSource;
  fields: Field[];
  nodes: NodeView[];
  /** Fields replaced, by index, with the whole fields (keys included) written in their place. */
  replaced: Map<number, Uint8Array[]>;
  /** Whole fields written before the first node. */
  prepended: Uint8Array[];
}

function texts(source: ByteSource, fields: readonly Field[], number: number): string[] {
  return fields.filter((f) => f.field === number && f.wire === WIRE_LENGTH_DELIMITED).map((f) => fieldText(source, f));
}

function payload(source: ByteSource, field: Field): Uint8Array {
  return source.bytes(field.payload, field.end - field.payload);
}

/** A graph's nodes, read in full (subgraphs included); its other fields, initializers among them, stay ranges. */
function readGraph(source: ByteSource, start: number, end: number): GraphView {
  const fields = readFields(source, start, end);
  const nodes: NodeView[] = [];
  fields.forEach((field, index) => {
    if (field.field !== GRAPH.node || field.wire !== WIRE_LENGTH_DELIMITED) return;
    const nodeSource = memorySource(payload(source, field).slice());
    const nodeFields = readFields(nodeSource);
    const branches: Branch[] = [];
    nodeFields.forEach((attr, attribute) => {
      if (attr.field !== NODE.attribute || attr.wire !== WIRE_LENGTH_DELIMITED) return;
      const attributeSource = memorySource(payload(nodeSource, attr));
      const attributeFields = readFields(attributeSource);
      const graphField = attributeFields.findIndex((f) => f.field === ATTRIBUTE.graph && f.wire === WIRE_LENGTH_DELIMITED);
      if (graphField < 0) return;
      const g = attributeFields[graphField] as Field;
      branches.push({ attribute, attributeFields, attributeSource, graphField, graph: readGraph(attributeSource, g.payload, g.end) });
    });
    nodes.push({
      index,
      source: nodeSource,
      fields: nodeFields,
      op: texts(nodeSource, nodeFields, NODE.opType)[0] ?? '',
      inputs: texts(nodeSource, nodeFields, NODE.input),
      outputs: texts(nodeSource, nodeFields, NODE.output),
      branches,
    });
  });
  return { source, fields, nodes, replaced: new Map(), prepended: [] };
}

function* allGraphs(graph: GraphView): Generator<GraphView> {
  yield graph;
  for (const node of graph.nodes) for (const branch of node.branches) yield* allGraphs(branch.graph);
}

function changed(graph: GraphView): boolean {
  return [...allGraphs(graph)].some((g) => g.replaced.size > 0 || g.prepended.length > 0);
}

/** Each tensor's producing node in a graph. */
function producers(graph: GraphView): Map<string, NodeView> {
  const producer = new Map<string, NodeView>();
  for (const node of graph.nodes) for (const output of node.outputs) producer.set(output, node);
  return producer;
}

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

function nodeField(node: MessageWriter): Uint8Array {
  return new MessageWriter().message(GRAPH.node, node).finish();
}

/** The node's NodeProto field with input `from` (the first occurrence) renamed to `to`. */
function withInput(node: NodeView, from: string, to: string): Uint8Array {
  let renamed = false;
  let index = 0;
  const body = node.fields.map((field) => {
    if (field.field !== NODE.input) return node.source.bytes(field.start, field.end - field.start);
    const name = node.inputs[index++];
    if (renamed || name !== from) return node.source.bytes(field.start, field.end - field.start);
    renamed = true;
    return new MessageWriter().string(NODE.input, to).finish();
  });
  return new MessageWriter().bytes(GRAPH.node, concat(body)).finish();
}

/** A piece of the output: bytes, or a range of the source file to copy. */
type Piece = Uint8Array | { offset: number; length: number };

/** The graph's fields with its edits; fields of `file` stay ranges to copy, the rest is bytes. */
function encodeGraph(graph: GraphView, file: ByteSource | null): Piece[] {
  const pieces: Piece[] = [];
  const firstNode = graph.fields.findIndex((f) => f.field === GRAPH.node);
  if (firstNode < 0) pieces.push(...graph.prepended);
  graph.fields.forEach((field, index) => {
    if (index === firstNode) pieces.push(...graph.prepended);
    const node = graph.nodes.find((n) => n.index === index);
    const replaced =
      graph.replaced.get(index) ?? (node && node.branches.some((b) => changed(b.graph)) ? [encodeBranches(node)] : undefined);
    if (replaced !== undefined) pieces.push(...replaced);
    else if (graph.source === file) pieces.push({ offset: field.start, length: field.end - field.start });
    else pieces.push(graph.source.bytes(field.start, field.end - field.start));
  });
  return pieces;
}

/** The NodeProto field of a node whose subgraphs changed. */
function encodeBranches(node: NodeView): Uint8Array {
  const body = node.fields.map((field, index) => {
    const branch = node.branches.find((b) => b.attribute === index);
    if (branch === undefined || !changed(branch.graph)) return node.source.bytes(field.start, field.end - field.start);
    const attribute = branch.attributeFields.map((f, i) =>
      i === branch.graphField
        ? new MessageWriter().bytes(ATTRIBUTE.graph, concat(encodeGraph(branch.graph, null) as Uint8Array[])).finish()
        : branch.attributeSource.bytes(f.start, f.end - f.start),
    );
    return new MessageWriter().bytes(NODE.attribute, concat(attribute)).finish();
  });
  return new MessageWriter().bytes(GRAPH.node, concat(body)).finish();
}

/** A file read on demand through a cache of 64 KB pages: its structure touches few of them. */
function fileSource(fd: number, length: number): ByteSource {
  const PAGE = 64 << 10;
  const pages = new Map<number, Buffer>();
  const page = (index: number): Buffer => {
    let buffer = pages.get(index);
    if (buffer === undefined) {
      buffer = Buffer.alloc(Math.min(PAGE, length - index * PAGE));
      readSync(fd, buffer, 0, buffer.length, index * PAGE);
      pages.set(index, buffer);
    }
    return buffer;
  };
  return {
    length,
    bytes(offset, count) {
      if (offset < 0 || offset + count > length) throw new Error('protobuf: read past the end of the file');
      const out = new Uint8Array(count);
      for (let done = 0; done < count;) {
        const index = Math.floor((offset + done) / PAGE);
        const buffer = page(index);
        const from = offset + done - index * PAGE;
        const take = Math.min(count - done, buffer.length - from);
        out.set(buffer.subarray(from, from + take), done);
        done += take;
      }
      return out;
    },
  };
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
    for (const name of node.outputs) if (name.startsWith(PREFIX)) throw new Error(`a tensor is already named ${name}`);
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

export interface MaskPatchResult {
  /** Self-attention layers the mask now reaches. */
  layers: number;
}

/** The decoder takes the mask already: it needs no patch (its check still decides whether rows merge). */
export class AlreadyMaskedError extends Error {
  constructor() {
    super(`the decoder takes ${DECODER_MASK_INPUT} already`);
    this.name = 'AlreadyMaskedError';
  }
}

/**
 * Writes `target`: the merged decoder at `source` with the `decoder_attention_mask` input. Throws when the graph
 * is not one this patch understands (no cached self-attention found, a name taken), before writing anything.
 * `masks`: the layers to mask, all by default (a test masks fewer, to see the load-time check refuse the result).
 */
export async function writeMaskedDecoder(
  source: string,
  target: string,
  masks: (layer: number) => boolean = () => true,
): Promise<MaskPatchResult> {
  const fd = openSync(source, 'r');
  try {
    const file = fileSource(fd, fstatSync(fd).size);
    const top = readFields(file);
    const graphIndex = top.findIndex((f) => f.field === MODEL_GRAPH && f.wire === WIRE_LENGTH_DELIMITED);
    if (graphIndex < 0) throw new Error('not an ONNX model: no graph');
    const graphField = top[graphIndex] as Field;
    const graph = readGraph(file, graphField.payload, graphField.end);
    const inputs = graph.fields
      .filter((f) => f.field === GRAPH.input && f.wire === WIRE_LENGTH_DELIMITED)
      .map((f) => {
        const info = memorySource(payload(file, f));
        return texts(info, readFields(info), 1)[0];
      });
    if (inputs.includes(DECODER_MASK_INPUT)) throw new AlreadyMaskedError();
    if (!inputs.some((name) => name !== undefined && PAST_VALUE.test(name))) throw new Error('the decoder takes no cached past');
    const layers = patchSoftmaxes(graph, masks);
    const bias = maskBias();
    graph.prepended.unshift(...bias.nodes);
    const input = new MessageWriter()
      .message(GRAPH.input, valueInfoMessage(DECODER_MASK_INPUT, DataType.INT64, ['batch_size', 'past_decoder_sequence_length + 1']))
      .finish();
    const graphPieces = [...encodeGraph(graph, file), ...bias.initializers, input];
    const graphLength = graphPieces.reduce((n, p) => n + p.length, 0);
    const pieces: Piece[] = [];
    top.forEach((field, index) => {
      if (index === graphIndex) pieces.push(MessageWriter.header(MODEL_GRAPH, graphLength), ...graphPieces);
      else pieces.push({ offset: field.start, length: field.end - field.start });
    });
    await writePieces(fd, pieces, target);
    return { layers };
  } finally {
    closeSync(fd);
  }
}

/** Writes the pieces in order, copying file ranges through one buffer and yielding to the event loop between copies. */
async function writePieces(fd: number, pieces: readonly Piece[], target: string): Promise<void> {
  const out = openSync(target, 'w');
  const buffer = Buffer.allocUnsafe(COPY_BYTES);
  try {
    for (const piece of pieces) {
      if (piece instanceof Uint8Array) {
        writeAll(out, piece);
        continue;
      }
      for (let done = 0; done < piece.length;) {
        const read = readSync(fd, buffer, 0, Math.min(COPY_BYTES, piece.length - done), piece.offset + done);
        if (read === 0) throw new Error('the decoder file shrank while it was copied');
        writeAll(out, buffer.subarray(0, read));
        done += read;
        await yieldToEventLoop();
      }
    }
  } finally {
    closeSync(out);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
