import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors.js';
import { repoRoot } from '../common/paths.js';
import { etagMatches } from './routes/etag.js';

/** Where `npm run build -w plugin` writes the standalone page. */
// Found from the checkout's root, so it is the same from src/ (tsx) and from the compiled dist/src/.
const TAB_PAGE_DIR = path.join(repoRoot(), 'plugin', 'dist', 'standalone');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The copies the build compressed beforehand, best first: `<name>.br`, `<name>.gz`. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];

/** esbuild's `[name]-[hash]`: the name changes whenever the content does, so the file may be kept for good. */
const HASHED = /-[A-Z2-7]{8}\.[a-z]+$/;
const FOREVER = 'public, max-age=31536000, immutable';

/** The codings `Accept-Encoding` allows (`q=0` refuses one). */
function accepted(header: string | string[] | undefined): Set<string> {
  const names = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!params.some((param) => /^q=0(\.0*)?$/.test(param))) names.add(coding);
  }
  return names;
}

/**
 * The ML Hub tab framed as TapisUI frames it, at the hub's root URL (`/`, then `/#/ml-hub-ts`), its scripts
 * under `/assets/`. Public: the page logs in itself (against the dev tenant in the embedded setup). Only the
 * files the build wrote are served, by exact name; the folder is listed per request, so a rebuild needs no restart.
 * The page is revalidated on every visit (ETag, 304); the scripts it names carry their content hash and are
 * cached for a year; a browser that accepts brotli or gzip gets the copy the build compressed.
 */
export function registerTabPage(app: FastifyInstance, options: { dir?: string } = {}): void {
  const dir = options.dir ?? TAB_PAGE_DIR;
  const built = () => (existsSync(dir) ? readdirSync(dir) : []);
  const send = (request: FastifyRequest, reply: FastifyReply, name: string) => {
    const files = built();
    if (!TYPES[path.extname(name)] || !files.includes(name)) {
      throw name === 'index.html'
        ? new ApiError('SERVICE_UNAVAILABLE', 'The ML Hub page is not built: run `npm run build -w plugin`')
        : new ApiError('NOT_FOUND', `No asset '${name}'`);
    }
    const wanted = accepted(request.headers['accept-encoding']);
    const encoding = ENCODINGS.find((coding) => wanted.has(coding.name) && files.includes(name + coding.suffix));
    const file = path.join(dir, encoding ? name + encoding.suffix : name);
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding ? `-${encoding.name}` : ''}"`;
    reply
      .type(TYPES[path.extname(name)] ?? 'application/octet-stream')
      .header('cache-control', HASHED.test(name) ? FOREVER : 'no-cache')
      .header('vary', 'accept-encoding')
      .header('etag', etag);
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    if (encoding) reply.header('content-encoding', encoding.name);
    return reply.header('content-length', String(stat.size)).send(createReadStream(file));
  };
  app.get('/', { config: { public: true } }, async (request, reply) => send(request, reply, 'index.html'));
  app.get<{ Params: { name: string } }>('/assets/:name', { config: { public: true } }, async (request, reply) =>
    send(request, reply, request.params.name),
  );
}
