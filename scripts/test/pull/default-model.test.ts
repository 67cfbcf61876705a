import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_MODEL_ID, ensureDefaultModel } from '../../src/pull/default-model.js';
import { storeVerdict } from '@mlhub/services/hub';
import { putTinyModel, removeTinyCache, tempDataDir } from '../../../services/test/hub/inference/harness.js';

afterAll(() => removeTinyCache());

describe('ensureDefaultModel: the embedded default model', () => {
  it('writes local/flan-t5-small-random into an empty store, servable, its card saying the weights are random', async () => {
    const data = tempDataDir();
    try {
      const made = await ensureDefaultModel(data.storeDir, { shape: 'tiny', dtype: 'q8' });
      expect(made).toMatchObject({ written: true, modelId: DEFAULT_MODEL_ID });
      expect(made.message).toMatch(/RANDOM weights/);
      expect(await storeVerdict(data.storeDir, DEFAULT_MODEL_ID)).toEqual({ present: true, servable: true, reason: null });
      const card = readFileSync(path.join(data.storeDir, 'models', 'local', 'flan-t5-small-random', 'README.md'), 'utf8');
      expect(card).toMatch(/random weights, not Google's/i);
      // Second start: nothing to do.
      expect(await ensureDefaultModel(data.storeDir, { shape: 'tiny' })).toMatchObject({ written: false, modelId: DEFAULT_MODEL_ID });
    } finally {
      data.remove();
    }
  });

  it('leaves a store that already serves a model alone', async () => {
    const data = tempDataDir();
    try {
      putTinyModel(data.storeDir, 'acme/mine');
      expect(await ensureDefaultModel(data.storeDir, { shape: 'tiny' })).toMatchObject({ written: false, modelId: 'acme/mine' });
    } finally {
      data.remove();
    }
  });
});
