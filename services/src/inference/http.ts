import type { FastifyReply } from 'fastify';

/** Aborted when the client goes away before the answer is complete, so its row leaves the batch. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * A server-sent event stream opened lazily, on its first event: errors found before it (overload, a model
 * still loading) are still answered with their status and JSON body.
 */
export class EventStream {
  private opened = false;

  constructor(private readonly reply: FastifyReply) {}

  get started(): boolean {
    return this.opened;
  }

  send(data: unknown): void {
    if (!this.opened) {
      this.opened = true;
      const headers = { ...this.reply.getHeaders() } as Record<string, string>;
      this.reply.hijack();
      // Each event is one small write: without this, Nagle's algorithm holds it for the peer's delayed ACK.
      this.reply.raw.socket?.setNoDelay(true);
      this.reply.raw.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
      });
    }
    if (this.reply.raw.writable) this.reply.raw.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (this.opened) this.reply.raw.end();
  }
}
