// What the merged decoder is asked for after its first step, in one place: the inference server's cohorts and
// the benchmark's raw loop fetch the same outputs, so the baseline does the same work as the server.
/**
 * All of the decoder's outputs but the encoder's keys and values (`present.N.encoder.*`): those pass through
 * unchanged after the first step, and fetching them again would copy them out of ONNX Runtime at every step
 * (12 MB a step at batch 8 for flan-t5-small).
 */
export function decoderStepOutputs(outputNames: readonly string[]): string[] {
  return outputNames.filter((name) => !(name.startsWith('present.') && name.includes('.encoder.')));
}
