/** A parsed JSON value seen as an object; OpenAPI documents are walked through this view. */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const decode = (t: string) => {
  try {
    return decodeURIComponent(t);
  } catch {
    return t; // a literal `%` in a key, not percent-encoding
  }
};
const unescapeToken = (t: string) => decode(t).replace(/~1/g, '/').replace(/~0/g, '~');
export const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');

/** The value at a local `#/a/b` reference of `doc`, or undefined when it points nowhere. */
function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = doc;
  for (const token of ref.slice(1).split('/').slice(1).map(unescapeToken)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/**
 * Follow `$ref` chains of an OpenAPI object (parameter, response, request body, example): the object
 * itself when it is not a reference. Throws on a dangling or circular reference, which lint reports too.
 */
export function deref(doc: Json, value: unknown): unknown {
  const seen = new Set<string>();
  let node = value;
  while (isObject(node) && typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (seen.has(ref)) throw new Error(`circular reference ${ref}`);
    seen.add(ref);
    node = resolvePointer(doc, ref);
    if (node === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  return node;
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation {
  method: (typeof httpMethods)[number];
  path: string;
  /** The path item, for its shared `parameters`. */
  pathItem: Json;
  operation: Json;
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: Json): Operation[] {
  const out: Operation[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [p, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of httpMethods) {
      const operation = item[method];
      if (isObject(operation)) out.push({ method, path: p, pathItem: item, operation });
    }
  }
  return out;
}

export const operationLabel = (op: Pick<Operation, 'method' | 'path'>) => `${op.method.toUpperCase()} ${op.path}`;
