// An ONNX file read for editing without loading its weights: the nodes of every graph (If branches included)
// are read in full, every other field stays a byte range of the file. Edits are recorded on the views (fields
// replaced, fields added before the first node or at the end, outputs added to a node) and written by copying
// the untouched ranges through one small buffer, so a 300 MB decoder is patched in a few MB of memory.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ATTRIBUTE, GRAPH, MODEL_GRAPH, NODE } from './onnx-proto.js';
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

const COPY_BYTES = 4 << 20;

export interface NodeView {
  /** Index of this node's field in its graph's fields. */
  index: number;
  source: ByteSource;
  fields: Field[];
  op: string;
  inputs: string[];
  outputs: string[];
  branches: Branch[];
  /** Outputs to append to the node (an If's, whose branches gained outputs). */
  addedOutputs: string[];
}

/** A subgraph held by a node's attribute (an If's then/else branch). */
interface Branch {
  /** The attribute's name: `then_branch`, `else_branch`. */
  name: string;
  attribute: number;
  attributeFields: Field[];
  attributeSource: ByteSource;
  graphField: number;
  graph: GraphView;
}

export interface GraphView {
  source: ByteSource;
  fields: Field[];
  nodes: NodeView[];
  /** Fields replaced, by index, with the whole fields (keys included) written in their place. */
  replaced: Map<number, Uint8Array[]>;
  /** Whole fields written before the first node. */
  prepended: Uint8Array[];
  /** Whole fields written after the last field (nodes that read any tensor of the graph, outputs). */
  appended: Uint8Array[];
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
      branches.push({
        name: texts(attributeSource, attributeFields, ATTRIBUTE.name)[0] ?? '',
        attribute,
        attributeFields,
        attributeSource,
        graphField,
        graph: readGraph(attributeSource, g.payload, g.end),
      });
    });
    nodes.push({
      index,
      source: nodeSource,
      fields: nodeFields,
      op: texts(nodeSource, nodeFields, NODE.opType)[0] ?? '',
      inputs: texts(nodeSource, nodeFields, NODE.input),
      outputs: texts(nodeSource, nodeFields, NODE.output),
      branches,
      addedOutputs: [],
    });
  });
  return { source, fields, nodes, replaced: new Map(), prepended: [], appended: [] };
}

/** The names of a graph's inputs or outputs (`GRAPH.input` / `GRAPH.output`), in order. */
export function valueNames(graph: GraphView, number: number): string[] {
  return graph.fields
    .filter((f) => f.field === number && f.wire === WIRE_LENGTH_DELIMITED)
    .map((f) => {
      const info = memorySource(payload(graph.source, f));
      return texts(info, readFields(info), 1)[0] ?? '';
    });
}

export function* allGraphs(graph: GraphView): Generator<GraphView> {
  yield graph;
  for (const node of graph.nodes) for (const branch of node.branches) yield* allGraphs(branch.graph);
}

function changed(graph: GraphView): boolean {
  return [...allGraphs(graph)].some(
    (g) => g.replaced.size > 0 || g.prepended.length > 0 || g.appended.length > 0 || g.nodes.some((n) => n.addedOutputs.length > 0),
  );
}

/** Each tensor's producing node in a graph. */
export function producers(graph: GraphView): Map<string, NodeView> {
  const producer = new Map<string, NodeView>();
  for (const node of graph.nodes) for (const output of node.outputs) producer.set(output, node);
  return producer;
}

export function nodeField(node: MessageWriter): Uint8Array {
  return new MessageWriter().message(GRAPH.node, node).finish();
}

