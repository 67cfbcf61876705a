// ONNX graphs as plain objects, encoded with protobuf.ts. Field numbers are those of onnx/onnx.proto (IR 8).
// Weight initializers carry a length and a chunk producer instead of bytes: `writeModel` (onnx-file.ts) streams
// them, so a model is never held in memory serialised.
import {
  DataType,
  type DataTypeCode,
  type Dim,
  nodeMessage,
  tensorHeader,
  valueInfoMessage,
} from '@mlhub/services/inference/onnx/onnx-proto';
import { MessageWriter } from '@mlhub/services/inference/onnx/protobuf';

export { DataType };

/** A named tensor whose raw little-endian bytes are produced on demand, in order, `byteLength` in total. */
export interface Initializer {
  name: string;
  dataType: DataTypeCode;
  dims: readonly number[];
  byteLength: number;
  chunks(): Iterable<Uint8Array>;
}

export interface ValueInfo {
  name: string;
  elemType: DataTypeCode;
  /** Omitted for If-branch outputs, whose shapes ONNX Runtime infers. */
  dims?: readonly Dim[];
}

type AttributeValue = number | readonly number[] | { float: number } | Graph;

interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes: Record<string, AttributeValue>;
}

/** Unique value and node names across a model and its subgraphs (ONNX forbids shadowing outer names). */
export class NameSource {
  private counter = 0;
  next(hint: string): string {
    this.counter += 1;
    return `${hint}_${this.counter}`;
  }
}

export class Graph {
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];
  readonly initializers: Initializer[] = [];
  private readonly nodes: NodeSpec[] = [];
  private readonly initializerNames = new Set<string>();

  /** `parent`: the graph holding this subgraph's constants (ONNX Runtime reads outer-scope initializers). */
  constructor(
    readonly name: string,
    readonly names: NameSource,
    private readonly parent?: Graph,
  ) {}

  /** One node with `outputCount` fresh outputs (or the given output names). */
  node(op: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, outputs: number | string[] = 1): string[] {
    const outputNames = typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.names.next(op)) : outputs;
    this.nodes.push({ op, inputs, outputs: outputNames, attributes });
    return outputNames;
  }

  /** A single-output node. */
  op(op: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}, output?: string): string {
    const [result] = this.node(op, inputs, attributes, output === undefined ? 1 : [output]);
    return result as string;
  }

  /** Adds an initializer once (a weight used twice, like the shared embedding, is stored once per file). */
  initializer(tensor: Initializer): string {
    if (this.parent !== undefined) return this.parent.initializer(tensor);
    if (!this.initializerNames.has(tensor.name)) {
      this.initializerNames.add(tensor.name);
      this.initializers.push(tensor);
    }
    return tensor.name;
  }

  int64s(hint: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((value, index) => view.setBigInt64(index * 8, BigInt(value), true));
    return this.initializer(smallTensor(`const.int64.${hint}`, DataType.INT64, dims, bytes));
  }

  /** A float32 scalar constant. */
  scalar(hint: string, value: number): string {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    return this.initializer(smallTensor(`const.float.${hint}`, DataType.FLOAT, [], bytes));
  }

  /** The operator types this graph and its subgraphs use, sorted. */
  opTypes(): string[] {
    const types = new Set<string>();
    for (const node of this.nodes) {
      types.add(node.op);
      for (const value of Object.values(node.attributes)) if (value instanceof Graph) value.opTypes().forEach((type) => types.add(type));
    }
    return [...types].sort();
  }

  /** Everything but the initializers, encoded as GraphProto fields. */
  encodeBody(): Uint8Array {
    const message = new MessageWriter();
    for (const node of this.nodes) message.message(1, encodeNode(node, this.names));
    message.string(2, this.name);
    for (const input of this.inputs) message.message(11, encodeValueInfo(input));
    for (const output of this.outputs) message.message(12, encodeValueInfo(output));
    return message.finish();
  }
}

export function smallTensor(name: string, dataType: DataTypeCode, dims: readonly number[], bytes: Uint8Array): Initializer {
  return { name, dataType, dims, byteLength: bytes.length, chunks: () => [bytes] };
}

export function encodeTensorHeader(tensor: Initializer): Uint8Array {
  return tensorHeader(tensor.name, tensor.dataType, tensor.dims);
}

function encodeNode(node: NodeSpec, names: NameSource): MessageWriter {
  const message = nodeMessage(node.op, node.inputs, node.outputs, names.next(`${node.op}_node`));
  for (const [name, value] of Object.entries(node.attributes)) message.message(5, encodeAttribute(name, value));
  return message;
}

// AttributeProto: name (1), f (2), i (3), g (6), ints (8), type (20) with FLOAT 1, INT 2, GRAPH 5, INTS 7.
function encodeAttribute(name: string, value: AttributeValue): MessageWriter {
  const message = new MessageWriter().string(1, name);
  if (typeof value === 'number') return message.int(3, value).int(20, 2);
  if (value instanceof Graph) {
    if (value.initializers.length > 0) throw new Error(`subgraph ${value.name} must take its initializers from the outer graph`);
    return message.bytes(6, value.encodeBody()).int(20, 5);
  }
  if ('float' in value) return message.float(2, value.float).int(20, 1);
  for (const item of value) message.int(8, item);
  return message.int(20, 7);
}

function encodeValueInfo(info: ValueInfo): MessageWriter {
  return valueInfoMessage(info.name, info.elemType, info.dims);
}
