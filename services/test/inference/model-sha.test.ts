// `model_sha` of GET /info, from a model folder: the commit a pull recorded, else a digest of what it holds.
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { modelSha } from '../../src/inference/model-sha.js';

const COMMIT = '0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab';

describe('modelSha', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mlhub-sha-'));
    mkdirSync(path.join(dir, 'onnx'));
    writeFileSync(path.join(dir, 'config.json'), '{"model_type":"t5"}');
    writeFileSync(path.join(dir, 'onnx', 'encoder_model.onnx'), Buffer.alloc(1000));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is the commit a pull recorded in the folder', () => {
    writeFileSync(path.join(dir, '.mlhub.json'), JSON.stringify({ sha: COMMIT, revision: 'main' }));
    expect(modelSha(dir)).toBe(COMMIT);
  });

  it('without a recorded commit, a sha256 that stays the same while the files do', () => {
    const first = modelSha(dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(modelSha(dir)).toBe(first);
    // Metadata that is no commit (a card override, a branch name) changes nothing.
    writeFileSync(path.join(dir, '.mlhub.json'), JSON.stringify({ sha: 'main', downloads: 5 }));
    expect(modelSha(dir)).toBe(first);
  });

  it('changes when a weights file changes size, a file is added, or the config changes', () => {
    const before = modelSha(dir);
    truncateSync(path.join(dir, 'onnx', 'encoder_model.onnx'), 999);
    const resized = modelSha(dir);
    expect(resized).not.toBe(before);
    writeFileSync(path.join(dir, 'onnx', 'decoder_model_merged.onnx'), Buffer.alloc(10));
    const added = modelSha(dir);
    expect(added).not.toBe(resized);
    writeFileSync(path.join(dir, 'config.json'), '{"model_type":"t5","d_model":8}');
    expect(modelSha(dir)).not.toBe(added);
  });

  it('is null for a folder that cannot be read', () => {
    expect(modelSha(path.join(dir, 'missing'))).toBeNull();
  });
});
