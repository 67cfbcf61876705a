/**
 * @jest-environment ./jest/shared-typed-arrays-environment.cjs
 */
// The generated tiny model through the library that will serve it: transformers.js loads the folder (fp32 and
// q8), its pipeline generates, and the tokenizer round-trips English.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';

import { makeModel, SHAPES } from '../src/model/index.js';

let root: string;
let modelDir: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'model-transformers-'));
  modelDir = path.join(root, 'tiny');
  env.allowRemoteModels = false;
  env.cacheDir = path.join(root, 'cache');
  await makeModel({ shape: 'tiny', outDir: modelDir, dtype: 'both' });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the tiny model in transformers.js', () => {
  it('tokenizes English into pieces, appends </s>, and decodes back to the sentence', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(modelDir);
    const sentence = 'Translate English to German: the model card describes the dataset.';
    const ids = tokenizer.encode(sentence);
    expect(ids.at(-1)).toBe(1);
    expect(ids).not.toContain(2);
    // Whole words from the cards are single pieces, not spelled out character by character.
    expect(ids.length).toBeLessThan(sentence.length / 2);
    expect(tokenizer.decode(ids, { skip_special_tokens: true })).toBe(sentence);
    expect(tokenizer.decode([SHAPES.tiny.vocab_size - 1])).toBe('<extra_id_0>');
  });

  it.each(['fp32', 'q8'] as const)('loads with dtype %s and the text2text pipeline generates tokens', async (dtype) => {
    const generator = await pipeline('text2text-generation', modelDir, { dtype, device: 'cpu' });
    try {
      const inputs = generator.tokenizer(['summarize: the dataset is large', 'hello'], { padding: true });
      const output = (await generator.model.generate({ ...inputs, max_new_tokens: 6, min_new_tokens: 6 })) as { tolist(): bigint[][] };
      const rows = output.tolist();
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).toHaveLength(7);
        expect(row[0]).toBe(0n);
        for (const id of row) expect(Number(id)).toBeLessThan(SHAPES.tiny.vocab_size);
      }
      const [result] = (await generator('translate English to German: hello', { max_new_tokens: 4, min_new_tokens: 4 })) as {
        generated_text: string;
      }[];
      expect(typeof result?.generated_text).toBe('string');
    } finally {
      await generator.dispose();
    }
  });
});