/** The node's NodeProto field with input `from` (the first occurrence) renamed to `to`. */
export function withInput(node: NodeView, from: string, to: string): Uint8Array {
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

/**
 * The node's NodeProto field with its inputs and outputs renamed by `names` (names not in it stay), and its own
 * name after `namePrefix`.
 */
export function renamedNode(node: NodeView, names: ReadonlyMap<string, string>, namePrefix = ''): Uint8Array {
  const body = node.fields.map((field) => {
    const original = node.source.bytes(field.start, field.end - field.start);
    if (field.wire !== WIRE_LENGTH_DELIMITED) return original;
    if (field.field === NODE.name && namePrefix !== '')
      return new MessageWriter().string(NODE.name, `${namePrefix}${fieldText(node.source, field)}`).finish();
    if (field.field !== NODE.input && field.field !== NODE.output) return original;
    const to = names.get(fieldText(node.source, field));
    return to === undefined ? original : new MessageWriter().string(field.field, to).finish();
  });
  return new MessageWriter().bytes(GRAPH.node, concat(body)).finish();
}

/** A graph's fields of one number (`GRAPH.input`, `GRAPH.initializer`...) by the name they hold, with their index. */
export function namedFields(graph: GraphView, number: number): Map<string, { index: number; field: Field }> {
  const named = new Map<string, { index: number; field: Field }>();
  // ValueInfoProto holds its name in field 1, TensorProto in field 8.
  const nameField = number === GRAPH.initializer ? 8 : 1;
  graph.fields.forEach((field, index) => {
    if (field.field !== number || field.wire !== WIRE_LENGTH_DELIMITED) return;
    const own = readFields(graph.source, field.payload, field.end).find((f) => f.field === nameField && f.wire === WIRE_LENGTH_DELIMITED);
    if (own) named.set(fieldText(graph.source, own), { index, field });
  });
  return named;
}

/** A field of a graph as a piece of output: a range to copy when it is in the file, else its bytes. */
export function fieldPiece(graph: GraphView, field: Field, file: ByteSource | null): Piece {
  return graph.source === file
    ? { offset: field.start, length: field.end - field.start }
    : graph.source.bytes(field.start, field.end - field.start);
}

/** A piece of the output: bytes, or a range of the source file to copy. */
export type Piece = Uint8Array | { offset: number; length: number };

/** The graph's fields with its edits; fields of `file` stay ranges to copy, the rest is bytes. */
function encodeGraph(graph: GraphView, file: ByteSource | null): Piece[] {
  const pieces: Piece[] = [];
  const firstNode = graph.fields.findIndex((f) => f.field === GRAPH.node);
  if (firstNode < 0) pieces.push(...graph.prepended);
  graph.fields.forEach((field, index) => {
    if (index === firstNode) pieces.push(...graph.prepended);
    const node = graph.nodes.find((n) => n.index === index);
    const edited = node && (node.addedOutputs.length > 0 || node.branches.some((b) => changed(b.graph)));
    const replaced = graph.replaced.get(index) ?? (edited ? [encodeNode(node)] : undefined);
    if (replaced !== undefined) pieces.push(...replaced);
    else pieces.push(fieldPiece(graph, field, file));
  });
  pieces.push(...graph.appended);
  return pieces;
}

/** The NodeProto field of a node whose subgraphs changed or that gained outputs (written after its own). */
function encodeNode(node: NodeView): Uint8Array {
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
  for (const output of node.addedOutputs) body.push(new MessageWriter().string(NODE.output, output).finish());
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

/**
 * Reads the model at `source`, lets `edit` change its main graph, and writes the result to `target`. `edit`
 * throws to refuse the graph; nothing is written then.
 */
export async function editModel(source: string, target: string, edit: (graph: GraphView) => Uint8Array[]): Promise<void> {
  await readModel(source, async (model) => {
    model.graph.appended.push(...edit(model.graph));
    await model.write(target, encodeGraph(model.graph, model.file));
  });
}

/** A model file open for reading: its main graph, and a writer of models that share its other fields. */
export interface ModelFile {
  file: ByteSource;
  graph: GraphView;
  /** The graph's fields with its edits (`encodeGraph`): ranges of the file stay ranges. */
  encode(graph: GraphView): Piece[];
  /** Writes a model: this one's fields (IR version, opsets, metadata) around `graphPieces` as its graph. */
  write(target: string, graphPieces: readonly Piece[]): Promise<void>;
}

/** Opens the model at `source` for `use`, closed when it settles. */
export async function readModel<T>(source: string, use: (model: ModelFile) => Promise<T>): Promise<T> {
  const fd = openSync(source, 'r');
  try {
    const file = fileSource(fd, fstatSync(fd).size);
    const top = readFields(file);
    const graphIndex = top.findIndex((f) => f.field === MODEL_GRAPH && f.wire === WIRE_LENGTH_DELIMITED);
    if (graphIndex < 0) throw new Error('not an ONNX model: no graph');
    const graphField = top[graphIndex] as Field;
    return await use({
      file,
      graph: readGraph(file, graphField.payload, graphField.end),
      encode: (graph) => encodeGraph(graph, file),
      write: async (target, graphPieces) => {
        const graphLength = graphPieces.reduce((n, p) => n + p.length, 0);
        const pieces: Piece[] = [];
        top.forEach((field, index) => {
          if (index === graphIndex) pieces.push(MessageWriter.header(MODEL_GRAPH, graphLength), ...graphPieces);
          else pieces.push({ offset: field.start, length: field.end - field.start });
        });
        await writePieces(fd, pieces, target);
      },
    });
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
