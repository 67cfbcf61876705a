import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { deref, escapeToken, httpMethods, isObject, type Json } from './json.js';

// ajv-formats is CommonJS: under NodeNext its default import is typed as the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Where an example sits: the keys from the document root down to it. */
type Location = readonly string[];

const pointerOf = (at: Location) => `#/${at.map((t) => encodeURIComponent(escapeToken(t))).join('/')}`;

/** `GET /v3/mlhub/models › responses › 200 › application/json › examples.ok`, shorter than a JSON pointer. */
function describeLocation(at: Location): string {
  const parts = [...at];
  const out: string[] = [];
  if (parts[0] === 'paths' && parts.length >= 2) {
    const [, p, maybeMethod] = parts;
    if (maybeMethod && (httpMethods as readonly string[]).includes(maybeMethod)) {
      out.push(`${maybeMethod.toUpperCase()} ${p}`);
      parts.splice(0, 3);
    } else {
      out.push(p!);
      parts.splice(0, 2);
    }
  } else if (parts[0] === 'components' && parts.length >= 3) {
    out.push(`components.${parts[1]}.${parts[2]}`);
    parts.splice(0, 3);
  }
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === 'content') continue;
    if ((part === 'examples' || part === 'properties') && i + 1 < parts.length) {
      out.push(`${part}.${parts[++i]}`);
    } else out.push(part);
  }
  return out.join(' › ');
}

function formatError(e: ErrorObject): string {
  const at = e.instancePath || '(root)';
  const params = e.params as Record<string, unknown>;
  let detail = '';
  if (e.keyword === 'additionalProperties') detail = `: '${String(params.additionalProperty)}'`;
  else if (e.keyword === 'enum') detail = `: ${JSON.stringify(params.allowedValues)}`;
  else if (e.keyword === 'const') detail = `: ${JSON.stringify(params.allowedValue)}`;
  return `${at} ${e.message ?? e.keyword}${detail}`;
}

/** Every `x-...` key in the document: declared to Ajv so strict mode accepts them in schemas. */
function extensionKeywords(doc: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (k.startsWith('x-')) found.add(k);
        visit(v);
      }
    }
  };
  visit(doc);
  return [...found].sort();
}

export interface ExampleCheckOptions {
  /** Require an example on every media type of every response and request body (default true). */
  requireExamples?: boolean;
}

export interface ExampleCheckResult {
  /** `location: message`, one per example that does not validate or per body that has none. */
  problems: string[];
  /** How many example values were validated. */
  checked: number;
}

/**
 * Validate every example of an OpenAPI 3.1 document (media types, parameters, headers, request bodies,
 * responses and schemas, inline or under components) against its schema, with Ajv's JSON Schema
 * 2020-12 (the dialect of OpenAPI 3.1) and refs resolved against the document itself. Each structure is
 * checked where it is written, so a shared response is reported once, not once per operation using it.
 */
