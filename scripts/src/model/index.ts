// The FLAN-T5-architecture model generator: `makeModel` writes a folder transformers.js loads (README.md here).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { modelCard } from './card.js';
import { writeModel } from './onnx-file.js';
import { SHAPES, isShapeName, t5Config, type ShapeName } from './shapes.js';
import { decoderMergedGraph, encoderGraph, type Precision } from './t5-graph.js';
import { specialTokensMap, tokenizerConfig, tokenizerJson } from './tokenizer.js';
import { parameterCount } from './weights.js';

export { SHAPES, isShapeName, t5Config, type T5Shape } from './shapes.js';

export type Dtype = Precision | 'both';

export interface MakeModelOptions {
  /** `tiny` (tests, milliseconds) or `flan-t5-small` (google/flan-t5-small's exact shape). */
  shape: ShapeName;
  /** The model folder; created if missing, files in it overwritten. */
  outDir: string;
  /** PRNG seed (an unsigned 32-bit integer); the same seed writes byte-identical files. Default 0. */
  seed?: number;
  /** fp32 graphs, their q8 twins, or both (default). */
  dtype?: Dtype;
}

export interface MadeModel {
  /** Paths of the files written, relative to `outDir`, sorted. */
  files: string[];
  /** Parameters of the model (the shared embedding counted once), 76,961,152 for flan-t5-small. */
  parameters: number;
}

const PRODUCER = 'ml-hub model generator';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export async function makeModel(options: MakeModelOptions): Promise<MadeModel> {
  const { shape: shapeName, outDir } = options;
  const seed = options.seed ?? 0;
  const dtype = options.dtype ?? 'both';
  if (!isShapeName(shapeName)) throw new Error(`unknown shape ${String(shapeName)} (one of ${Object.keys(SHAPES).join(', ')})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be an integer in 0..4294967295, got ${seed}`);
  if (!['fp32', 'q8', 'both'].includes(dtype)) throw new Error(`dtype must be fp32, q8 or both, got ${String(dtype)}`);
  const shape = SHAPES[shapeName];
  const parameters = parameterCount(shape);
  mkdirSync(path.join(outDir, 'onnx'), { recursive: true });

  const texts: Record<string, string> = {
    'config.json': json(t5Config(shape)),
    'generation_config.json': json({
      _from_model_config: true,
      decoder_start_token_id: 0,
      eos_token_id: 1,
      pad_token_id: 0,
      transformers_version: '4.27.0.dev0',
    }),
    'tokenizer.json': json(tokenizerJson(shape)),
    'tokenizer_config.json': json(tokenizerConfig(shape)),
    'special_tokens_map.json': json(specialTokensMap(shape)),
    'README.md': modelCard(shapeName, shape, seed, parameters),
  };
  const precisions: Precision[] = dtype === 'both' ? ['fp32', 'q8'] : [dtype];
  const opTypes: Record<string, string[]> = {};
  for (const [name, build] of [
    ['encoder_model', encoderGraph],
    ['decoder_model_merged', decoderMergedGraph],
  ] as const) {
    for (const precision of precisions) {
      await writeModel(
        path.join(outDir, 'onnx', `${name}${precision === 'q8' ? '_quantized' : ''}.onnx`),
        build(shape, seed, precision),
        PRODUCER,
      );
    }
    // The operators of the float graph, as quantize_config.json lists them (building a graph draws no weights).
    opTypes[name] = build(shape, seed, 'fp32').opTypes();
  }
  if (precisions.includes('q8')) {
    // As transformers.js's conversion script (Optimum's ORTQuantizer underneath) writes it beside the q8 files.
    texts['quantize_config.json'] = json({
      per_channel: true,
      reduce_range: false,
      per_model_config: Object.fromEntries(
        Object.entries(opTypes).map(([name, types]) => [name, { op_types: types, weight_type: 'QInt8' }]),
      ),
    });
  }
  for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(outDir, name), text);
  const files = [
    ...Object.keys(texts),
    ...precisions.flatMap((precision) => {
      const suffix = precision === 'q8' ? '_quantized' : '';
      return [`onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`];
    }),
  ].sort();
  return { files, parameters };
}
