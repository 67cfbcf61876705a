// The generator's promises: determinism from the seed, google/flan-t5-small's exact shape and parameter count,
// a tokenizer as large as the vocabulary and derived from the cards, and the command the inference tests run.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { defaultDataDir } from '../src/catalog/locations.js';
import { repoRoot } from '../src/spec/paths.js';
import { makeModel, SHAPES, t5Config } from '../src/model/index.js';
import { derivePieces, piecesFile, serialisePieces } from '../src/model/pieces.js';
import { readOnnx } from './model-onnx-reader.js';

const run = promisify(execFile);
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'model-make-'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.includes('.'))
    .sort();
}

describe('determinism', () => {
  it('writes byte-identical files for the same seed, and other weights for another seed', async () => {
    const [first, again, other] = ['a', 'b', 'c'].map((name) => path.join(root, `seed-${name}`)) as [string, string, string];
    const made = await makeModel({ shape: 'tiny', outDir: first, seed: 42 });
    await makeModel({ shape: 'tiny', outDir: again, seed: 42 });
    await makeModel({ shape: 'tiny', outDir: other, seed: 43 });
    expect(filesOf(first)).toEqual(made.files);
    expect(made.files).toEqual([
      'README.md',
      'config.json',
      'generation_config.json',
      'onnx/decoder_model_merged.onnx',
      'onnx/decoder_model_merged_quantized.onnx',
      'onnx/encoder_model.onnx',
      'onnx/encoder_model_quantized.onnx',
      'quantize_config.json',
      'special_tokens_map.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    for (const file of made.files) expect(readFileSync(path.join(again, file)).equals(readFileSync(path.join(first, file)))).toBe(true);

    const weights = (dir: string) => readOnnx(path.join(dir, 'onnx', 'decoder_model_merged.onnx')).initializers;
    const [mine, theirs] = [weights(first), weights(other)];
    for (const [name, tensor] of mine) {
      const changed = !Buffer.from(tensor.raw).equals(Buffer.from(theirs.get(name)?.raw ?? new Uint8Array()));
      // Layer norms (all ones) and the graph's constants do not depend on the seed; every drawn weight does.
      expect([name, changed]).toEqual([name, !name.startsWith('const.') && !name.includes('layer_norm')]);
    }
    expect(readFileSync(path.join(other, 'tokenizer.json')).equals(readFileSync(path.join(first, 'tokenizer.json')))).toBe(true);
  });

  it('lets the event loop run while it writes (a server writing its default model keeps answering)', async () => {
    const events: string[] = [];
    const writing = makeModel({ shape: 'tiny', outDir: path.join(root, 'responsive'), dtype: 'fp32' }).then(() => events.push('written'));
    setImmediate(() => events.push('other work'));
    await writing;
    expect(events).toEqual(['other work', 'written']);
  });

  it('refuses an unknown shape, a bad seed or dtype with a message naming the value', async () => {
    const outDir = path.join(root, 'refused');
    await expect(makeModel({ shape: 'huge' as 'tiny', outDir })).rejects.toThrow(/unknown shape huge/);
    await expect(makeModel({ shape: 'tiny', outDir, seed: -1 })).rejects.toThrow(/seed/);
    await expect(makeModel({ shape: 'tiny', outDir, seed: 1.5 })).rejects.toThrow(/seed/);
    await expect(makeModel({ shape: 'tiny', outDir, dtype: 'fp16' as 'fp32' })).rejects.toThrow(/dtype/);
  });
});

describe('npm run model:make', () => {
  const command = ['--import', 'tsx', path.join(repoRoot, 'scripts', 'bin', 'model-make.ts')];

  it('writes the tiny fp32 folder and says what it wrote', async () => {
    const outDir = path.join(root, 'cli');
    const { stdout } = await run(process.execPath, [...command, '--shape', 'tiny', '--out', outDir, '--dtype', 'fp32', '--seed', '3'], {
      cwd: repoRoot,
    });
    expect(stdout).toMatch(/^tiny: [\d,]+ parameters, 8 files in /);
    expect(filesOf(outDir)).toContain('onnx/decoder_model_merged.onnx');
    expect(filesOf(outDir)).not.toContain('onnx/decoder_model_merged_quantized.onnx');
  });

  it('exits 1 with the usage on bad arguments', async () => {
    const failure = run(process.execPath, [...command, '--shape', 'medium', '--out', path.join(root, 'bad')], { cwd: repoRoot });
    await expect(failure).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('usage: model:make') });
  });
});

describe('the tokenizer', () => {
  it('has exactly vocab_size ids in every shape, specials and sentinels where T5 puts them', async () => {
    for (const name of ['tiny', 'flan-t5-small'] as const) {
      const { tokenizerJson } = await import('../src/model/tokenizer.js');
      const json = tokenizerJson(SHAPES[name]) as { model: { vocab: [string, number][] } };
      const pieces = json.model.vocab.map(([piece]) => piece);
      expect(pieces).toHaveLength(SHAPES[name].vocab_size);
      expect(new Set(pieces).size).toBe(pieces.length);
      expect(pieces.slice(0, 3)).toEqual(['<pad>', '</s>', '<unk>']);
      expect(pieces.at(-1)).toBe('<extra_id_0>');
      expect(pieces.at(-SHAPES[name].extra_ids)).toBe(`<extra_id_${SHAPES[name].extra_ids - 1}>`);
      for (let code = 0x21; code <= 0x7e; code++) expect(pieces).toContain(String.fromCharCode(code));
    }
  });

  it('pieces.tsv is what the recorded cards give today (rewrite it with model:make -- --refresh-pieces)', () => {
    expect(serialisePieces(derivePieces(path.join(defaultDataDir, 'cards'))) === readFileSync(piecesFile, 'utf8')).toBe(true);
  });
});

describe('flan-t5-small', () => {
  it('config.json equals google/flan-t5-small field by field', () => {
    const real = JSON.parse(readFileSync(path.join(defaultDataDir, 'flan-t5', 'flan-t5-small', 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const ours = t5Config(SHAPES['flan-t5-small']);
    for (const field of Object.keys(real)) expect([field, ours[field]]).toEqual([field, real[field]]);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(real).sort());
  });

  it('has 76,961,152 parameters in the written graphs (shared embedding counted once) and the written config', async () => {
    const outDir = path.join(root, 'flan-t5-small');
    try {
      const made = await makeModel({ shape: 'flan-t5-small', outDir, dtype: 'fp32' });
      expect(made.parameters).toBe(76_961_152);
      const parameters = new Map<string, number>();
      for (const file of ['encoder_model.onnx', 'decoder_model_merged.onnx']) {
        for (const [name, tensor] of readOnnx(path.join(outDir, 'onnx', file)).initializers) {
          if (name.startsWith('const.')) continue;
          const size = tensor.dims.reduce((product, dim) => product * dim, 1);
          expect(tensor.raw.length).toBe(size * 4);
          expect(parameters.get(name) ?? size).toBe(size);
          parameters.set(name, size);
        }
      }
      expect([...parameters.values()].reduce((sum, size) => sum + size, 0)).toBe(76_961_152);
      expect(parameters.get('shared.weight')).toBe(32128 * 512);
      const written = JSON.parse(readFileSync(path.join(outDir, 'config.json'), 'utf8')) as Record<string, unknown>;
      expect(written).toEqual(t5Config(SHAPES['flan-t5-small']));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