export function checkExamples(doc: Json, options: ExampleCheckOptions = {}): ExampleCheckResult {
  const requireExamples = options.requireExamples ?? true;
  const docId = 'urn:mlhub:contract:document';
  // Strict, so a misspelt keyword (`minLenght`) is an error rather than a constraint silently dropped;
  // the keywords OpenAPI adds to JSON Schema, and any x- extension the document uses, are declared.
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false, allErrors: true, validateSchema: false });
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs', ...extensionKeywords(doc)]);
  // The document itself is added as the schema refs resolve in; Ajv compiles its root, whose keys are OpenAPI's.
  ajv.addVocabulary(Object.keys(doc).filter((k) => !ajv.getKeyword(k)));
  addFormats(ajv);
  ajv.addSchema(doc, docId);

  const problems: string[] = [];
  let checked = 0;
  const validators = new Map<string, ValidateFunction | Error>();
  const validatorFor = (schemaAt: Location): ValidateFunction | Error => {
    const pointer = pointerOf(schemaAt);
    let v = validators.get(pointer);
    if (!v) {
      try {
        v = ajv.compile({ $ref: `${docId}${pointer}` });
      } catch (error) {
        v = error instanceof Error ? error : new Error(String(error));
      }
      validators.set(pointer, v);
    }
    return v;
  };
  const validate = (value: unknown, schemaAt: Location, exampleAt: Location) => {
    checked++;
    const v = validatorFor(schemaAt);
    if (v instanceof Error) {
      problems.push(`${describeLocation(exampleAt)}: its schema does not compile: ${v.message}`);
      return;
    }
    if (!v(value)) {
      const errors = (v.errors ?? []).map(formatError);
      const shown = errors.slice(0, 5).join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');
      problems.push(`${describeLocation(exampleAt)}: ${shown}`);
    }
  };
  const tryDeref = (value: unknown, at: Location): unknown => {
    try {
      return deref(doc, value);
    } catch (error) {
      problems.push(`${describeLocation(at)}: ${(error as Error).message}`);
      return undefined;
    }
  };

  /** `example` and `examples` (a map of Example objects) of a media type, parameter or header. */
  const exampleValues = (holder: Json, at: Location, schemaAt: Location): number => {
    let count = 0;
    if ('example' in holder) {
      validate(holder.example, schemaAt, [...at, 'example']);
      count++;
    }
    if (isObject(holder.examples)) {
      for (const [name, raw] of Object.entries(holder.examples)) {
        const exAt = [...at, 'examples', name];
        const ex = tryDeref(raw, exAt);
        if (!isObject(ex)) continue;
        if ('value' in ex) {
          validate(ex.value, schemaAt, exAt);
          count++;
        } else if ('externalValue' in ex) {
          problems.push(`${describeLocation(exAt)}: externalValue cannot be checked; inline the value`);
        } else problems.push(`${describeLocation(exAt)}: an example without a value`);
      }
    }
    return count;
  };

  const mediaTypes = (content: unknown, at: Location, mustHaveExample: boolean) => {
    if (!isObject(content)) return;
    for (const [type, media] of Object.entries(content)) {
      if (!isObject(media)) continue;
      const mediaAt = [...at, 'content', type];
      const hasSchema = isObject(media.schema) || typeof media.schema === 'boolean';
      if (isObject(media.schema)) schemaExamples(media.schema, [...mediaAt, 'schema']);
      if (!hasSchema) {
        if ('example' in media || 'examples' in media)
          problems.push(`${describeLocation(mediaAt)}: an example without a schema to check it against`);
        else if (mustHaveExample) problems.push(`${describeLocation(mediaAt)}: no schema and no example`);
        continue;
      }
      const count = exampleValues(media, mediaAt, [...mediaAt, 'schema']);
      if (count === 0 && mustHaveExample) problems.push(`${describeLocation(mediaAt)}: no example`);
    }
  };

  /** A parameter or header: examples against `schema`, or against the schema of its `content`. */
  const parameterLike = (raw: unknown, at: Location) => {
    if (!isObject(raw) || '$ref' in raw) return; // checked where it is defined
    if (isObject(raw.schema)) {
      schemaExamples(raw.schema, [...at, 'schema']);
      exampleValues(raw, at, [...at, 'schema']);
    }
    mediaTypes(raw.content, at, false);
  };

  const response = (raw: unknown, at: Location) => {
    if (!isObject(raw) || '$ref' in raw) return;
    if (isObject(raw.headers)) for (const [name, h] of Object.entries(raw.headers)) parameterLike(h, [...at, 'headers', name]);
    mediaTypes(raw.content, at, requireExamples);
  };

  const requestBody = (raw: unknown, at: Location) => {
    if (!isObject(raw) || '$ref' in raw) return;
    mediaTypes(raw.content, at, requireExamples);
  };

  const subschemaMaps = ['properties', 'patternProperties', '$defs', 'dependentSchemas'] as const;
  const subschemaLists = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
  const subschemaSingles = [
    'items',
    'additionalProperties',
    'not',
    'if',
    'then',
    'else',
    'contains',
    'propertyNames',
    'unevaluatedItems',
    'unevaluatedProperties',
    'contentSchema',
  ] as const;
  /** `example` and `examples` (an array, in JSON Schema) of a schema and of every schema inside it. */
  function schemaExamples(schema: Json, at: Location): void {
    if ('$ref' in schema && Object.keys(schema).length === 1) return;
    if ('example' in schema) validate(schema.example, at, [...at, 'example']);
    if (Array.isArray(schema.examples)) {
      schema.examples.forEach((value, i) => validate(value, at, [...at, 'examples', String(i)]));
    }
    for (const key of subschemaMaps) {
      const map = schema[key];
      if (isObject(map)) for (const [name, sub] of Object.entries(map)) if (isObject(sub)) schemaExamples(sub, [...at, key, name]);
    }
    for (const key of subschemaLists) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((sub, i) => isObject(sub) && schemaExamples(sub, [...at, key, String(i)]));
    }
    for (const key of subschemaSingles) {
      const sub = schema[key];
      if (isObject(sub)) schemaExamples(sub, [...at, key]);
    }
  }

  const operationParts = (op: Json, at: Location) => {
    if (Array.isArray(op.parameters)) op.parameters.forEach((p, i) => parameterLike(p, [...at, 'parameters', String(i)]));
    if (op.requestBody !== undefined) requestBody(op.requestBody, [...at, 'requestBody']);
    if (isObject(op.responses)) for (const [status, r] of Object.entries(op.responses)) response(r, [...at, 'responses', status]);
  };

  if (isObject(doc.paths)) {
    for (const [p, item] of Object.entries(doc.paths)) {
      if (!isObject(item)) continue;
      if (Array.isArray(item.parameters)) item.parameters.forEach((prm, i) => parameterLike(prm, ['paths', p, 'parameters', String(i)]));
      for (const method of httpMethods) {
        const op = item[method];
        if (isObject(op)) operationParts(op, ['paths', p, method]);
      }
    }
  }
  const components = isObject(doc.components) ? doc.components : {};
  const section = (name: string) => (isObject(components[name]) ? Object.entries(components[name]) : []);
  for (const [name, s] of section('schemas')) if (isObject(s)) schemaExamples(s, ['components', 'schemas', name]);
  for (const [name, p] of section('parameters')) parameterLike(p, ['components', 'parameters', name]);
  for (const [name, h] of section('headers')) parameterLike(h, ['components', 'headers', name]);
  for (const [name, r] of section('responses')) response(r, ['components', 'responses', name]);
  for (const [name, b] of section('requestBodies')) requestBody(b, ['components', 'requestBodies', name]);

  return { problems, checked };
}
