/**
 * @jest-environment ../scripts/jest/shared-typed-arrays-environment.cjs
 */
// The patch the server makes to the merged decoder (a self-attention mask, each step's new cache columns and the
// greedy choice as outputs, the split into the decoder without its If and the cross-attention model): on the
// generated tiny model's graphs (fp32 and q8), the checks that decide whether they are used, the copy in the data
// folder's cache, a server on the patched decoder against one on the decoder as exported, and a server whose
// decoder's mask does not hold, which serves without it.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  lstatSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InferenceSession } from 'onnxruntime-node';
import { decoderStepOutputs } from '../../src/inference/decoder-outputs.js';
import { checkPatch, maskedModelFolder } from '../../src/inference/masked-model.js';
import { loadModel } from '../../src/inference/model.js';
import { DECODER_MASK_INPUT } from '../../src/inference/onnx/decoder-mask.js';
import { writePatchedDecoder } from '../../src/inference/onnx/decoder-patch.js';
import { writeSplitDecoder } from '../../src/inference/onnx/decoder-split.js';
import { splitDeviation, splitShape } from '../../src/inference/split-check.js';
import { makeTinyModel, post, startInferenceServer } from './harness.js';

let model: ReturnType<typeof makeTinyModel>;
let work: string;
const threads = { threads: 1, spinUs: 0 };
/** The tiny shape: 3 decoder layers, 4 heads of 16. */
const shape = { layers: 3, heads: 4, headDim: 16, startId: 0, eosId: 1 };

beforeAll(() => {
  model = makeTinyModel(3);
  work = mkdtempSync(path.join(tmpdir(), 'mlhub-mask-'));
});

afterAll(() => {
  model?.remove();
  rmSync(work, { recursive: true, force: true });
});

/** The model's encoder and the given decoder file, as ONNX Runtime sessions. */
async function sessions(decoderFile: string, quantized: boolean) {
  const encoder = await InferenceSession.create(
    path.join(model.dir, 'onnx', quantized ? 'encoder_model_quantized.onnx' : 'encoder_model.onnx'),
  );
  const decoder = await InferenceSession.create(decoderFile);
  return { ...shape, encoder, decoder, crossAttention: null, release: () => Promise.all([encoder.release(), decoder.release()]) };
}

/** A copy of the tiny model in `work/<name>` whose decoder takes the mask but not in layer `missing`. */
async function storeMissingMask(name: string, missing: number): Promise<string> {
  const store = path.join(work, name, 'flan-t5-tiny');
  cpSync(model.dir, store, { recursive: true });
  const decoder = 'onnx/decoder_model_merged.onnx';
  await writePatchedDecoder(path.join(model.dir, decoder), path.join(store, decoder), (layer) => layer !== missing);
  return store;
}

