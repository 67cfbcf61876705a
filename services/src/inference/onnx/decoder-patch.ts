// The merged decoder the server loads: the exported one with a self-attention mask (decoder-mask.ts), so rows at
// different positions share runs, and each step's new cache columns as outputs (decoder-step-columns.ts), so a
// step does not copy the whole cache out of ONNX Runtime, and each row's greedy choice (decoder-greedy.ts).
// Written once per decoder file (masked-model.ts).
import { AlreadyMaskedError, addDecoderMask, DECODER_MASK_INPUT, PAST_VALUE } from './decoder-mask.js';
import { addGreedyChoice } from './decoder-greedy.js';
import { addStepColumns } from './decoder-step-columns.js';
import { editModel, valueNames } from './graph-view.js';
import { GRAPH } from './onnx-proto.js';

export interface DecoderPatchResult {
  /** Self-attention layers the mask now reaches. */
  layers: number;
  /** Step-column outputs added (2 a layer; 0 when the caches' Concats were not found). */
  stepColumns: number;
  /** Greedy-choice outputs added (decoder-greedy.ts: 2, or 0 without a `logits` output). */
  greedy: number;
}

/**
 * Writes `target`: the merged decoder at `source` with `decoder_attention_mask` and the step columns. Throws
 * before writing anything when the graph is not one this patch understands (no cached self-attention found, a
 * name taken), and `AlreadyMaskedError` for a decoder that takes the mask already. `masks`: the layers to mask,
 * all by default (a test masks fewer, to see the load-time check refuse the result).
 */
export async function writePatchedDecoder(
  source: string,
  target: string,
  masks: (layer: number) => boolean = () => true,
): Promise<DecoderPatchResult> {
  let result: DecoderPatchResult = { layers: 0, stepColumns: 0, greedy: 0 };
  await editModel(source, target, (graph) => {
    const inputs = valueNames(graph, GRAPH.input);
    if (inputs.includes(DECODER_MASK_INPUT)) throw new AlreadyMaskedError();
    if (!inputs.some((name) => PAST_VALUE.test(name))) throw new Error('the decoder takes no cached past');
    const mask = addDecoderMask(graph, masks);
    result = { layers: mask.layers, stepColumns: addStepColumns(graph), greedy: addGreedyChoice(graph) };
    return mask.fields;
  });
  return result;
}
