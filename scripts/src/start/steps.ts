import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { StartStep } from './supervisor.js';

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

/** Whether the SDK's dist (which the services import as `@mlhub/sdk`) is missing or older than what builds it. */
function sdkBuildIsStale(root: string): boolean {
  const sdk = path.join(root, 'sdk');
  const built = path.join(sdk, 'dist', 'esm', 'index.js');
  if (!existsSync(built) || !existsSync(path.join(sdk, 'dist', 'cjs', 'index.js'))) return true;
  const inputs = ['src', 'build.mjs', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((name) =>
    newestMtime(path.join(sdk, name)),
  );
  return Math.max(...inputs) > statSync(built).mtimeMs;
}

/** Builds the SDK when its dist is stale: a fresh `npm ci` has none, and the hub imports it. */
const buildSdk: StartStep = {
  name: 'build the SDK',
  async run({ root, run, say }) {
    if (!sdkBuildIsStale(root)) return;
    say('npm start: building the SDK (sdk/dist is missing or older than sdk/src)...');
    await run('the SDK build', process.execPath, [path.join(root, 'sdk', 'build.mjs')]);
  },
};

/** The embedded default model, written into the store on the first start (scripts/bin/default-model.ts). */
const defaultModel: StartStep = {
  name: 'write the default model',
  async run({ root, run }) {
    await run('the default model', process.execPath, [
      '--conditions=source',
      '--import',
      'tsx',
      path.join(root, 'scripts', 'bin', 'default-model.ts'),
    ]);
  },
};

/** The hub with the one-machine defaults (`--embedded`: the dev tenant on loopback). */
const startHub: StartStep = {
  name: 'start the hub',
  async run({ root, service }) {
    service('the hub', path.join(root, 'services', 'src', 'hub', 'server.ts'), ['--embedded']);
  },
};

/**
 * What `npm start` does, in order. Later issues add theirs here (build the tab, generate a default model,
 * start inference); a step that starts a process hands it to the supervisor through `service`.
 */
export const START_STEPS: StartStep[] = [buildSdk, defaultModel, startHub];
