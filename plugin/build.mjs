// Builds the tab. `node build.mjs` (npm run build -w plugin) writes everything; `--lib` only the package.
// - dist/esm, dist/cjs: the published package (esbuild, one file each, .d.ts from tsc beside both, each
//   folder marked with its module type as the SDK does). ESM leaves every dependency to the user's bundler;
//   CJS bundles the ESM-only ones (react-markdown, remark-gfm and their unified tree) so `require` works.
// - dist/standalone: the page the hub serves at its root URL (the tab framed as TapisUI frames it),
//   bundled for browsers with its scripts in files (the hub's CSP allows no inline script): split into
//   content-hashed chunks (the hub caches them for good), the pages opened later in chunks of their own,
//   each script beside its gzip and brotli copies, and index.html written last, naming the entry and
//   preloading the chunks it imports.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
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

/** The chunks `file` imports statically, transitively: what the browser needs before the entry runs. */
function staticImports(outputs, file, seen = new Set()) {
  for (const { path: imported, kind } of outputs[file]?.imports ?? []) {
    if (kind !== 'import-statement' || seen.has(imported)) continue;
    seen.add(imported);
    staticImports(outputs, imported, seen);
  }
  return seen;
}

/** Writes `file.gz` and `file.br` beside it, which the hub sends to browsers that accept them. */
function precompress(file) {
  const content = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
}

export async function buildStandalone() {
  const out = path.join(dist, 'standalone');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { metafile } = await build({
    ...common,
    entryPoints: { app: path.join(here, 'standalone/main.tsx') },
    // The metafile's paths are relative to it.
    absWorkingDir: here,
    outdir: out,
    // Flat names: the hub serves `/assets/<name>`, nothing deeper.
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    format: 'esm',
    splitting: true,
    platform: 'browser',
    minify: true,
    sourcemap: true,
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint !== undefined);
  if (!entry) throw new Error('esbuild wrote no entry for the standalone page');
  const asset = (file) => `/assets/${path.basename(file)}`;
  const preloads = [...staticImports(outputs, entry)].map((file) => `<link rel="modulepreload" href="${asset(file)}" />`);
  for (const file of Object.keys(outputs)) if (file.endsWith('.js')) precompress(path.join(here, file));
  const template = readFileSync(path.join(here, 'standalone/index.html'), 'utf8');
  const script = '<script type="module" src="/assets/app.js"></script>';
  if (!template.includes(script)) throw new Error(`standalone/index.html must hold ${script}`);
  const html = template
    .replace('</head>', `  ${preloads.join('\n    ')}\n  </head>`)
    .replace(script, `<script type="module" src="${asset(entry)}"></script>`);
  writeFileSync(path.join(out, 'index.html'), html);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildLibrary();
  if (!process.argv.includes('--lib')) await buildStandalone();
}
