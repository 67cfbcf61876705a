import path from 'node:path';
import { sdkBuildIsStale, tabPageIsStale } from './freshness.js';
import type { StartStep } from './supervisor.js';

/** Builds the SDK when its dist is stale: a fresh `npm ci` has none, and the hub imports it. */
const buildSdk: StartStep = {
  name: 'build the SDK',
  async run({ root, run, say }) {
    if (!sdkBuildIsStale(root)) return;
    say('npm start: building the SDK (sdk/dist is missing or older than sdk/src)...');
    await run('the SDK build', process.execPath, [path.join(root, 'sdk', 'build.mjs')]);
  },
};

/** Builds the tab's standalone page (the hub serves it at its root URL) when it is stale. */
const buildTab: StartStep = {
  name: 'build the tab',
  async run({ root, run, say }) {
    if (!tabPageIsStale(root)) return;
    say('npm start: building the ML Hub tab (plugin/dist/standalone is missing or older than plugin/src)...');
    await run('the tab build', process.execPath, [path.join(root, 'plugin', 'build.mjs')]);
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
export const START_STEPS: StartStep[] = [buildSdk, buildTab, defaultModel, startHub];