/** Every file below `dir` with its size and modification time. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      const info = statSync(file);
      return `${path.relative(dir, file)} ${info.size} ${info.mtimeMs}`;
    })
    .sort();
}

describe('the decoder patch', () => {
  it.each([
    ['fp32', 'decoder_model_merged.onnx', false],
    ['q8', 'decoder_model_merged_quantized.onnx', true],
  ])(
    'masks every cached self-attention of the %s decoder (a left-padded cache then gives the logits of its own) and returns the new cache columns',
    async (_, file, quantized) => {
      const target = path.join(work, `masked-${file}`);
      expect(await writePatchedDecoder(path.join(model.dir, 'onnx', file), target)).toEqual({ layers: 3, stepColumns: 6, greedy: 2 });
      const loaded = await sessions(target, quantized);
      try {
        expect(loaded.decoder.inputNames).toContain(DECODER_MASK_INPUT);
        expect(loaded.decoder.outputNames).toContain('mlhub_step_key_values.2.decoder.value');
        const check = await checkPatch(loaded);
        expect(check.maskDeviation).toBeLessThan(1e-5);
        expect(check.stepColumns).toBe(true);
      } finally {
        await loaded.release();
      }
    },
  );

  it('leaves a decoder whose mask misses one layer to the check, which finds the padding changed the logits', async () => {
    const target = path.join(work, 'masked-but-layer-1.onnx');
    const { layers } = await writePatchedDecoder(path.join(model.dir, 'onnx', 'decoder_model_merged.onnx'), target, (layer) => layer !== 1);
    expect(layers).toBe(2);
    const loaded = await sessions(target, false);
    try {
      expect((await checkPatch(loaded)).maskDeviation).toBeGreaterThan(1e-3);
    } finally {
      await loaded.release();
    }
  });

  it('refuses a file that is no ONNX decoder with a cached past, writing nothing', async () => {
    const target = path.join(work, 'not-a-decoder.onnx');
    await expect(writePatchedDecoder(path.join(model.dir, 'onnx', 'encoder_model.onnx'), target)).rejects.toThrow('cached past');
    await expect(writePatchedDecoder(path.join(model.dir, 'config.json'), target)).rejects.toThrow();
    expect(readdirSync(work)).not.toContain('not-a-decoder.onnx');
  });
});

describe('the patched copy in the data folder', () => {
  it('links the model files, writes only the patched decoder, reuses it, and remakes it when the decoder changes', async () => {
    const store = path.join(work, 'store', 'flan-t5-tiny');
    cpSync(model.dir, store, { recursive: true });
    const cache = path.join(work, 'cache');
    const before = listing(store);
    const folder = await maskedModelFolder(store, 'onnx/decoder_model_merged.onnx', cache);
    expect(path.basename(folder)).toBe('flan-t5-tiny');
    expect(readlinkSync(path.join(folder, 'tokenizer.json'))).toBe(path.join(store, 'tokenizer.json'));
    expect(readlinkSync(path.join(folder, 'onnx', 'encoder_model.onnx'))).toBe(path.join(store, 'onnx', 'encoder_model.onnx'));
    expect(lstatSync(path.join(folder, 'onnx', 'decoder_model_merged.onnx')).isFile()).toBe(true);
    // The decoder split in two (onnx/decoder-split.ts): the cross-attention model written beside it.
    expect(lstatSync(path.join(folder, 'onnx', 'mlhub_cross_attention.onnx')).isFile()).toBe(true);
    const made = statSync(path.join(folder, 'onnx', 'decoder_model_merged.onnx')).mtimeMs;
    expect(await maskedModelFolder(store, 'onnx/decoder_model_merged.onnx', cache)).toBe(folder);
    expect(statSync(path.join(folder, 'onnx', 'decoder_model_merged.onnx')).mtimeMs).toBe(made);
    // The store is only read.
    expect(listing(store)).toEqual(before);

    // A new decoder file (other weights): a new copy, and the old one goes, with a copy a dead server left half-made.
    const dead = spawnSync('true').pid;
    mkdirSync(path.join(cache, 'masked-decoder', `0123abcd.${dead}.tmp`, 'flan-t5-tiny'), { recursive: true });
    // And the copy of a model deleted from the store since.
    mkdirSync(path.join(cache, 'masked-decoder', 'fedcba98'), { recursive: true });
    writeFileSync(
      path.join(cache, 'masked-decoder', 'fedcba98', 'source.json'),
      JSON.stringify({ source: path.join(work, 'deleted.onnx') }),
    );
    copyFileSync(path.join(makeTinyModelDir(), 'onnx', 'decoder_model_merged.onnx'), path.join(store, 'onnx', 'decoder_model_merged.onnx'));
    utimesSync(path.join(store, 'onnx', 'decoder_model_merged.onnx'), new Date(), new Date(Date.now() + 5000));
    const remade = await maskedModelFolder(store, 'onnx/decoder_model_merged.onnx', cache);
    expect(remade).not.toBe(folder);
    expect(readdirSync(path.join(cache, 'masked-decoder'))).toEqual([path.basename(path.dirname(remade))]);
  });

  it('loads the model as it is, mask unused, when the patched decoder fails its check', async () => {
    // A store model whose decoder takes the mask already but misses a layer: no patch, the check refuses it.
    const store = await storeMissingMask('store-broken', 2);
    const { model: loaded, mask } = await loadModel(store, 'fp32', path.join(work, 'cache-broken'), threads);
    try {
      expect(mask.applied).toBe(false);
      expect(mask.detail).toMatch(/moved by/);
      expect(loaded.selfAttentionMask).toBe(false);
    } finally {
      await Promise.all([loaded.encoder.release(), loaded.decoder.release()]);
    }
  });

  it('loads the model as it is when the split decoder has lost its cross-attention model', async () => {
    const cache = path.join(work, 'cache-no-cross');
    const folder = await maskedModelFolder(model.dir, 'onnx/decoder_model_merged.onnx', cache);
    rmSync(path.join(folder, 'onnx', 'mlhub_cross_attention.onnx'));
    const { model: loaded, mask } = await loadModel(model.dir, 'fp32', cache, threads);
    try {
      expect(mask).toEqual({ applied: false, detail: 'the check failed: the split decoder has no cross-attention model beside it' });
      expect(loaded.crossAttention).toBeNull();
      expect(loaded.decoder.inputNames).toContain('use_cache_branch');
    } finally {
      await Promise.all([loaded.encoder.release(), loaded.decoder.release()]);
    }
  });
});

describe('the split decoder against the whole one', () => {
  it.each([
    ['fp32', 'decoder_model_merged.onnx'],
    ['q8', 'decoder_model_merged_quantized.onnx'],
  ])('gives the logits of the whole %s decoder, and a split of other weights does not', async (_, file) => {
    const dir = path.join(work, `split-${file}`);
    mkdirSync(dir, { recursive: true });
    const [whole, split, cross] = ['whole.onnx', 'split.onnx', 'cross.onnx'].map((f) => path.join(dir, f)) as [string, string, string];
    await writePatchedDecoder(path.join(model.dir, 'onnx', file), whole);
    await writeSplitDecoder(whole, split, cross);
    const shape = splitShape(model.dir);
    expect(shape).toEqual({ layers: 3, heads: 4, headDim: 16, dModel: 48, startId: 0 });
    expect(await splitDeviation({ whole, split, cross }, shape as NonNullable<typeof shape>)).toBeLessThan(1e-6);
    const [otherWhole, otherSplit, otherCross] = ['other-whole.onnx', 'other-split.onnx', 'other-cross.onnx'].map((f) =>
      path.join(dir, f),
    ) as [string, string, string];
    await writePatchedDecoder(path.join(makeTinyModelDir(), 'onnx', file), otherWhole);
    await writeSplitDecoder(otherWhole, otherSplit, otherCross);
    // The other model's cross-attention projections with this decoder: wrong caches, and the check sees it.
    expect(await splitDeviation({ whole, split, cross: otherCross }, shape as NonNullable<typeof shape>)).toBeGreaterThan(1e-2);
  });

  it('keeps the decoder whole when config.json does not give the cache shapes, and the model still loads with the mask', async () => {
    const store = path.join(work, 'store-no-shapes', 'flan-t5-tiny');
    cpSync(model.dir, store, { recursive: true });
    const config = JSON.parse(readFileSync(path.join(store, 'config.json'), 'utf8')) as Record<string, unknown>;
    delete config['d_model'];
    writeFileSync(path.join(store, 'config.json'), JSON.stringify(config));
    const folder = await maskedModelFolder(store, 'onnx/decoder_model_merged.onnx', path.join(work, 'cache-no-shapes'));
    expect(existsSync(path.join(folder, 'onnx', 'mlhub_cross_attention.onnx'))).toBe(false);
    const { model: loaded, mask } = await loadModel(store, 'fp32', path.join(work, 'cache-no-shapes'), threads);
    try {
      expect(mask).toEqual({ applied: true, detail: expect.stringMatching(/, greedy choice, decoder whole$/) });
      expect(loaded.decoder.inputNames).toContain('use_cache_branch');
      expect(loaded.crossAttention).toBeNull();
    } finally {
      await Promise.all([loaded.encoder.release(), loaded.decoder.release()]);
    }
  });
});

describe('the patched decoder in use', () => {
  it('loads with the mask, the step columns, the greedy choice and the cross-attention model, and asks the decoder for no cache', async () => {
    const { model: loaded, mask } = await loadModel(model.dir, 'fp32', path.join(work, 'cache-in-use'), threads);
    try {
      expect(mask).toEqual({ applied: true, detail: expect.stringMatching(/, step columns, greedy choice, cross-attention model$/) });
      expect(loaded.crossAttention?.inputNames).toEqual(['encoder_hidden_states']);
      expect(loaded.decoder.inputNames).not.toContain('use_cache_branch');
      expect(loaded.stepColumns).toBe(true);
      expect(loaded.greedyChoice).toBe(true);
      const fetched = decoderStepOutputs(loaded.decoder.outputNames, loaded.stepColumns);
      expect(fetched.filter((name) => name.startsWith('present.'))).toEqual([]);
      expect(fetched).toHaveLength(3 + 2 * shape.layers);
      expect(fetched).toEqual(expect.arrayContaining(['logits', 'mlhub_greedy_token', 'mlhub_greedy_logprob']));
    } finally {
      await Promise.all([loaded.encoder.release(), loaded.decoder.release(), loaded.crossAttention?.release()]);
    }
  });

  // Rows joining others at another position on the patched decoder get their tokens alone: scheduling.test.ts.
  it.each(['fp32', 'q8'])('generates on the %s patched decoder the tokens of the decoder as exported', async (dtype) => {
    const [patched, plain] = await Promise.all([
      startInferenceServer(model.dir, { MLHUB_INFERENCE_DTYPE: dtype }),
      startInferenceServer(model.dir, { MLHUB_INFERENCE_DTYPE: dtype, MLHUB_INFERENCE_SELF_ATTENTION_MASK: 'false' }),
    ]);
    try {
      const tokens = async (url: string, inputs: string, n: number) => {
        const answer = await post(`${url}/generate`, { inputs, parameters: { max_new_tokens: n, min_new_tokens: n, details: true } });
        expect(answer.status).toBe(200);
        return answer.body.details.tokens as { id: number; logprob: number }[];
      };
      for (const [inputs, n] of [
        ['Summarize: the cat sat on the mat and looked at the dog', 60],
        ['Translate to German: good morning', 12],
      ] as const) {
        // The patched decoder's greedy choice (ONNX Runtime's log-softmax) against the JavaScript one of the other.
        const [mine, theirs] = [await tokens(patched.url, inputs, n), await tokens(plain.url, inputs, n)];
        expect(mine.map((t) => t.id)).toEqual(theirs.map((t) => t.id));
        mine.forEach((t, i) => expect(Math.abs(t.logprob - (theirs[i]?.logprob as number))).toBeLessThan(1e-5));
      }
    } finally {
      await Promise.all([patched.stop(), plain.stop()]);
    }
  });
});

describe('a server whose decoder mask does not hold', () => {
  it('says so in its log and generates what the model without the mask generates', async () => {
    const store = await storeMissingMask('store-server', 0);
    const [broken, plain] = await Promise.all([
      startInferenceServer(store, { MLHUB_INFERENCE_DTYPE: 'fp32' }),
      startInferenceServer(model.dir, { MLHUB_INFERENCE_DTYPE: 'fp32', MLHUB_INFERENCE_SELF_ATTENTION_MASK: 'false' }),
    ]);
    try {
      const body = { inputs: 'Summarize: the cat sat on the mat', parameters: { max_new_tokens: 12, min_new_tokens: 12, details: true } };
      const [a, b] = await Promise.all([post(`${broken.url}/generate`, body), post(`${plain.url}/generate`, body)]);
      expect(a.status).toBe(200);
      expect(a.body.details.tokens).toEqual(b.body.details.tokens);
      expect(broken.stderr()).toContain('no self-attention mask');
      expect(plain.stderr()).not.toContain('no self-attention mask');
    } finally {
      await Promise.all([broken.stop(), plain.stop()]);
    }
  });
});

let other: ReturnType<typeof makeTinyModel> | undefined;
/** A second tiny model of other weights, made once. */
function makeTinyModelDir(): string {
  other ??= makeTinyModel(4);
  return other.dir;
}
afterAll(() => other?.remove());
