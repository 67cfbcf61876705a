import type { Gated } from '../records.js';

/**
 * Whether access needs approval, from any body or export that says it; `null` when the value says nothing.
 * The live API answers false, "auto" (access on accepting the conditions) or "manual" (the owners approve
 * each request) itself. Only derived exports reduce that to a boolean (the HF//RADAR top-500 file), and there
 * `true` reads as "manual": it never promises more than the Hub gives, since a user shown "auto" expects
 * immediate access. The data agrees: every recorded body of a model the export calls gated (google/gemma-3-1b-it,
 * meta-llama/Llama-3.1-8B-Instruct) says "manual".
 */
export function gatedOf(v: unknown): Gated | null {
  if (v === 'auto' || v === 'manual') return v;
  if (v === true) return 'manual';
  return v === false ? false : null;
}
