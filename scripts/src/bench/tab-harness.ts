import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { buildHubApp, hubConfig } from '../../../services/src/hub/app.js';

// The real hub on loopback (dev tenant on, a temp data folder and store) serving the built standalone page,
// and Debian's Chromium driving it: shared by the tab's end-to-end test and `npm run bench:tab`.

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pluginDir = path.join(repoRoot, 'plugin');
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

function newest(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? newest(full) : statSync(full).mtimeMs;
    }),
  );
}

/** Builds the standalone page (`npm run build -w plugin`) unless it is newer than every source it is built from. */
export async function ensureTabPageBuilt(): Promise<string> {
  const app = path.join(pluginDir, 'dist/standalone/app.js');
  const sources = Math.max(
    newest(path.join(pluginDir, 'src')),
    newest(path.join(pluginDir, 'standalone')),
    newest(path.join(repoRoot, 'sdk/dist/esm')),
  );
  if (!existsSync(app) || statSync(app).mtimeMs < sources) {
    await run(process.execPath, [path.join(pluginDir, 'build.mjs')], { cwd: pluginDir });
  }
  return app;
}

/** Writes files under the store folder (`models/<owner>/<name>/...`, `datasets/...`). */
export function writeStore(storeDir: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(storeDir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export interface TabHarness {
  /** `http://127.0.0.1:<port>`: the hub, the page at `/`. */
  url: string;
  storeDir: string;
  browser: Browser;
  /** A fresh browser context (no cache, no storage), already signed in as `username` when given. */
  newContext(username?: string): Promise<BrowserContext>;
  /** A token of the dev tenant, from its login route (TapisUI's password grant). */
  login(username: string): Promise<{ access_token: string; expires_at: string }>;
  close(): Promise<void>;
}

export async function startTabHarness(options: { store?: Record<string, string> } = {}): Promise<TabHarness> {
  await ensureTabPageBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-tab-'));
  const storeDir = path.join(dataDir, 'store');
  writeStore(storeDir, options.store ?? {});
  const config = hubConfig.load({
    MLHUB_DATA_DIR: dataDir,
    MLHUB_DEV_TENANT: 'dev',
    MLHUB_SOURCES: 'snapshot,store',
    MLHUB_LOG_LEVEL: 'silent',
    MLHUB_RATE_LIMIT_MAX: '100000',
    MLHUB_HOST: '127.0.0.1',
  });
  const app = await buildHubApp({ config });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const login = async (username: string) => {
    const response = await fetch(`${url}/v3/oauth2/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'x', grant_type: 'password' }),
    });
    const body = (await response.json()) as { result: { access_token: { access_token: string; expires_at: string } } };
    return body.result.access_token;
  };
  return {
    url,
    storeDir,
    browser,
    login,
    async newContext(username?: string) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      if (username) {
        // Stored as the page's login form stores it; an init script is the browser's, not the page's, so the CSP allows it.
        const token = JSON.stringify(await login(username));
        await context.addInitScript((value: string) => window.localStorage.setItem('tapis-token', value), token);
      }
      return context;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
