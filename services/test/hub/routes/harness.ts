import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { mintDevToken } from '../../../src/common/dev-tenant/token.js';
import { buildHubApp, type HubAppOptions, type HubConfig } from '../../../src/hub/app.js';
import { loopbackHubConfig } from '../../../src/hub/loopback-config.js';
import { type LogLine, logCollector } from '../../log-lines.js';

export interface RunningHub {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** A dev-tenant access token of user `alice`. */
  token: string;
  config: HubConfig;
  dataDir: string;
  storeDir: string;
  logs: LogLine[];
  close(): Promise<void>;
}

/** Bytes of the store fixture's files, so tests can compare what they download. */
export const STORE_FILES = {
  config: JSON.stringify({ architectures: ['T5ForConditionalGeneration'], model_type: 't5', d_model: 64 }),
  readme:
    '---\nlicense: apache-2.0\nlanguage: [en]\npipeline_tag: text2text-generation\n---\n# tiny-t5\n\n## Model Details\n\nA tiny test model.\n',
  weights: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)),
  csv: 'question,answer\nwhat is 2+2?,4\n',
  secret: 'outside the store: must never be served\n',
};

/**
 * A store with one namespaced model (`acme/tiny-t5`), one bare model (`solo`), one dataset
 * (`acme/mini-qa`), a file outside the store and a symlink inside pointing at it.
 */
function writeStoreFixture(dataDir: string): string {
  const store = path.join(dataDir, 'store');
  const model = path.join(store, 'models', 'acme', 'tiny-t5');
  mkdirSync(path.join(model, 'onnx'), { recursive: true });
  writeFileSync(path.join(model, 'config.json'), STORE_FILES.config);
  writeFileSync(path.join(model, 'README.md'), STORE_FILES.readme);
  writeFileSync(path.join(model, 'onnx', 'encoder_model.onnx'), STORE_FILES.weights);
  writeFileSync(path.join(model, 'empty.txt'), '');
  writeFileSync(path.join(dataDir, 'secret.txt'), STORE_FILES.secret);
  symlinkSync(path.join(dataDir, 'secret.txt'), path.join(model, 'leak.txt'));
  const bare = path.join(store, 'models', 'solo');
  mkdirSync(bare, { recursive: true });
  writeFileSync(path.join(bare, 'config.json'), JSON.stringify({ architectures: ['GPT2LMHeadModel'], model_type: 'gpt2' }));
  const dataset = path.join(store, 'datasets', 'acme', 'mini-qa');
  mkdirSync(path.join(dataset, 'data'), { recursive: true });
  writeFileSync(path.join(dataset, 'data', 'train.csv'), STORE_FILES.csv);
  writeFileSync(path.join(dataset, 'README.md'), '---\nlicense: mit\ntask_categories: [question-answering]\n---\n# mini-qa\n');
  return store;
}

/**
 * Builds the hub with the embedded defaults (snapshot + store, dev tenant) in a fresh data folder and
 * listens on 127.0.0.1, port 0. Log lines are kept in `logs`.
 */
export async function startHub(env: Record<string, string> = {}, extra: Omit<HubAppOptions, 'config'> = {}): Promise<RunningHub> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-hub-'));
  const storeDir = writeStoreFixture(dataDir);
  const config = loopbackHubConfig(dataDir, { MLHUB_LOG_LEVEL: 'info', ...env });
  const { logs, stream } = logCollector();
  const app = await buildHubApp({ config, ...extra }, stream);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const token = await mintDevToken({ dataDir, tenant: 'dev', username: 'alice' });
  return {
    app,
    url,
    token,
    config,
    dataDir,
    storeDir,
    logs,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** GET with the token (unless `token: null`), returning status, headers and the parsed body. */
export async function get(
  hub: RunningHub,
  pathAndQuery: string,
  options: { token?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? hub.token : options.token;
  if (token !== null) headers['X-Tapis-Token'] = token;
  const response = await fetch(`${hub.url}${pathAndQuery}`, { headers });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body, text };
}

/**
 * GET with the path sent byte for byte (fetch normalises `..` segments away before sending; a client
 * or a proxy need not).
 */
export function getRaw(
  hub: RunningHub,
  rawPath: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const { port } = new URL(hub.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: rawPath, method: 'GET', headers: { 'X-Tapis-Token': hub.token, ...extraHeaders } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
          resolve({
            status: res.statusCode ?? 0,
            headers,
            body: (res.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : text,
            text,
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Log lines at error level or above (pino: 50 = error, 60 = fatal). */
export function errorLogs(hub: RunningHub): LogLine[] {
  return hub.logs.filter((l) => l.level >= 50);
}

/** Sends bytes as they are on a fresh connection and returns status, headers and body of the answer (for what no HTTP client sends). */
export function sendRaw(hub: RunningHub, bytes: string | Buffer): Promise<{ status: number; headers: Record<string, string>; body: any }> {
  const { port } = new URL(hub.url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => socket.end(bytes));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const raw = rest.join('\r\n\r\n');
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // not JSON: the test says so
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}
