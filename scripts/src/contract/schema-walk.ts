import { deref, isObject, type Json } from './json.js';

/**
 * Read-only views of a schema as a client sees it, following `$ref` and the composition keywords:
 * which property paths it can hold, which it requires, where it restricts values to an enum.
 * Paths read `result.items[].id` (`[]` an array item, `*` an additionalProperties value).
 */

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);
const maxDepth = 24;

interface Walk {
  doc: Json;
  /** Refs on the current descent: a recursive schema stops at its second visit. */
  stack: Set<string>;
}

/** Calls `visit` for the schema and for each `$ref` target and `allOf`/`anyOf`/`oneOf` branch it stands for. */
function forEachFacet(
  w: Walk,
  schema: unknown,
  visit: (s: Json, composition: 'all' | 'any') => void,
  composition: 'all' | 'any' = 'all',
): void {
  if (!isObject(schema)) return;
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    if (w.stack.has(ref)) return;
    w.stack.add(ref);
    try {
      forEachFacet(w, deref(w.doc, { $ref: ref }), visit, composition);
    } finally {
      w.stack.delete(ref);
    }
  }
  visit(schema, composition);
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf) forEachFacet(w, s, visit, composition);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) for (const s of list) forEachFacet(w, s, visit, 'any');
  }
}

/** Every property path a value of `schema` can hold. */
export function propertyPaths(doc: Json, schema: unknown): Set<string> {
  const out = new Set<string>();
  const w: Walk = { doc, stack: new Set() };
  const walk = (s: unknown, prefix: string, depth: number) => {
    if (depth > maxDepth) return;
    forEachFacet(w, s, (facet) => {
      if (isObject(facet.properties)) {
        for (const [name, sub] of Object.entries(facet.properties)) {
          const p = join(prefix, name);
          out.add(p);
          walk(sub, p, depth + 1);
        }
      }
      if (isObject(facet.items)) walk(facet.items, `${prefix}[]`, depth + 1);
      if (isObject(facet.additionalProperties)) walk(facet.additionalProperties, join(prefix, '*'), depth + 1);
    });
  };
  walk(schema, '', 0);
  return out;
}

/** Every property path a value of `schema` must hold (required all the way from an existing parent). */
export function requiredPaths(doc: Json, schema: unknown): Set<string> {
  const out = new Set<string>();
  const w: Walk = { doc, stack: new Set() };
  const walk = (s: unknown, prefix: string, depth: number) => {
    if (depth > maxDepth) return;
    forEachFacet(w, s, (facet, composition) => {
      // A property required by one branch of a oneOf/anyOf is not required of every value.
      if (composition === 'all' && Array.isArray(facet.required)) {
        for (const name of facet.required) if (typeof name === 'string') out.add(join(prefix, name));
      }
      if (isObject(facet.properties)) {
        for (const [name, sub] of Object.entries(facet.properties)) walk(sub, join(prefix, name), depth + 1);
      }
      if (isObject(facet.items)) walk(facet.items, `${prefix}[]`, depth + 1);
    });
  };
  walk(schema, '', 0);
  return out;
}

/** Path -> the enum values allowed there (intersected facets are not narrowed further; the union is kept). */
export function enumPaths(doc: Json, schema: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const w: Walk = { doc, stack: new Set() };
  const walk = (s: unknown, prefix: string, depth: number) => {
    if (depth > maxDepth) return;
    forEachFacet(w, s, (facet) => {
      const values = Array.isArray(facet.enum) ? facet.enum : 'const' in facet ? [facet.const] : undefined;
      if (values) {
        const set = out.get(prefix) ?? new Set<string>();
        for (const v of values) set.add(JSON.stringify(v));
        out.set(prefix, set);
      }
      if (isObject(facet.properties)) {
        for (const [name, sub] of Object.entries(facet.properties)) walk(sub, join(prefix, name), depth + 1);
      }
      if (isObject(facet.items)) walk(facet.items, `${prefix}[]`, depth + 1);
      if (isObject(facet.additionalProperties)) walk(facet.additionalProperties, join(prefix, '*'), depth + 1);
    });
  };
  walk(schema, '', 0);
  return out;
}
