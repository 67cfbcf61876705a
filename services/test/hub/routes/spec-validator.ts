import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { repoRoot } from '../../../src/common/paths.js';
import { refuseUnevaluatedProperties } from '../../../src/common/strict-document.js';

const addFormats = addFormatsModule.default;
type Json = Record<string, unknown>;

const hubDocument = JSON.parse(readFileSync(path.join(repoRoot(), 'openapi', 'dist', 'hub.openapi.json'), 'utf8')) as Json;

const pointer = (parts: string[]): string => `#/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

export interface SpecOperationRef {
  operationId: string;
  method: string;
  path: string;
  public: boolean;
  responses: Json;
  /** JSON pointer of the operation in the document. */
  at: string[];
}

/** Every operation of the bundled spec. */
export function specOperations(document: Json = hubDocument): SpecOperationRef[] {
  const out: SpecOperationRef[] = [];
  for (const [p, item] of Object.entries(document['paths'] as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      const o = op as Json;
      if (typeof o['operationId'] !== 'string') continue;
      const security = o['security'] ?? document['security'];
      out.push({
        operationId: o['operationId'],
        method: method.toUpperCase(),
        path: p,
        public: Array.isArray(security) && security.length === 0,
        responses: (o['responses'] ?? {}) as Json,
        at: ['paths', p, method],
      });
    }
  }
  return out;
}

/**
 * Validates answers against the spec with Ajv 2020-12 (the dialect of OpenAPI 3.1): the status must be
 * one the operation declares, the content type one that response declares, the body valid against its schema,
 * and no object carries a property its schema does not declare (`refuseUnevaluatedProperties`).
 */
export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly ops: Map<string, SpecOperationRef>;

  constructor(private readonly document: Json = hubDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(refuseUnevaluatedProperties(document), 'hub');
    this.ops = new Map(specOperations(document).map((op) => [op.operationId, op]));
  }

  /** Problems of one answer; empty when it matches the spec. */
  check(operationId: string, status: number, contentType: string | null, body: unknown): string[] {
    const op = this.ops.get(operationId);
    if (!op) return [`${operationId} is not in the spec`];
    let at = [...op.at, 'responses', String(status)];
    let response = op.responses[String(status)] as Json | undefined;
    if (!response) {
      response = op.responses['default'] as Json | undefined;
      at = [...op.at, 'responses', 'default'];
    }
    if (!response) return [`${operationId}: status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`];
    const ref = response['$ref'];
    if (typeof ref === 'string') {
      at = ref
        .slice(2)
        .split('/')
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
      response = at.reduce<unknown>((node, key) => (node as Json)[key], this.document) as Json;
    }
    const content = response['content'] as Json | undefined;
    if (!content)
      return body === undefined || body === '' || body === null ? [] : [`${operationId} ${status}: a body was sent where none is declared`];
    const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
    if (!Object.hasOwn(content, type))
      return [`${operationId} ${status}: content type '${type}' is not one of ${Object.keys(content).join(', ')}`];
    const key = pointer([...at, 'content', type, 'schema']);
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `hub${key}` });
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 8)
      .map((e) => `${operationId} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}
