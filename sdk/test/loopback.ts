import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the loopback server saw of one request. */
interface SeenRequest {
  method: string;
  /** The raw request target, exactly as it came over the wire (percent-encoding kept). */
  rawUrl: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => unknown;

export interface Loopback {
  /** `http://127.0.0.1:<port>` */
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, port 0, so requests go through sockets like they do in production. */
export async function startLoopback(handler: Handler): Promise<Loopback> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', rawUrl: req.url ?? '', headers: req.headers, body });
      Promise.resolve(handler(req, res, body)).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Writes a JSON answer with the hub's request-id header. */
export function sendJson(res: ServerResponse, status: number, body: unknown, requestId = 'req-test'): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId });
  res.end(JSON.stringify(body));
}

/** A success envelope as the hub writes it. */
export function success<T>(result: T, metadata: Record<string, unknown> = {}, message = 'OK') {
  return { status: 'success' as const, message, version: '1.0.0', result, metadata: { requestId: 'req-test', ...metadata } };
}

/** An error envelope as the hub writes it. */
export function failure(code: string, message: string, requestId = 'req-err') {
  return { status: 'error' as const, message, version: '1.0.0', result: null, metadata: { code, requestId } };
}
