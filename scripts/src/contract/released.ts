import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundledSpecPath, repoRoot, specDocuments, type SpecDocument } from '../spec/paths.js';
import { breakingChanges, compareWithReleased } from './breaking.js';
import type { CheckResult } from './check.js';
import { isObject, type Json } from './json.js';

/** `openapi/released/<doc>-<version>.openapi.json`: the released copies the breaking-change check compares against. */
export const releasedDir = (root: string = repoRoot) => path.join(root, 'openapi', 'released');

const versionParts = (v: string) =>
  v
    .split(/[.+-]/)
    .slice(0, 3)
    .map((n) => Number.parseInt(n, 10) || 0);
function compareVersions(a: string, b: string): number {
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

/** What `--freeze` would do with one document. */
interface FreezePlan {
  doc: SpecDocument;
  version: string;
  /** `openapi/released/<doc>-<version>.openapi.json` */
  target: string;
  /** `write` a new released copy; `kept`: the same content is released at this version already; `refused`: see `problem`. */
  action: 'write' | 'kept' | 'refused';
  problem?: string;
}

const sameJson = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What freezing each current bundle would do, against the newest released copy of its document. A released
 * copy is immutable: the same version with other content is refused (bump `info.version`). A new version
 * must be higher than the newest release: a new major when the change is breaking, at least a new minor
 * when it is compatible (a patch bump cannot carry a contract change).
 */
function planFreeze(root: string = repoRoot): FreezePlan[] {
  return specDocuments.map((doc): FreezePlan => {
    const current = readJson(bundledSpecPath(doc, root));
    const version = versionOf(current);
    const target = path.join(releasedDir(root), `${doc}-${version}.openapi.json`);
    const refuse = (problem: string): FreezePlan => ({ doc, version, target, action: 'refused', problem });
    if (!/^\d+\.\d+\.\d+$/.test(version)) return refuse(`${doc}: info.version '${version}' is not MAJOR.MINOR.PATCH`);
    if (existsSync(target)) {
      if (sameJson(readJson(target), current)) return { doc, version, target, action: 'kept' };
      return refuse(
        `${doc}: ${version} is released already (${path.relative(root, target)}) with other content; a released copy never changes: bump info.version in openapi/${doc}/_root.yaml`,
      );
    }
    const newest = lastReleased(doc, root);
    if (!newest) return { doc, version, target, action: 'write' };
    if (compareVersions(version, newest.version) < 0) return refuse(`${doc}: ${version} is lower than the released ${newest.version}`);
    const base = readJson(newest.file);
    const [major, minor] = versionParts(version);
    const [releasedMajor, releasedMinor] = versionParts(newest.version);
    const changes = breakingChanges(base, current);
    if (changes.length > 0 && !((major ?? 0) > (releasedMajor ?? 0))) {
      return refuse(
        `${doc}: ${changes.length} breaking change(s) since ${newest.version} need a new major version (${(releasedMajor ?? 0) + 1}.0.0), not ${version}: ${changes.join('; ')}`,
      );
    }
    const newMinor = (major ?? 0) > (releasedMajor ?? 0) || (minor ?? 0) > (releasedMinor ?? 0);
    if (!sameJson(stripVersion(base), stripVersion(current)) && !newMinor) {
      return refuse(
        `${doc}: a compatible change since ${newest.version} needs a new minor version (${releasedMajor}.${(releasedMinor ?? 0) + 1}.0), not ${version}`,
      );
    }
    return { doc, version, target, action: 'write' };
  });
}

const stripVersion = (doc: Json): Json => ({ ...doc, info: { ...(isObject(doc.info) ? doc.info : {}), version: '' } });

/** Freezing was refused for at least one document; nothing was written. */
export class FreezeRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`not freezing:\n${problems.join('\n')}`);
  }
}

/**
 * Writes each current bundle as `openapi/released/<doc>-<info.version>.openapi.json` when `planFreeze` allows
 * every document (all or nothing; never over an existing file); returns the files written. Throws
 * {@link FreezeRefused} otherwise.
 */
export function freezeReleased(root: string = repoRoot): string[] {
  const plans = planFreeze(root);
  const problems = plans.flatMap((plan) => (plan.problem === undefined ? [] : [plan.problem]));
  if (problems.length > 0) throw new FreezeRefused(problems);
  mkdirSync(releasedDir(root), { recursive: true });
  return plans
    .filter((plan) => plan.action === 'write')
    .map((plan) => {
      // `wx`: even a copy that appeared meanwhile is never overwritten.
      writeFileSync(plan.target, readFileSync(bundledSpecPath(plan.doc, root)), { flag: 'wx' });
      return plan.target;
    });
}
