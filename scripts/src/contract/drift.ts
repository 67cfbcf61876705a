import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generatedArtifacts } from '../spec/generate.js';
import { repoRoot } from '../spec/paths.js';
import type { CheckResult } from './check.js';

/**
 * Regenerate every artifact of the contract (bundled specs, SDK types) from the fragments of `root` and
 * fail on any file whose committed content differs: a hand edit, or a spec change without `npm run generate`.
 * The report names the first differing line of each file, so it says where to look.
 */
export async function checkDrift(root: string = repoRoot): Promise<CheckResult> {
  const result: CheckResult = { name: 'drift', problems: [], notes: [] };
  let artifacts: Map<string, string>;
  try {
    artifacts = await generatedArtifacts(root);
  } catch (error) {
    result.problems.push(`generation failed: ${(error as Error).message}`);
    return result;
  }
  for (const [file, expected] of artifacts) {
    const rel = path.relative(root, file);
    let current: string;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      result.problems.push(`${rel}: missing; run \`npm run generate\``);
      continue;
    }
    if (current === expected) continue;
    const a = current.split('\n');
    const b = expected.split('\n');
    let line = 0;
    while (line < a.length && line < b.length && a[line] === b[line]) line++;
    result.problems.push(
      `${rel}:${line + 1}: differs from what \`npm run generate\` produces ` +
        `(has ${JSON.stringify((a[line] ?? '<end of file>').trim().slice(0, 80))}, ` +
        `generation gives ${JSON.stringify((b[line] ?? '<end of file>').trim().slice(0, 80))})`,
    );
  }
  result.notes.push(`${artifacts.size} generated files compared`);
  return result;
}
