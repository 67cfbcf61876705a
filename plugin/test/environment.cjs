// jsdom for the tab's tests, with the platform's fetch family (msw intercepts it), streams and encoders,
// which jsdom lacks. AbortController comes from the platform too: fetch rejects a signal of another realm.
const { TestEnvironment } = require('jest-environment-jsdom');

const FROM_NODE = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'Blob',
  'File',
  'TextEncoder',
  'TextDecoder',
  'TextDecoderStream',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'BroadcastChannel',
  'AbortController',
  'AbortSignal',
  'structuredClone',
  'setImmediate',
  'clearImmediate',
];

class TabEnvironment extends TestEnvironment {
  constructor(config, context) {
    // msw's node entry, not its browser one.
    super(
      {
        ...config,
        projectConfig: { ...config.projectConfig, testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] } },
      },
      context,
    );
    for (const name of FROM_NODE) this.global[name] = globalThis[name];
  }
}

module.exports = TabEnvironment;
