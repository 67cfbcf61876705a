import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot, type SpecDocument } from './paths.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Merge `from` into `into`. Objects merge key by key; any other value defined twice is an error naming
 * where, so two fragments can never silently overwrite each other's path, schema or example.
 */
function mergeStrict(into: Json, from: Json, where: string): void {
  for (const [key, value] of Object.entries(from)) {
    const at = `${where}/${key}`;
    const existing = into[key];
    if (existing === undefined) into[key] = value;
    else if (isObject(existing) && isObject(value)) mergeStrict(existing, value, at);
    else throw new Error(`Spec fragments both define ${at}`);
  }
}

/** Sort object keys of `paths` and `components/*` so the bundle does not depend on file order. */
function sortKeys(obj: Json): Json {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Bundle one document: `_root.yaml` (info, servers, security, tags) plus every other `*.yaml` fragment of
 * its folder, each holding `paths` and/or `components`. Fragments reference components with local
 * `#/components/...` refs, which stay valid in the single bundled document.
 */
export function bundleSpec(doc: SpecDocument, root: string = repoRoot): Json {
  const dir = path.join(root, 'openapi', doc);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  if (!files.includes('_root.yaml')) throw new Error(`${dir} has no _root.yaml`);
  const bundle = parse(readFileSync(path.join(dir, '_root.yaml'), 'utf8')) as Json;
  bundle.paths ??= {};
  for (const file of files.filter((f) => f !== '_root.yaml')) {
    const fragment = parse(readFileSync(path.join(dir, file), 'utf8')) as Json;
    const unknown = Object.keys(fragment).filter((k) => k !== 'paths' && k !== 'components');
    if (unknown.length) throw new Error(`${doc}/${file}: a fragment holds only paths and components, not ${unknown.join(', ')}`);
    mergeStrict(bundle, fragment, `${doc}/${file}#`);
  }
  bundle.paths = sortKeys(bundle.paths as Json);
  if (isObject(bundle.components)) {
    for (const [section, entries] of Object.entries(bundle.components)) {
      if (isObject(entries)) bundle.components[section] = sortKeys(entries);
    }
  }
  return bundle;
}

export const serializeSpec = (spec: Json) => `${JSON.stringify(spec, null, 2)}\n`;
