type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const SCHEMAS = '#/components/schemas/';

/**
 * A copy of an OpenAPI 3.1 document whose object schemas refuse properties they do not declare
 * (`unevaluatedProperties: false`), for checking answers: a field the spec does not document fails the
 * check instead of passing unseen. Schemas that say what extra properties may be (`additionalProperties`,
 * `unevaluatedProperties`) keep their word. A schema extended through `allOf` is refused on the whole:
 * the composite is strict, its parts are not, and a component used both as a part and alone is strict
 * alone through a twin (`X` → `X__strict`).
 */
export function refuseUnevaluatedProperties(document: Json): Json {
  const copy = structuredClone(document);
  const components = ((copy['components'] as Json | undefined)?.['schemas'] ?? {}) as Json;
  // Components that are a part of some allOf: never strict themselves.
  const parts = new Set<string>();
  const findParts = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(findParts);
    if (!isObject(node)) return;
    if (Array.isArray(node['allOf'])) {
      for (const part of node['allOf'])
        if (isObject(part) && typeof part['$ref'] === 'string' && part['$ref'].startsWith(SCHEMAS))
          parts.add(part['$ref'].slice(SCHEMAS.length));
    }
    Object.values(node).forEach(findParts);
  };
  findParts(copy);

  const strict = (node: unknown, isPart: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => strict(n, false));
    if (!isObject(node)) return;
    const ref = node['$ref'];
    if (!isPart && typeof ref === 'string' && ref.startsWith(SCHEMAS) && parts.has(ref.slice(SCHEMAS.length)))
      node['$ref'] = `${ref}__strict`;
    const objectLike = isObject(node['properties']) || Array.isArray(node['allOf']);
    if (!isPart && objectLike && !('additionalProperties' in node) && !('unevaluatedProperties' in node))
      node['unevaluatedProperties'] = false;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'allOf' && Array.isArray(value)) value.forEach((part) => strict(part, true));
      else if (key !== 'example' && key !== 'examples') strict(value, false);
    }
  };
  for (const [name, schema] of Object.entries(components)) strict(schema, parts.has(name));
  strict(copy['paths'], false);
  for (const name of parts) components[`${name}__strict`] = { $ref: `${SCHEMAS}${name}`, unevaluatedProperties: false };
  return copy;
}
