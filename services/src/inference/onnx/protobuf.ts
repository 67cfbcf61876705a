// The few protobuf encodings ONNX needs (varints, length-delimited fields, fixed32 floats), both ways. Messages
// are built as byte arrays except the large weight payloads, whose lengths are known in advance and whose bytes
// are streamed (the model generator's onnx-file.ts, the server's decoder patch), so a 232 MB decoder is never
// held in memory as one buffer. Reading goes through a ByteSource, so a file's fields can be listed without
// reading their payloads.

export const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
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

/** Bytes at an offset: a buffer in memory, or a file read on demand. */
export interface ByteSource {
  readonly length: number;
  bytes(offset: number, length: number): Uint8Array;
}

export function memorySource(buffer: Uint8Array): ByteSource {
  return { length: buffer.length, bytes: (offset, length) => buffer.subarray(offset, offset + length) };
}

/** One field of a message: where it starts (its key), where its payload starts and ends, its varint value. */
export interface Field {
  field: number;
  wire: number;
  start: number;
  payload: number;
  end: number;
  /** The value of a varint field. */
  value: bigint;
}

function readVarint(source: ByteSource, offset: number, end: number): { value: bigint; next: number } {
  const window = source.bytes(offset, Math.min(10, end - offset));
  let value = 0n;
  for (let i = 0; i < window.length; i++) {
    const byte = window[i] as number;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { value, next: offset + i + 1 };
  }
  throw new Error(`protobuf: truncated varint at byte ${offset}`);
}

/** The fields of the message that spans `[start, end)` of `source`, in order; payloads are not read. */
export function readFields(source: ByteSource, start = 0, end = source.length): Field[] {
  const fields: Field[] = [];
  let offset = start;
  while (offset < end) {
    const key = readVarint(source, offset, end);
    const field = Number(key.value >> 3n);
    const wire = Number(key.value & 7n);
    let payload = key.next;
    let fieldEnd: number;
    let value = 0n;
    if (wire === WIRE_VARINT) {
      const read = readVarint(source, payload, end);
      value = read.value;
      fieldEnd = read.next;
    } else if (wire === WIRE_LENGTH_DELIMITED) {
      const length = readVarint(source, payload, end);
      payload = length.next;
      fieldEnd = payload + Number(length.value);
    } else if (wire === WIRE_FIXED64) fieldEnd = payload + 8;
    else if (wire === WIRE_FIXED32) fieldEnd = payload + 4;
    else throw new Error(`protobuf: unsupported wire type ${wire} at byte ${offset}`);
    if (field === 0 || fieldEnd > end) throw new Error(`protobuf: malformed field at byte ${offset}`);
    fields.push({ field, wire, start: offset, payload, end: fieldEnd, value });
    offset = fieldEnd;
  }
  return fields;
}

/** A length-delimited field's payload as text. */
export function fieldText(source: ByteSource, field: Field): string {
  return new TextDecoder().decode(source.bytes(field.payload, field.end - field.payload));
}
