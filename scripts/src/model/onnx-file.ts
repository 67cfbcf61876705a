// Writes a ModelProto to disk, streaming each initializer's raw bytes through one reusable buffer.
import { closeSync, openSync, writeSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import { encodeTensorHeader, type Graph } from './onnx.js';
import { MessageWriter, concat } from '@mlhub/services/inference/onnx/protobuf';

const IR_VERSION = 8;
const OPSET = 17;
const BUFFER_BYTES = 4 << 20;

class BufferedFile {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  written = 0;

  constructor(private readonly fd: number) {}

  write(bytes: Uint8Array): void {
    if (bytes.length >= BUFFER_BYTES) {
      this.flush();
      writeAll(this.fd, bytes);
    } else {
      if (this.used + bytes.length > BUFFER_BYTES) this.flush();
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.written += bytes.length;
  }

  flush(): void {
    writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Writes `graph` as an ONNX model (IR 8, opset 17) at `path`; returns the file's size in bytes. Yields to the event
 * loop after every chunk (about 1 MB of weights), so a server writing its default model keeps answering meanwhile.
 */
export async function writeModel(path: string, graph: Graph, producer: string): Promise<number> {
  const body = graph.encodeBody();
  const tensors = graph.initializers.map((tensor) => {
    const header = encodeTensorHeader(tensor);
    const rawHeader = MessageWriter.header(9, tensor.byteLength);
    const length = header.length + rawHeader.length + tensor.byteLength;
    return { tensor, prefix: concat([MessageWriter.header(5, length), header, rawHeader]), length };
  });
  const graphLength = tensors.reduce((sum, { prefix, tensor }) => sum + prefix.length + tensor.byteLength, body.length);
  const head = new MessageWriter()
    .int(1, IR_VERSION)
    .string(2, producer)
    .string(3, '1')
    .message(8, new MessageWriter().string(1, '').int(2, OPSET))
    .finish();

  const fd = openSync(path, 'w');
  try {
    const file = new BufferedFile(fd);
    file.write(head);
    file.write(MessageWriter.header(7, graphLength));
    file.write(body);
    for (const { tensor, prefix } of tensors) {
      file.write(prefix);
      let produced = 0;
      for (const chunk of tensor.chunks()) {
        file.write(chunk);
        produced += chunk.length;
        await yieldToEventLoop();
      }
      if (produced !== tensor.byteLength)
        throw new Error(`initializer ${tensor.name}: ${produced} bytes produced, ${tensor.byteLength} declared`);
    }
    file.flush();
    return file.written;
  } finally {
    closeSync(fd);
  }
}
