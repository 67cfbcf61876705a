/**
 * @jest-environment ./jest/shared-typed-arrays-environment.cjs
 */
// The server's decoder patch (services/src/inference/onnx/decoder-patch.ts) on the layout Optimum exports, which
// the generated model does not have: the whole self-attention inside the If's cached branch (reading the past
// from the outer scope), and, as ONNX Runtime's dynamic quantization may write it, the weighing of the values as
// DynamicQuantizeLinear + MatMulInteger. A cache left-padded with zeros and masked gives the attention output of
// the cache alone; unpatched, the padding changes it. The step columns come out of the If beside its `present.*`.
// The split (decoder-split.ts) of this layout: the cached branch alone as the decoder, and the other branch's
// cross-attention projections as their own model, give what the merged graph gives.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DECODER_MASK_INPUT } from '@mlhub/services/inference/onnx/decoder-mask';
import { writePatchedDecoder } from '@mlhub/services/inference/onnx/decoder-patch';
import { writeSplitDecoder } from '@mlhub/services/inference/onnx/decoder-split';
import * as ort from 'onnxruntime-node';
import { DataType, Graph, NameSource, smallTensor } from '../src/model/onnx.js';
import { writeModel } from '../src/model/onnx-file.js';

const D = 4;
const stepColumns = ['mlhub_step_key_values.0.decoder.key', 'mlhub_step_key_values.0.decoder.value'];
const PAST = 3;
const PADDING = 4;
/** Encoder positions the cross attention reads. */
const ENCODED = 5;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mlhub-mask-layout-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * One attention head over `past_key_values.0.decoder.*` and the new key and value, and one over the encoder's
 * keys and values (cached, or projected from `encoder_hidden_states`), all in the If's branches.
 */
function attentionInBranches(quantized: boolean): Graph {
  const g = new Graph('optimum_like', new NameSource());
  const input = (name: string, dims: (number | string)[], elemType: 1 | 9 = DataType.FLOAT) => {
    g.inputs.push({ name, elemType, dims });
    return name;
  };
  const q = input('q', ['batch_size', 1, 1, D]);
  const kNew = input('k_new', ['batch_size', 1, 1, D]);
  const vNew = input('v_new', ['batch_size', 1, 1, D]);
  const pastK = input('past_key_values.0.decoder.key', ['batch_size', 1, 'past', D]);
  const pastV = input('past_key_values.0.decoder.value', ['batch_size', 1, 'past', D]);
  const states = input('encoder_hidden_states', ['batch_size', 1, ENCODED, D]);
  const pastCrossK = input('past_key_values.0.encoder.key', ['batch_size', 1, ENCODED, D]);
  const pastCrossV = input('past_key_values.0.encoder.value', ['batch_size', 1, ENCODED, D]);
  const useCache = input('use_cache_branch', [1], DataType.BOOL);
  const weight = (name: string) => g.initializer(smallTensor(name, DataType.FLOAT, [D, D], new Uint8Array(random(D * D).buffer)));
  const [crossKWeight, crossVWeight] = [weight('cross.k.weight'), weight('cross.v.weight')];

  const cached = new Graph('with_past', g.names, g);
  const k = cached.op('Concat', [pastK, kNew], { axis: 2 });
  const v = cached.op('Concat', [pastV, vNew], { axis: 2 });
  const scores = cached.op('MatMul', [q, cached.op('Transpose', [k], { perm: [0, 1, 3, 2] })]);
  const weights = cached.op('Softmax', [scores], { axis: -1 });
  let out: string;
  if (quantized) {
    const [wq, ws, wz] = cached.node('DynamicQuantizeLinear', [weights], {}, 3) as [string, string, string];
    const [vq, vs, vz] = cached.node('DynamicQuantizeLinear', [v], {}, 3) as [string, string, string];
    const integer = cached.op('Cast', [cached.op('MatMulInteger', [wq, vq, wz, vz])], { to: DataType.FLOAT });
    out = cached.op('Mul', [integer, cached.op('Mul', [ws, vs])]);
  } else out = cached.op('MatMul', [weights, v]);
  const crossScores = cached.op('MatMul', [q, cached.op('Transpose', [pastCrossK], { perm: [0, 1, 3, 2] })]);
  const crossOut = cached.op('MatMul', [cached.op('Softmax', [crossScores], { axis: -1 }), pastCrossV]);
  cached.outputs.push({ name: cached.op('Identity', [cached.op('Add', [out, crossOut])]), elemType: DataType.FLOAT });
  cached.outputs.push({ name: cached.op('Identity', [k]), elemType: DataType.FLOAT });
  cached.outputs.push({ name: cached.op('Identity', [v]), elemType: DataType.FLOAT });
  // The cached cross-attention keys and values pass through, as Optimum's cached branch returns them.
  cached.outputs.push({ name: cached.op('Identity', [pastCrossK]), elemType: DataType.FLOAT });
  cached.outputs.push({ name: cached.op('Identity', [pastCrossV]), elemType: DataType.FLOAT });
  // Without a past (a first step) the branch's caches are the new key and value, computed in the branch.
  const fresh = new Graph('without_past', g.names, g);
  fresh.outputs.push({ name: fresh.op('Identity', [vNew]), elemType: DataType.FLOAT });
  fresh.outputs.push({ name: fresh.op('Mul', [kNew, fresh.op('Identity', [kNew])]), elemType: DataType.FLOAT });
  fresh.outputs.push({ name: fresh.op('Identity', [vNew]), elemType: DataType.FLOAT });
  fresh.outputs.push({ name: fresh.op('MatMul', [states, crossKWeight]), elemType: DataType.FLOAT });
  fresh.outputs.push({ name: fresh.op('MatMul', [states, crossVWeight]), elemType: DataType.FLOAT });
  const presents = ['present.0.decoder.key', 'present.0.decoder.value', 'present.0.encoder.key', 'present.0.encoder.value'];
  g.node('If', [useCache], { then_branch: cached, else_branch: fresh }, ['attention', ...presents]);
  g.outputs.push({ name: 'attention', elemType: DataType.FLOAT, dims: ['batch_size', 1, 1, D] });
  for (const name of presents) g.outputs.push({ name, elemType: DataType.FLOAT, dims: ['batch_size', 1, 'total', D] });
  return g;
}

