// What the merged decoder is asked for after its first step, in one place: the inference server's cohorts and
// the benchmark's raw loop fetch the same outputs, so the baseline does the same work as the server.
/**
 * All of the decoder's outputs but the encoder's keys and values (`present.N.encoder.*`): those pass through
 * unchanged after the first step, and fetching them again would copy them out of ONNX Runtime at every step
 * (12 MB a step at batch 8 for flan-t5-small). With `stepColumns` (a patched decoder that passed its check, see
 * onnx/decoder-step-columns.ts), no `present.*` at all: the new columns are appended to the caches held.
 */
export function decoderStepOutputs(outputNames: readonly string[], stepColumns = false): string[] {
  return outputNames.filter((name) => !(name.startsWith('present.') && (stepColumns || name.includes('.encoder.'))));
}
