// The model card written beside the weights: it must not let anyone mistake these for Google's FLAN-T5.
import type { ShapeName, T5Shape } from './shapes.js';

export function modelCard(shapeName: ShapeName, shape: T5Shape, seed: number, parameters: number): string {
  return `---
license: apache-2.0
pipeline_tag: text2text-generation
library_name: transformers.js
tags:
  - t5
  - onnx
  - random-weights
---

# ${shapeName}-random (seed ${seed})

**These are random weights, not Google's.** This folder was written by ML Hub's model generator
(\`npm run model:make -- --shape ${shapeName} --seed ${seed}\`). It has the architecture of FLAN-T5
(T5 v1.1: RMS norm, gated-GELU feed-forward, relative attention bias, untied lm_head) and, for the
\`flan-t5-small\` shape, exactly google/flan-t5-small's sizes, but its weights are drawn at random at T5's
initialisation scales. It produces tokens, not meaningful text: use it to test and benchmark serving code.
For real FLAN-T5 weights, put an Optimum export (for example Xenova/flan-t5-small) in the model store instead.

| field | value |
| --- | --- |
| parameters | ${parameters.toLocaleString('en-US')} |
| d_model / d_kv / d_ff | ${shape.d_model} / ${shape.d_kv} / ${shape.d_ff} |
| layers (encoder + decoder) | ${shape.num_layers} + ${shape.num_decoder_layers} |
| heads | ${shape.num_heads} |
| vocabulary | ${shape.vocab_size} (a Unigram tokenizer derived from Hugging Face model and dataset cards, not T5's sentencepiece model) |

Files: \`onnx/encoder_model.onnx\` and \`onnx/decoder_model_merged.onnx\` (fp32), and where present their
dynamically quantized twins \`*_quantized.onnx\` (int8 weights, per-channel scales), loadable with
transformers.js (\`pipeline('text2text-generation', folder, { dtype: 'fp32' | 'q8' })\`).
`;
}
