import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../common/paths.js';

type Json = Record<string, unknown>;

/** One operation of the bundled hub document, its refs resolved where the hub reads them. */
export interface SpecOperation {
  operationId: string;
  method: string;
  /** The spec's path template (`/v3/mlhub/models/{modelId}`). */
  path: string;
  /** `security: []`: answered without a token. */
  public: boolean;
  deprecated: boolean;
  tags: string[];
  /** Query parameters by name, each its resolved schema. */
  query: Record<string, { schema: Json; required: boolean; explode: boolean }>;
  /** Path parameters by name, each its resolved schema. */
  pathParams: Record<string, Json>;
  raw: Json;
}

export interface HubSpec {
  document: Json;
  version: string;
  operations: Map<string, SpecOperation>;
  operation(operationId: string): SpecOperation;
}

/** The bundled hub document (`openapi/dist/hub.openapi.json`), which `npm run generate` writes. */
export function defaultSpecPath(): string {
  return path.join(repoRoot(), 'openapi', 'dist', 'hub.openapi.json');
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads the bundled spec once. The hub derives from it what it must not retype: which operations are
 * public, and the schemas of their query parameters.
 */
export function loadHubSpec(file: string = defaultSpecPath()): HubSpec {
  const document = JSON.parse(readFileSync(file, 'utf8')) as Json;
  return hubSpecOf(document);
}

export function hubSpecOf(document: Json): HubSpec {
  const resolve = (node: unknown): unknown => resolveRefs(document, node, new Set());
  const operations = new Map<string, SpecOperation>();
  const rootSecurity = document['security'];
  for (const [pathTemplate, item] of Object.entries((document['paths'] ?? {}) as Json)) {
    if (!isObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!isObject(op) || typeof op['operationId'] !== 'string') continue;
      const security = op['security'] ?? rootSecurity;
      const query: SpecOperation['query'] = {};
      const pathParams: SpecOperation['pathParams'] = {};
      const params = [...((item['parameters'] as unknown[]) ?? []), ...((op['parameters'] as unknown[]) ?? [])];
      for (const p of params) {
        const param = resolve(p) as Json;
        const schema = (param['schema'] ?? {}) as Json;
        if (param['in'] === 'query') {
          query[param['name'] as string] = {
            schema,
            required: param['required'] === true,
            explode: param['explode'] !== false,
          };
        } else if (param['in'] === 'path') {
          pathParams[param['name'] as string] = schema;
        }
      }
      operations.set(op['operationId'], {
        operationId: op['operationId'],
        method: method.toUpperCase(),
        path: pathTemplate,
        public: Array.isArray(security) && security.length === 0,
        deprecated: op['deprecated'] === true,
        tags: (op['tags'] as string[] | undefined) ?? [],
        query,
        pathParams,
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
      if (!found) throw new Error(`operation ${operationId} is not in the hub spec; run npm run generate`);
      return found;
    },
  };
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
    if (target === undefined) throw new Error(`unresolvable $ref ${ref} in the hub spec`);
    const next = new Set(seen).add(ref);
    const { $ref: _ref, ...siblings } = node;
    const resolved = resolveRefs(document, target, next);
    return Object.keys(siblings).length > 0 && isObject(resolved)
      ? { ...resolved, ...(resolveRefs(document, siblings, next) as Json) }
      : resolved;
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveRefs(document, v, seen)]));
}
