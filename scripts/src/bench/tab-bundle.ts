import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../plugin');

/** The tab as a host's bundler ships it: minified, peers (React, MUI, emotion, router) left to the host; gzip bytes. */
export async function tabBundleBytes(): Promise<{ minified: number; gzipped: number }> {
  const pkg = JSON.parse(readFileSync(path.join(pluginDir, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
  const peers = Object.keys(pkg.peerDependencies).flatMap((name) => [name, `${name}/*`]);
  const result = await build({
    entryPoints: [path.join(pluginDir, 'src/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    target: 'es2022',
    external: peers,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * The built standalone page's scripts (`plugin/dist/standalone`): what a first visit loads (the entry and the
 * chunks index.html preloads) and what loads only when a page needs it; bytes as written and as gzip sends them.
 */
export function standaloneBytes(): { initial: { raw: number; gzip: number }; lazy: { raw: number; gzip: number } } {
  const dir = path.join(pluginDir, 'dist/standalone');
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const named = new Set([...html.matchAll(/\/assets\/([^"]+\.js)"/g)].map((match) => match[1]));
  const sums = { initial: { raw: 0, gzip: 0 }, lazy: { raw: 0, gzip: 0 } };
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.js'))) {
    const sum = named.has(name) ? sums.initial : sums.lazy;
    sum.raw += statSync(path.join(dir, name)).size;
    sum.gzip += statSync(path.join(dir, `${name}.gz`)).size;
  }
  return sums;
}
