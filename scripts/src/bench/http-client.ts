// The benchmarks' HTTP client: node:http on one keep-alive agent. Over loopback, undici's fetch spends about
// 0.5 ms of its own per request (1.13 against 0.68 ms for a tiny POST, measured side by side), which a figure
// such as the time to a first token would book to the server measured.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface Answer {
  status: number;
  text: string;
  /** Milliseconds from the call to the first body bytes. */
  firstBytesMs: number;
}

/** Sends one request and reads the whole answer; `body` is sent as JSON when given. */
export function request(method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = http.request(
      url,
      {
        method,
        agent,
        headers:
          payload === undefined
            ? headers
            : { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let firstBytesMs = Number.NaN;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => {
          if (chunks.length === 0) firstBytesMs = performance.now() - started;
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), firstBytesMs }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** Closes the agent's idle sockets, so a finished benchmark leaves no handle open. */
export function closeClient(): void {
  agent.destroy();
}
