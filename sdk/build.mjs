// Builds the published package. tsc type-checks and emits ESM + .d.ts to dist/esm; the CommonJS copy in
// dist/cjs is the same sources transpiled file by file (no second type-check) plus the same .d.ts files,
// under a package.json that marks the folder CommonJS so Node and TypeScript read both as such.
// Run by `npm run build` and by prepack.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'src');
const esm = path.join(here, 'dist/esm');
const cjs = path.join(here, 'dist/cjs');

rmSync(esm, { recursive: true, force: true });
rmSync(cjs, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(here, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );

for (const file of walk(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))) {
  const relative = path.relative(src, file).replace(/\.ts$/, '');
  const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  mkdirSync(path.dirname(path.join(cjs, relative)), { recursive: true });
  writeFileSync(path.join(cjs, `${relative}.js`), outputText);
  copyFileSync(path.join(esm, `${relative}.d.ts`), path.join(cjs, `${relative}.d.ts`));
}

for (const [dir, type] of [
  [esm, 'module'],
  [cjs, 'commonjs'],
]) {
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type, sideEffects: false }, null, 2) + '\n');
}
