// The few protobuf encodings ONNX needs (varints, length-delimited fields, fixed32 floats). Messages are built
// as byte arrays except the large weight payloads, whose lengths are known in advance and whose bytes are streamed
// (see onnx-file.ts), so a 232 MB decoder is never held in memory as one buffer.

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

/** Bytes of a non-negative or negative (two's complement, 10 bytes) 64-bit integer as a varint. */
function varint(value: number | bigint): Uint8Array {
  let remaining = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(remaining & 0x7fn);
    remaining >>= 7n;
    if (remaining !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (remaining !== 0n);
  return Uint8Array.from(bytes);
}

function tag(field: number, wireType: number): Uint8Array {
  return varint((field << 3) | wireType);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Accumulates the fields of one message in order. */
export class MessageWriter {
  private readonly parts: Uint8Array[] = [];

  int(field: number, value: number | bigint): this {
    this.parts.push(tag(field, WIRE_VARINT), varint(value));
    return this;
  }

  /** A packed repeated int64 field (proto3 packs repeated scalars by default). */
  packedInts(field: number, values: readonly (number | bigint)[]): this {
    if (values.length === 0) return this;
    return this.bytes(field, concat(values.map((value) => varint(value))));
  }

  float(field: number, value: number): this {
    const payload = new Uint8Array(4);
    new DataView(payload.buffer).setFloat32(0, value, true);
    this.parts.push(tag(field, WIRE_FIXED32), payload);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.parts.push(tag(field, WIRE_LENGTH_DELIMITED), varint(value.length), value);
    return this;
  }

  message(field: number, value: MessageWriter): this {
    return this.bytes(field, value.finish());
  }

  /** The key and length prefix of a length-delimited field whose `length` payload bytes the caller writes next. */
  static header(field: number, length: number): Uint8Array {
    return concat([tag(field, WIRE_LENGTH_DELIMITED), varint(length)]);
  }

  finish(): Uint8Array {
    return concat(this.parts);
  }
}
