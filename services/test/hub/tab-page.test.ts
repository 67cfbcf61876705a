import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { foundationPlugin } from '../../src/common/foundation.js';
import { registerTabPage } from '../../src/hub/tab-page.js';
import { testConfig } from '../common/helpers.js';

describe('the tab page at the root URL', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mlhub-tab-page-'));
  const secret = path.join(path.dirname(dir), `${path.basename(dir)}-secret.js`);
  writeFileSync(secret, 'secret');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(secret, { force: true });
  });

  async function app(pageDir: string) {
    // Closing ends the client's keep-alive sockets instead of waiting for them: without it, `close` waited out the
    // 60 s test timeout in 3 of 15 runs.
    const built = Fastify({ forceCloseConnections: true });
    await built.register(foundationPlugin, { config: testConfig({ MLHUB_TENANTS_URL: 'http://127.0.0.1:9' }), version: '1.0.0' });
    registerTabPage(built, { dir: pageDir });
    const url = await built.listen({ port: 0, host: '127.0.0.1' });
    return {
      close: () => built.close(),
      get: (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers }),
    };
  }

  it('says how to build it when it is not built', async () => {
    const hub = await app(path.join(dir, 'missing'));
    const answer = await hub.get('/');
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as { message: string }).message).toContain('npm run build -w plugin');
    await hub.close();
  });

  it('serves the page and its script without a token, under the CSP that forbids inline scripts', async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
    writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
    const hub = await app(dir);
    const page = await hub.get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const script = await hub.get('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toBe('console.log(1)');
    // Only the files the build wrote, by name: nothing beside or above the folder.
    for (const url of ['/assets/..%2F' + path.basename(secret), '/assets/index.htm', '/assets/app.js.bak']) {
      expect((await hub.get(url)).status).toBe(404);
    }
    await hub.close();
  });

  it('keeps hashed scripts for a year, revalidates the page, and sends the compressed copy the browser accepts', async () => {
    const built = path.join(dir, 'hashed');
    mkdirSync(built);
    const code = `export const rows = ${JSON.stringify('x'.repeat(2000))};`;
    writeFileSync(path.join(built, 'index.html'), '<!doctype html><script type="module" src="/assets/app-Q2W3E4R5.js"></script>');
    writeFileSync(path.join(built, 'app-Q2W3E4R5.js'), code);
    writeFileSync(path.join(built, 'app-Q2W3E4R5.js.br'), brotliCompressSync(code));
    writeFileSync(path.join(built, 'app-Q2W3E4R5.js.gz'), gzipSync(code));
    const hub = await app(built);

    const page = await hub.get('/');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const pageTag = page.headers.get('etag') ?? '';
    expect((await hub.get('/', { 'if-none-match': pageTag })).status).toBe(304);

    const brotli = await hub.get('/assets/app-Q2W3E4R5.js', { 'accept-encoding': 'gzip, br' });
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('vary')).toContain('accept-encoding');
    expect(brotli.headers.get('content-type')).toContain('text/javascript');
    expect(await brotli.text()).toBe(code);
    const gzip = await hub.get('/assets/app-Q2W3E4R5.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(code);
    const plain = await hub.get('/assets/app-Q2W3E4R5.js', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(code);
    // A copy is served only as the encoding of its script, never by its own name.
    expect((await hub.get('/assets/app-Q2W3E4R5.js.br')).status).toBe(404);
    await hub.close();
  });
});
