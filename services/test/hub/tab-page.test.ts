import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    const built = Fastify();
    await built.register(foundationPlugin, { config: testConfig({ MLHUB_TENANTS_URL: 'http://127.0.0.1:9' }), version: '1.0.0' });
    registerTabPage(built, { dir: pageDir });
    const url = await built.listen({ port: 0, host: '127.0.0.1' });
    return { close: () => built.close(), get: (path: string) => fetch(`${url}${path}`) };
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
});
