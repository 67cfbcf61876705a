import { readFileSync } from 'node:fs';
import { bundledSpecPath, repoRoot, specDocuments } from '../spec/paths.js';
import type { CheckResult } from './check.js';
import { checkExamples } from './examples.js';
import type { Json } from './json.js';

/** Every example of both bundled documents of `root` validates, and every body has one. */
export function checkExamplesOf(root: string = repoRoot): CheckResult {
  const result: CheckResult = { name: 'examples', problems: [], notes: [] };
  for (const doc of specDocuments) {
    const spec = JSON.parse(readFileSync(bundledSpecPath(doc, root), 'utf8')) as Json;
    const { problems, checked } = checkExamples(spec);
    result.problems.push(...problems.map((p) => `${doc}: ${p}`));
    result.notes.push(`${doc}: ${checked} examples validated, ${problems.length} problem(s)`);
  }
  return result;
}
