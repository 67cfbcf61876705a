// Builds the tab. `node build.mjs` (npm run build -w plugin) writes everything; `--lib` only the package.
// - dist/esm, dist/cjs: the published package (esbuild, one file each, .d.ts from tsc beside both, each
//   folder marked with its module type as the SDK does). ESM leaves every dependency to the user's bundler;
//   CJS bundles the ESM-only ones (react-markdown, remark-gfm and their unified tree) so `require` works.
// - dist/standalone: the page the hub serves at its root URL (the tab framed as TapisUI frames it),
//   bundled for browsers with its scripts in files (the hub's CSP allows no inline script).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const peers = Object.keys(pkg.peerDependencies);
/** A package and its subpaths (`@mui/material/Button`). */
const withSubpaths = (names) => names.flatMap((name) => [name, `${name}/*`]);

const common = { bundle: true, jsx: 'automatic', target: 'es2022', logLevel: 'warning', legalComments: 'none' };

export async function buildLibrary() {
  for (const dir of ['esm', 'cjs', 'types']) rmSync(path.join(dist, dir), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(here, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  await build({
    ...common,
    entryPoints: [path.join(here, 'src/index.ts')],
    outfile: path.join(dist, 'esm/index.js'),
    format: 'esm',
    packages: 'external',
  });
  await build({
    ...common,
    entryPoints: [path.join(here, 'src/index.ts')],
    outfile: path.join(dist, 'cjs/index.js'),
    format: 'cjs',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external: withSubpaths([...peers, '@mlhub/sdk', '@tanstack/react-query']),
  });
  for (const [dir, type] of [
    ['esm', 'module'],
    ['cjs', 'commonjs'],
  ]) {
    cpSync(path.join(dist, 'types'), path.join(dist, dir), { recursive: true });
    writeFileSync(path.join(dist, dir, 'package.json'), JSON.stringify({ type, sideEffects: false }, null, 2) + '\n');
  }
  rmSync(path.join(dist, 'types'), { recursive: true, force: true });
}

export async function buildStandalone() {
  const out = path.join(dist, 'standalone');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    ...common,
    entryPoints: [path.join(here, 'standalone/main.tsx')],
    outfile: path.join(out, 'app.js'),
    format: 'esm',
    platform: 'browser',
    minify: true,
    sourcemap: true,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  copyFileSync(path.join(here, 'standalone/index.html'), path.join(out, 'index.html'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildLibrary();
  if (!process.argv.includes('--lib')) await buildStandalone();
}
