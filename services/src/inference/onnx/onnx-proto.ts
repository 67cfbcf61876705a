// ONNX messages the model generator writes and the server's decoder patch adds, encoded with protobuf.ts. Field
// numbers are those of onnx/onnx.proto (IR 8).
import { MessageWriter } from './protobuf.js';

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, BOOL: 9 } as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

/** A dimension: a fixed size or a symbolic name (transformers.js sizes `batch_size` and zeroes the others). */
export type Dim = number | string;

// ModelProto: graph (7). GraphProto: node (1), name (2), initializer (5), input (11), output (12).
export const MODEL_GRAPH = 7;
export const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 } as const;
// NodeProto: input (1), output (2), name (3), op_type (4), attribute (5). AttributeProto: name (1), g (6).
export const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
export const ATTRIBUTE = { name: 1, graph: 6 } as const;

/** NodeProto's fields before its attributes. */
export function nodeMessage(op: string, inputs: readonly string[], outputs: readonly string[], name: string): MessageWriter {
  const message = new MessageWriter();
  for (const input of inputs) message.string(NODE.input, input);
  for (const output of outputs) message.string(NODE.output, output);
  return message.string(NODE.name, name).string(NODE.opType, op);
}

/** An integer AttributeProto: name (1), i (3), type (20) INT (2). `value` >= 0 (negatives need ten-byte varints). */
export function intAttribute(name: string, value: number): MessageWriter {
  return new MessageWriter().string(ATTRIBUTE.name, name).int(3, value).int(20, 2);
}

/** TensorProto fields before raw_data: dims (1), data_type (2), name (8). */
export function tensorHeader(name: string, dataType: DataTypeCode, dims: readonly number[]): Uint8Array {
  return new MessageWriter().packedInts(1, dims).int(2, dataType).string(8, name).finish();
}

/** A small tensor whole, raw_data (9) included. */
export function tensorMessage(name: string, dataType: DataTypeCode, dims: readonly number[], raw: Uint8Array): MessageWriter {
  return new MessageWriter().packedInts(1, dims).int(2, dataType).string(8, name).bytes(9, raw);
}

// ValueInfoProto { name 1, type 2 } / TypeProto { tensor_type 1 } / Tensor { elem_type 1, shape 2 }
// / TensorShapeProto { dim 1 } / Dimension { dim_value 1, dim_param 2 }.
export function valueInfoMessage(name: string, elemType: DataTypeCode, dims?: readonly Dim[]): MessageWriter {
  const tensorType = new MessageWriter().int(1, elemType);
  if (dims !== undefined) {
    const shape = new MessageWriter();
    for (const dim of dims)
      shape.message(1, typeof dim === 'number' ? new MessageWriter().int(1, dim) : new MessageWriter().string(2, dim));
    tensorType.message(2, shape);
  }
  return new MessageWriter().string(1, name).message(2, new MessageWriter().message(1, tensorType));
}
