import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutRoot } from './repo-root.js';

/**
 * The checkout's root (the folder whose package.json declares the workspaces), so defaults such as the
 * data folder do not depend on the directory a script was started from, nor on src/ vs dist/.
 */
export function repoRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  return checkoutRoot(from) ?? process.cwd();
}
