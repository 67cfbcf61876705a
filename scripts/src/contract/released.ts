import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledSpecPath, repoRoot, specDocuments, type SpecDocument } from '../spec/paths.js';
import { compareWithReleased } from './breaking.js';
import type { CheckResult } from './check.js';
import { isObject, type Json } from './json.js';

/** `openapi/released/<doc>-<version>.openapi.json`: the released copies the breaking-change check compares against. */
export const releasedDir = (root: string = repoRoot) => path.join(root, 'openapi', 'released');

const versionParts = (v: string) => v.split(/[.+-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** The highest released version of `doc`, or undefined when none is kept. */
export function lastReleased(doc: SpecDocument, root: string = repoRoot): { version: string; file: string } | undefined {
  const dir = releasedDir(root);
  if (!existsSync(dir)) return undefined;
  const pattern = new RegExp(`^${doc}-(\\d+\\.\\d+\\.\\d+[^/]*)\\.openapi\\.json$`);
  const found = readdirSync(dir)
    .map((f) => ({ file: path.join(dir, f), version: pattern.exec(f)?.[1] }))
    .filter((r): r is { file: string; version: string } => r.version !== undefined)
    .sort((a, b) => compareVersions(b.version, a.version));
  return found[0];
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;
const versionOf = (doc: Json) => String(isObject(doc.info) ? doc.info.version : '');

/**
 * Compare each bundled document of `root` with its last released copy. Breaking changes fail unless
 * the major version went up; a version lower than the released one fails too.
 */
export function checkBreaking(root: string = repoRoot): CheckResult {
  const result: CheckResult = { name: 'breaking', problems: [], notes: [] };
  for (const doc of specDocuments) {
    const released = lastReleased(doc, root);
    if (!released) {
      result.problems.push(`${doc}: no released copy in openapi/released/; freeze one with \`npm run check:contract -- --freeze\``);
      continue;
    }
    const current = readJson(bundledSpecPath(doc, root));
    const base = readJson(released.file);
    const now = versionOf(current);
    if (compareVersions(now, released.version) < 0) {
      result.problems.push(`${doc}: info.version ${now} is lower than the released ${released.version}`);
    }
    const { changes, allowed } = compareWithReleased(base, current);
    const lines = changes.map((c) => `${doc} ${released.version} -> ${now}: ${c}`);
    if (allowed) result.notes.push(...lines.map((l) => `${l} (allowed: major version bump)`));
    else result.problems.push(...lines);
    result.notes.push(`${doc} ${now} compared with released ${released.version}: ${changes.length} breaking change(s)`);
  }
  return result;
}

/** Copy each current bundle to `openapi/released/<doc>-<info.version>.openapi.json`; returns the files written. */
export function freezeReleased(root: string = repoRoot): string[] {
  mkdirSync(releasedDir(root), { recursive: true });
  return specDocuments.map((doc) => {
    const source = bundledSpecPath(doc, root);
    const target = path.join(releasedDir(root), `${doc}-${versionOf(readJson(source))}.openapi.json`);
    copyFileSync(source, target);
    return target;
  });
}
