// Jest's node environment runs each test file in its own realm, so a Float32Array that onnxruntime-node's native
// code returns (main realm) fails onnxruntime-common's `instanceof Float32Array` check (test realm). Files that run
// ONNX Runtime in-process use this environment (docblock `@jest-environment`): the test realm gets the main
// realm's typed-array constructors, one identity on both sides.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class SharedTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = SharedTypedArraysEnvironment;
