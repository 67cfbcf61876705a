import { createReadStream, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../common/errors.js';
import { repoRoot } from '../common/paths.js';

/** Where `npm run build -w plugin` writes the standalone page. */
// Found from the checkout's root, so it is the same from src/ (tsx) and from the compiled dist/src/.
const TAB_PAGE_DIR = path.join(repoRoot(), 'plugin', 'dist', 'standalone');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The ML Hub tab framed as TapisUI frames it, at the hub's root URL (`/`, then `/#/ml-hub-ts`), its scripts
 * under `/assets/`. Public: the page logs in itself (against the dev tenant in the embedded setup). Only the
 * files the build wrote are served, by exact name; the folder is listed per request, so a rebuild needs no restart.
 */
export function registerTabPage(app: FastifyInstance, options: { dir?: string } = {}): void {
  const dir = options.dir ?? TAB_PAGE_DIR;
  const built = () => (existsSync(dir) ? readdirSync(dir).filter((name) => TYPES[path.extname(name)]) : []);
  const send = (name: string) => {
    if (!built().includes(name)) {
      throw name === 'index.html'
        ? new ApiError('SERVICE_UNAVAILABLE', 'The ML Hub page is not built: run `npm run build -w plugin`')
        : new ApiError('NOT_FOUND', `No asset '${name}'`);
    }
    return createReadStream(path.join(dir, name));
  };
  app.get('/', { config: { public: true } }, async (_request, reply) => {
    const page = send('index.html');
    return reply
      .type(TYPES['.html'] ?? 'text/html')
      .header('cache-control', 'no-cache')
      .send(page);
  });
  app.get<{ Params: { name: string } }>('/assets/:name', { config: { public: true } }, async (request, reply) => {
    const { name } = request.params;
    const page = send(name);
    return reply
      .type(TYPES[path.extname(name)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(page);
  });
}