const random = (() => {
  let seed = 17;
  return (n: number) =>
    Float32Array.from({ length: n }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed / 2147483648 - 0.5) * 4;
    });
})();

/** The encoder's states and its cached keys and values, random. */
function encoderFeeds(): Record<string, ort.Tensor> {
  const tensor = () => new ort.Tensor('float32', random(ENCODED * D), [1, 1, ENCODED, D]);
  return { encoder_hidden_states: tensor(), 'past_key_values.0.encoder.key': tensor(), 'past_key_values.0.encoder.value': tensor() };
}

/** The past's `PAST` columns after `padding` zero columns. */
function leftPadded(values: Float32Array, padding: number): ort.Tensor {
  const data = new Float32Array((PAST + padding) * D);
  data.set(values, padding * D);
  return new ort.Tensor('float32', data, [1, 1, PAST + padding, D]);
}

describe('the decoder patch on attention inside the If branches', () => {
  it.each([
    ['MatMul', false],
    ['MatMulInteger', true],
  ])(
    'masks the padding of a cache weighed by %s (the unpatched graph is moved by it) and returns the step columns of both branches',
    async (_, quantized) => {
      const source = path.join(dir, `source-${String(quantized)}.onnx`);
      const target = path.join(dir, `masked-${String(quantized)}.onnx`);
      await writeModel(source, attentionInBranches(quantized), 'test');
      // This graph ends at the attention, with no `logits`, so the patch adds no greedy choice.
      expect(await writePatchedDecoder(source, target)).toEqual({ layers: 1, stepColumns: 2, greedy: 0 });
      const [plain, masked] = await Promise.all([ort.InferenceSession.create(source), ort.InferenceSession.create(target)]);
      try {
        expect(masked.inputNames).toContain(DECODER_MASK_INPUT);
        const [q, k, v, pastK, pastV] = [D, D, D, PAST * D, PAST * D].map((n) => random(n)) as Float32Array[];
        const row = (data: Float32Array) => new ort.Tensor('float32', data, [1, 1, 1, D]);
        const common = {
          q: row(q as Float32Array),
          k_new: row(k as Float32Array),
          v_new: row(v as Float32Array),
          use_cache_branch: new ort.Tensor('bool', new Uint8Array([1]), [1]),
          ...encoderFeeds(),
        };
        const mask = (padding: number) =>
          new ort.Tensor(
            'int64',
            BigInt64Array.from({ length: PAST + 1 + padding }, (_, i) => (i < padding ? 0n : 1n)),
            [1, PAST + 1 + padding],
          );
        const pastFeeds = (padding: number) => ({
          'past_key_values.0.decoder.key': leftPadded(pastK as Float32Array, padding),
          'past_key_values.0.decoder.value': leftPadded(pastV as Float32Array, padding),
        });
        const emptyPast = () => ({
          'past_key_values.0.decoder.key': new ort.Tensor('float32', new Float32Array(0), [1, 1, 0, D]),
          'past_key_values.0.decoder.value': new ort.Tensor('float32', new Float32Array(0), [1, 1, 0, D]),
        });
        const run = async (session: ort.InferenceSession, padding: number) => {
          const feeds: Record<string, ort.Tensor> = { ...common, ...pastFeeds(padding) };
          if (session.inputNames.includes(DECODER_MASK_INPUT)) feeds[DECODER_MASK_INPUT] = mask(padding);
          return Array.from((await session.run(feeds))['attention']?.data as Float32Array);
        };
        const own = await run(plain, 0);
        const maskedOwn = await run(masked, 0);
        const maskedPadded = await run(masked, PADDING);
        const plainPadded = await run(plain, PADDING);
        maskedOwn.forEach((x, i) => expect(x).toBeCloseTo(own[i] as number, 6));
        maskedPadded.forEach((x, i) => expect(x).toBeCloseTo(own[i] as number, 6));
        // The step columns: the new key and value with a past, the branch's own caches without one.
        const cached = await masked.run({ ...common, ...pastFeeds(0), [DECODER_MASK_INPUT]: mask(0) });
        expect(Array.from(cached['mlhub_step_key_values.0.decoder.key']?.data as Float32Array)).toEqual(Array.from(k as Float32Array));
        expect(Array.from(cached['mlhub_step_key_values.0.decoder.value']?.data as Float32Array)).toEqual(Array.from(v as Float32Array));
        const first = await masked.run({
          ...common,
          ...emptyPast(),
          use_cache_branch: new ort.Tensor('bool', new Uint8Array([0]), [1]),
          [DECODER_MASK_INPUT]: new ort.Tensor('int64', BigInt64Array.from([1n]), [1, 1]),
        });
        for (const kind of ['key', 'value'])
          expect(Array.from(first[`mlhub_step_key_values.0.decoder.${kind}`]?.data as Float32Array)).toEqual(
            Array.from(first[`present.0.decoder.${kind}`]?.data as Float32Array),
          );
        expect(Math.max(...plainPadded.map((x, i) => Math.abs(x - (own[i] as number))))).toBeGreaterThan(1e-2);
      } finally {
        await Promise.all([plain.release(), masked.release()]);
      }
    },
  );

  it.each([
    ['MatMul', false],
    ['MatMulInteger', true],
  ])(
    'splits the patched graph (%s) into the cached branch alone and the cross-attention projections, which give what the If gives',
    async (_, quantized) => {
      const [source, masked, split, cross] = ['source', 'masked', 'split', 'cross'].map((n) =>
        path.join(dir, `${n}-split-${String(quantized)}.onnx`),
      ) as [string, string, string, string];
      await writeModel(source, attentionInBranches(quantized), 'test');
      await writePatchedDecoder(source, masked);
      expect(await writeSplitDecoder(masked, split, cross)).toBe(2);
      const [whole, decoder, crossAttention] = (await Promise.all([masked, split, cross].map((f) => ort.InferenceSession.create(f)))) as [
        ort.InferenceSession,
        ort.InferenceSession,
        ort.InferenceSession,
      ];
      try {
        // The If is gone: nothing to choose, the encoder's states are read by the other model only.
        expect(decoder.inputNames).not.toContain('use_cache_branch');
        expect(decoder.inputNames).not.toContain('encoder_hidden_states');
        expect(decoder.outputNames).toEqual(['attention', 'present.0.decoder.key', 'present.0.decoder.value', ...stepColumns]);
        expect(crossAttention.inputNames).toEqual(['encoder_hidden_states']);
        expect(crossAttention.outputNames).toEqual(['present.0.encoder.key', 'present.0.encoder.value']);
        const [q, k, v, pastK, pastV] = [D, D, D, PAST * D, PAST * D].map((n) => random(n)) as Float32Array[];
        const row = (data: Float32Array) => new ort.Tensor('float32', data, [1, 1, 1, D]);
        const encoder = encoderFeeds();
        const selfFeeds = {
          q: row(q as Float32Array),
          k_new: row(k as Float32Array),
          v_new: row(v as Float32Array),
          'past_key_values.0.decoder.key': leftPadded(pastK as Float32Array, PADDING),
          'past_key_values.0.decoder.value': leftPadded(pastV as Float32Array, PADDING),
          [DECODER_MASK_INPUT]: new ort.Tensor(
            'int64',
            BigInt64Array.from({ length: PAST + 1 + PADDING }, (_, i) => (i < PADDING ? 0n : 1n)),
            [1, PAST + 1 + PADDING],
          ),
        };
        const flag = (on: boolean) => new ort.Tensor('bool', new Uint8Array([on ? 1 : 0]), [1]);
        const data = (t: ort.Tensor | undefined) => Array.from(t?.data as Float32Array);
        // The cross-attention model computes what the If's other branch computes.
        const projected = await whole.run({ ...selfFeeds, ...encoder, use_cache_branch: flag(false) });
        const own = await crossAttention.run({ encoder_hidden_states: encoder['encoder_hidden_states'] as ort.Tensor });
        for (const name of ['present.0.encoder.key', 'present.0.encoder.value']) {
          expect(data(own[name])).toEqual(data(projected[name]));
          expect(data(own[name])).not.toEqual(data(encoder[name.replace('present', 'past_key_values')]));
        }
        // The decoder on those caches computes what the If's cached branch computes on them.
        const caches = {
          'past_key_values.0.encoder.key': own['present.0.encoder.key'] as ort.Tensor,
          'past_key_values.0.encoder.value': own['present.0.encoder.value'] as ort.Tensor,
        };
        const cached = await whole.run({ ...selfFeeds, ...encoder, ...caches, use_cache_branch: flag(true) });
        const alone = await decoder.run({ ...selfFeeds, ...caches });
        for (const name of ['attention', ...stepColumns]) expect(data(alone[name])).toEqual(data(cached[name]));
      } finally {
        await Promise.all([whole.release(), decoder.release(), crossAttention.release()]);
      }
    },
  );
});
