/** Readers for the loosely typed values of API bodies, card metadata and `prefix:value` tags. */

export type Json = Record<string, unknown>;

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);

/** A string or a list of strings (card metadata allows both) as a list; anything else as `[]`. */
export const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];

export const firstString = (v: unknown): string | null => strings(v)[0] ?? null;

/** An ISO date string the way the body wrote it; `null` for anything that does not parse as a date. */
export const date = (v: unknown): string | null => {
  const s = str(v);
  return s !== null && !Number.isNaN(Date.parse(s)) ? s : null;
};

/** Values of `prefix:value` tags; `base_model:quantized:x` style tags (a second colon) are left out. */
export const tagValues = (tags: readonly string[], prefix: string): string[] =>
  tags.filter((t) => t.startsWith(`${prefix}:`) && !t.slice(prefix.length + 1).includes(':')).map((t) => t.slice(prefix.length + 1));

/**
 * The rule for every field that both a `prefix:value` tag and the card's YAML can give (task and size
 * categories, base model, dataset languages, licence): the tag first, the card only where no such tag is.
 * The tags are the Hub's own current reading: it derives them from the card, resolves renamed ids
 * (`base_model:meta-llama/Llama-3.1-8B` where the card still says `Meta-Llama-3.1-8B`), drops tasks it no
 * longer lists (no `task_categories:text2text-generation` tag since 2025) and computes `size_categories:` from
 * the data itself, overriding the card's claim. Its search filters match the tags, so a record built this way
 * sits under the same filter values in our catalog as on huggingface.co, whether it came from the live Hub
 * or from the snapshot. In the recorded bodies 4 of 12 datasets disagree on size (gsm8k's card says
 * 1K<n<10K, its tag 10K<n<100K) and the tag is what huggingface.co filters on.
 */
export const tagOrCard = (tags: readonly string[], prefix: string, cardValue: unknown): string[] => {
  const fromTags = tagValues(tags, prefix);
  return fromTags.length > 0 ? fromTags : strings(cardValue);
};

export const namespaceOf = (id: string): string | null => (id.includes('/') ? id.slice(0, id.indexOf('/')) : null);
