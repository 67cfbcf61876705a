import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ApiError } from '../../common/errors.js';
import type { SpecOperation } from '../../common/spec.js';

// ajv-formats is CommonJS; under NodeNext its plugin is on `.default`.
const addFormats = addFormatsModule.default;

type Json = Record<string, unknown>;

/** Validates and coerces the query string of one operation against the spec's parameter schemas. */
export type QueryValidator = (query: unknown) => Json;

/**
 * One Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) for every operation's query string: types are
 * coerced from text (`limit=5`, `gated=true`), defaults applied, and any parameter the spec does not
 * declare is an error rather than silently dropped, so a typo in a filter never widens a result.
 */
export function queryValidators(operations: Iterable<SpecOperation>): Map<string, QueryValidator> {
  const ajv = new Ajv2020({ allErrors: false, coerceTypes: 'array', useDefaults: true, strict: false });
  addFormats(ajv);
  const out = new Map<string, QueryValidator>();
  for (const op of operations) out.set(op.operationId, compile(ajv, op));
  return out;
}

function compile(ajv: Ajv2020, op: SpecOperation): QueryValidator {
  const names = Object.keys(op.query);
  const schema = {
    type: 'object',
    properties: Object.fromEntries(names.map((name) => [name, op.query[name]?.schema ?? {}])),
    required: names.filter((name) => op.query[name]?.required),
    additionalProperties: false,
  };
  const validate: ValidateFunction = ajv.compile(schema);
  const commaLists = names.filter((name) => op.query[name]?.schema['type'] === 'array' && op.query[name]?.explode === false);
  return (query) => {
    const value: Json = { ...((query ?? {}) as Json) };
    for (const name of commaLists) {
      const given = value[name];
      // `style: form, explode: false`: `tags=a,b`; a repeated `tags=a&tags=b` is accepted as well.
      const parts = (Array.isArray(given) ? given : [given]).filter((v): v is string => typeof v === 'string');
      if (given !== undefined) value[name] = parts.flatMap((p) => p.split(',')).filter((p) => p !== '');
    }
    if (!validate(value)) throw toParameterError(validate.errors?.[0], names);
    return value;
  };
}

function toParameterError(error: ErrorObject | undefined, allowedNames: string[]): ApiError {
  if (!error) return new ApiError('INVALID_PARAMETER', 'Invalid query string');
  if (error.keyword === 'additionalProperties') {
    const name = String(error.params['additionalProperty']);
    const allowed = allowedNames.length ? allowedNames.join(', ') : 'none';
    return new ApiError('INVALID_PARAMETER', `Unknown query parameter '${name}'; allowed parameters: ${allowed}`, {
      parameter: name,
      allowed: allowedNames,
    });
  }
  if (error.keyword === 'required') {
    const name = String(error.params['missingProperty']);
    return new ApiError('INVALID_PARAMETER', `Missing query parameter '${name}'`, { parameter: name });
  }
  const name = error.instancePath.split('/').filter(Boolean)[0] ?? 'query';
  const details: Json = { parameter: name };
  let reason = error.message ?? 'is invalid';
  if (error.keyword === 'enum') {
    const allowed = error.params['allowedValues'] as unknown[];
    details['allowed'] = allowed;
    reason = `must be one of ${allowed.join(', ')}`;
  } else if (error.keyword === 'minimum' || error.keyword === 'maximum') {
    details[error.keyword] = error.params['limit'];
  }
  return new ApiError('INVALID_PARAMETER', `Invalid parameter '${name}': ${reason}`, details);
}
