import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

type Json = Record<string, unknown>;

/** One query parameter of an operation, its schema with every `$ref` resolved. */
export interface SpecQueryParameter {
  schema: Json;
  required: boolean;
  /** `false` with an array schema: `style: form, explode: false`, a comma-separated list (`tags=a,b`). */
  explode: boolean;
}

/** One operation of a bundled OpenAPI 3.1 document, its refs resolved where services read them. */
export interface SpecOperation {
  operationId: string;
  /** Upper case (`GET`). */
  method: string;
  /** The spec's path template (`/v3/mlhub/models/{modelId}`). */
  path: string;
  /** `security: []`: answered without a token. */
  public: boolean;
  /** `x-probe: true`: a health or readiness probe, never rate limited (see spec-routes.ts). */
  probe: boolean;
  deprecated: boolean;
  tags: string[];
  /** Query parameters by name. */
  query: Record<string, SpecQueryParameter>;
  /** Path parameters by name, each its resolved schema. */
  pathParams: Record<string, Json>;
  /** The `application/json` request body schema, if the operation takes one. */
  body: { schema: Json; required: boolean } | undefined;
  /** The `application/json` schema of each documented status (`200`, `201`, ...), resolved. */
  responses: Record<string, Json>;
  /** The operation object as the document holds it (refs unresolved). */
  raw: Json;
}

/** A bundled OpenAPI document and its operations by operationId. */
export interface SpecDocument {
  document: Json;
  /** `info.version`. */
  version: string;
  operations: Map<string, SpecOperation>;
  /** The operation, or a boot-time error naming it. */
  operation(operationId: string): SpecOperation;
}

/** The bundled document `npm run generate` writes: `openapi/dist/<name>.openapi.json`. */
export function bundledSpecPath(name: 'hub' | 'inference-server'): string {
  return path.join(repoRoot(), 'openapi', 'dist', `${name}.openapi.json`);
}

/** Reads a bundled document once (at boot). */
export function loadSpecDocument(file: string): SpecDocument {
  return specDocumentOf(JSON.parse(readFileSync(file, 'utf8')) as Json);
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export function specDocumentOf(document: Json): SpecDocument {
  const resolve = (node: unknown): unknown => resolveRefs(document, node, new Set());
  const operations = new Map<string, SpecOperation>();
  const rootSecurity = document['security'];
  for (const [pathTemplate, item] of Object.entries((document['paths'] ?? {}) as Json)) {
    if (!isObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method) || !isObject(op) || typeof op['operationId'] !== 'string') continue;
      const security = op['security'] ?? rootSecurity;
      const query: SpecOperation['query'] = {};
      const pathParams: SpecOperation['pathParams'] = {};
      const params = [...((item['parameters'] as unknown[]) ?? []), ...((op['parameters'] as unknown[]) ?? [])];
      for (const p of params) {
        const param = resolve(p) as Json;
        const schema = (param['schema'] ?? {}) as Json;
        if (param['in'] === 'query') {
          query[param['name'] as string] = { schema, required: param['required'] === true, explode: param['explode'] !== false };
        } else if (param['in'] === 'path') {
          pathParams[param['name'] as string] = schema;
        }
      }
      const requestBody = op['requestBody'] === undefined ? undefined : (resolve(op['requestBody']) as Json);
      const bodySchema = jsonSchemaOf(requestBody);
      const responses: Record<string, Json> = {};
      for (const [status, response] of Object.entries((op['responses'] ?? {}) as Json)) {
        const schema = jsonSchemaOf(resolve(response));
        if (schema) responses[status] = schema;
      }
      operations.set(op['operationId'], {
        operationId: op['operationId'],
        method: method.toUpperCase(),
        path: pathTemplate,
        public: Array.isArray(security) && security.length === 0,
        probe: op['x-probe'] === true,
        deprecated: op['deprecated'] === true,
        tags: (op['tags'] as string[] | undefined) ?? [],
        query,
        pathParams,
        body: bodySchema ? { schema: bodySchema, required: requestBody?.['required'] === true } : undefined,
        responses,
        raw: op,
      });
    }
  }
  const info = (document['info'] ?? {}) as Json;
  return {
    document,
    version: typeof info['version'] === 'string' ? info['version'] : '0.0.0',
    operations,
    operation(operationId: string): SpecOperation {
      const found = operations.get(operationId);
      if (!found) throw new Error(`operation ${operationId} is not in the spec; run npm run generate`);
      return found;
    },
  };
}

/** The `application/json` schema of a resolved request body or response object. */
function jsonSchemaOf(node: unknown): Json | undefined {
  if (!isObject(node) || !isObject(node['content'])) return undefined;
  const json = Object.entries(node['content']).find(([type]) => type === 'application/json' || /^application\/[\w.+-]*json/.test(type));
  const schema = json && isObject(json[1]) ? json[1]['schema'] : undefined;
  return isObject(schema) ? schema : undefined;
}

/** A copy of `node` with every local `$ref` replaced by its target (cycles are left as refs). */
export function resolveRefs(document: Json, node: unknown, seen: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(document, n, seen));
  if (!isObject(node)) return node;
  const ref = node['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (seen.has(ref)) return node;
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (isObject(at) ? at[key.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined), document);
    if (target === undefined) throw new Error(`unresolvable $ref ${ref} in the spec`);
    const next = new Set(seen).add(ref);
    const { $ref: _ref, ...siblings } = node;
    const resolved = resolveRefs(document, target, next);
    return Object.keys(siblings).length > 0 && isObject(resolved)
      ? { ...resolved, ...(resolveRefs(document, siblings, next) as Json) }
      : resolved;
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveRefs(document, v, seen)]));
}
