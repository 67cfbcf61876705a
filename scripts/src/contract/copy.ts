import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../spec/paths.js';

/** The parts of a repository the contract checks read: the spec (fragments, bundles, released copies, lint rules), the generated SDK types and the SDK README (its operations table is generated). */
const contractPaths = ['openapi', path.join('sdk', 'src', 'generated'), path.join('sdk', 'README.md')];

/**
 * A throw-away copy of the contract of `root` in a fresh temporary folder, laid out like the repository,
 * so a check can be shown to fail on a tampered copy without touching the checkout.
 */
export function copyContract(root: string = repoRoot): { root: string; remove: () => void } {
  const dest = mkdtempSync(path.join(os.tmpdir(), 'mlhub-contract-'));
  for (const p of contractPaths) cpSync(path.join(root, p), path.join(dest, p), { recursive: true });
  return { root: dest, remove: () => rmSync(dest, { recursive: true, force: true }) };
}
