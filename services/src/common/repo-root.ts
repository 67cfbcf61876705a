import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `package.json` of `dir`, or null where there is none (or it is not JSON). */
function manifestOf(dir: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/**
 * The nearest folder at or above `from` whose `package.json` satisfies `test`, or null. The one walk up the
 * tree: it resolves the same from `src/` under tsx and from a compiled `dist/src/`.
 */
function findPackageDir(test: (manifest: Record<string, unknown>) => boolean, from: string): string | null {
  let dir = from;
  for (;;) {
    const manifest = manifestOf(dir);
    if (manifest && test(manifest)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The folder of the `@mlhub/services` package (its version, its shipped `catalog/`). */
export function servicesPackageDir(from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  return findPackageDir((m) => m['name'] === '@mlhub/services', from);
}

/** The checkout's root: the folder whose `package.json` declares the workspaces. */
export function checkoutRoot(from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  return findPackageDir((m) => 'workspaces' in m, from);
}
