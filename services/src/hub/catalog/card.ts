import { parse as parseYaml } from 'yaml';
import type { Card, CardSections, RepoKind } from './types.js';

/** Sections of Hugging Face's model card template (`modelcard_template.md`). */
const MODEL_CARD_SECTIONS = [
  'Model Details',
  'Uses',
  'Bias, Risks, and Limitations',
  'Training Details',
  'Evaluation',
  'Environmental Impact',
  'Citation',
  'How to Get Started with the Model',
] as const;

/** Sections of Hugging Face's dataset card template (`datasetcard_template.md`). */
const DATASET_CARD_SECTIONS = [
  'Dataset Description',
  'Uses',
  'Dataset Structure',
  'Dataset Creation',
  'Bias, Risks, and Limitations',
  'Citation',
] as const;

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Heading text reduced to words: `Bias, Risks and Limitations` and `Bias, Risks, and Limitations` agree. */
function normalize(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface SplitCard {
  metadata: Record<string, unknown>;
  text: string;
}

/** Splits a README into its YAML front matter and Markdown; front matter that is not a YAML mapping is text. */
export function splitCard(readme: string): SplitCard {
  const match = FRONT_MATTER.exec(readme);
  if (!match) return { metadata: {}, text: readme };
  let metadata: unknown;
  try {
    metadata = parseYaml(match[1] ?? '');
  } catch {
    return { metadata: {}, text: readme };
  }
  const text = readme.slice(match[0].length);
  if (metadata === null || metadata === undefined) return { metadata: {}, text };
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return { metadata: {}, text: readme };
  return { metadata: metadata as Record<string, unknown>, text };
}

export function cardSections(text: string, kind: RepoKind): CardSections {
  const wanted = kind === 'model' ? MODEL_CARD_SECTIONS : DATASET_CARD_SECTIONS;
  const headings: string[] = [];
  let fenced = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const atx = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx?.[1]) headings.push(normalize(atx[1]));
  }
  const present: string[] = [];
  const missing: string[] = [];
  for (const section of wanted) {
    const name = normalize(section);
    (headings.some((h) => h === name || h.startsWith(`${name} `)) ? present : missing).push(section);
  }
  return { present, missing };
}

export function buildCard(
  id: string,
  sha: string | null,
  kind: RepoKind,
  readme: string | null,
  fallbackMetadata: Record<string, unknown> | null,
): Card {
  if (readme === null) {
    return { id, sha, metadata: fallbackMetadata ?? {}, text: '', sections: cardSections('', kind) };
  }
  const { metadata, text } = splitCard(readme);
  return { id, sha, metadata, text, sections: cardSections(text, kind) };
}
