// A protobuf reader for the written ONNX files, independent of the generator's writer: the tests read the graphs'
// weights and nodes back through it, so a writer bug cannot hide behind the same code reading what it wrote.
import { readFileSync } from 'node:fs';

interface StoredTensor {
  name: string;
  dataType: number;
  dims: number[];
  raw: Uint8Array;
}

interface StoredNode {
  op: string;
  inputs: string[];
  outputs: string[];
}

export interface StoredModel {
  irVersion: number;
  opsets: number[];
  initializers: Map<string, StoredTensor>;
  /** Nodes of the main graph and, after them, of every subgraph. */
  nodes: StoredNode[];
  inputs: string[];
  outputs: string[];
}

interface Field {
  field: number;
  wire: number;
  value: number;
  bytes: Uint8Array;
}

function* fields(bytes: Uint8Array): Generator<Field> {
  let offset = 0;
  const readVarint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[offset++] as number;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return result;
      scale *= 128;
    }
  };
  while (offset < bytes.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) yield { field, wire, value: readVarint(), bytes: new Uint8Array() };
    else if (wire === 2) {
      const length = readVarint();
      yield { field, wire, value: length, bytes: bytes.subarray(offset, offset + length) };
      offset += length;
    } else if (wire === 5) {
      yield { field, wire, value: 0, bytes: bytes.subarray(offset, offset + 4) };
      offset += 4;
    } else if (wire === 1) {
      yield { field, wire, value: 0, bytes: bytes.subarray(offset, offset + 8) };
      offset += 8;
    } else throw new Error(`wire type ${wire} at ${offset}`);
  }
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function packedVarints(bytes: Uint8Array): number[] {
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  for (const byte of bytes) {
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      values.push(value);
      value = 0;
      scale = 1;
    }
  }
  return values;
}

function readTensor(bytes: Uint8Array): StoredTensor {
  const tensor: StoredTensor = { name: '', dataType: 0, dims: [], raw: new Uint8Array() };
  for (const { field, wire, value, bytes: payload } of fields(bytes)) {
    if (field === 1) tensor.dims.push(...(wire === 2 ? packedVarints(payload) : [value]));
    else if (field === 2) tensor.dataType = value;
    else if (field === 8) tensor.name = text(payload);
    else if (field === 9) tensor.raw = payload;
  }
  return tensor;
}

function readGraph(bytes: Uint8Array, model: StoredModel, main: boolean): void {
  const subgraphs: Uint8Array[] = [];
  for (const { field, bytes: payload } of fields(bytes)) {
    if (field === 1) {
      const node: StoredNode = { op: '', inputs: [], outputs: [] };
      for (const part of fields(payload)) {
        if (part.field === 1) node.inputs.push(text(part.bytes));
        else if (part.field === 2) node.outputs.push(text(part.bytes));
        else if (part.field === 4) node.op = text(part.bytes);
        else if (part.field === 5) {
          for (const attribute of fields(part.bytes)) if (attribute.field === 6) subgraphs.push(attribute.bytes);
        }
      }
      model.nodes.push(node);
    } else if (field === 5) {
      const tensor = readTensor(payload);
      model.initializers.set(tensor.name, tensor);
    } else if (main && (field === 11 || field === 12)) {
      const [name] = [...fields(payload)].filter((part) => part.field === 1).map((part) => text(part.bytes));
      (field === 11 ? model.inputs : model.outputs).push(name ?? '');
    }
  }
  for (const subgraph of subgraphs) readGraph(subgraph, model, false);
}

export function readOnnx(file: string): StoredModel {
  const bytes = readFileSync(file);
  const model: StoredModel = { irVersion: 0, opsets: [], initializers: new Map(), nodes: [], inputs: [], outputs: [] };
  for (const { field, value, bytes: payload } of fields(bytes)) {
    if (field === 1) model.irVersion = value;
    else if (field === 8) {
      for (const part of fields(payload)) if (part.field === 2) model.opsets.push(part.value);
    } else if (field === 7) readGraph(payload, model, true);
  }
  return model;
}

/** A float32 initializer's values (copied: the raw bytes may be unaligned). */
export function floats(model: StoredModel, name: string): Float32Array {
  const tensor = model.initializers.get(name);
  if (tensor === undefined) throw new Error(`no initializer ${name}`);
  const copy = new Uint8Array(tensor.raw.length);
  copy.set(tensor.raw);
  return new Float32Array(copy.buffer);
}
