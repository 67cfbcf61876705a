/** The id of the embedded default model: a random-weight flan-t5-small written by the generator. */
export declare const DEFAULT_MODEL_ID = 'local/flan-t5-small-random';
export interface EnsuredModel {
  /** True when it was written now. */
  written: boolean;
  modelId: string | null;
  /** What to print on the console. */
  message: string;
}
/**
 * The embedded default: when the store holds no model an inference server can load, writes the
 * flan-t5-small-shaped random model as `local/flan-t5-small-random` (its card says the weights are random),
 * in a temporary folder first and then renamed into place, so a crash never leaves half a model.
 */
export declare function ensureDefaultModel(
  storeDir: string,
  options?: {
    shape?: 'tiny' | 'flan-t5-small';
    dtype?: 'fp32' | 'q8' | 'both';
  },
): Promise<EnsuredModel>;
