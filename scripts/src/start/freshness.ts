import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// Whether a build output is missing or older than what it is built from: `npm start` and the tab's end-to-end
// harness rebuild only then.

/** The newest modification time under `dir` (files only), in ms; 0 when it does not exist. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  const stat = statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (newest, entry) => Math.max(newest, entry.name === 'node_modules' ? 0 : newestMtime(path.join(dir, entry.name))),
    0,
  );
}

/** Whether `outputs` are missing or older than the newest file of `inputs`. */
function isStale(outputs: string[], inputs: string[]): boolean {
  if (outputs.some((file) => !existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  return Math.max(...inputs.map(newestMtime)) > built;
}

/** Whether the SDK's dist (which the services and the tab import as `@mlhub/sdk`) is stale. */
export function sdkBuildIsStale(root: string): boolean {
  const sdk = path.join(root, 'sdk');
  return isStale(
    [path.join(sdk, 'dist', 'esm', 'index.js'), path.join(sdk, 'dist', 'cjs', 'index.js')],
    ['src', 'build.mjs', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((name) => path.join(sdk, name)),
  );
}

/** Whether the standalone page the hub serves at `/` (plugin/dist/standalone) is stale. */
export function tabPageIsStale(root: string): boolean {
  const plugin = path.join(root, 'plugin');
  // index.html is written last, naming the hashed scripts written before it.
  return isStale(
    [path.join(plugin, 'dist', 'standalone', 'index.html')],
    [path.join(plugin, 'src'), path.join(plugin, 'standalone'), path.join(plugin, 'build.mjs'), path.join(root, 'sdk', 'dist', 'esm')],
  );
}
