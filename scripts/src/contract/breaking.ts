import { deref, isObject, operationLabel, operationsOf, type Json, type Operation } from './json.js';
import { enumPaths, propertyPaths, requiredPaths } from './schema-walk.js';

/**
 * Identity of an operation across versions: method and path with parameter names blanked, so renaming
 * `{id}` to `{modelId}` is not a removal (clients fill the segment by position).
 */
const operationKey = (op: Pick<Operation, 'method' | 'path'>) => `${op.method.toUpperCase()} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: unknown;
}

/** The operation's effective parameters: the path item's, overridden by the operation's own (OpenAPI rule). */
function parametersOf(doc: Json, op: Operation): Map<string, Parameter> {
  const out = new Map<string, Parameter>();
  for (const list of [op.pathItem.parameters, op.operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(doc, raw);
      if (!isObject(p) || typeof p.name !== 'string' || typeof p.in !== 'string') continue;
      // Header names are case-insensitive.
      const name = p.in === 'header' ? p.name.toLowerCase() : p.name;
      out.set(`${p.in} ${name}`, { name: p.name, in: p.in, required: p.required === true, schema: p.schema });
    }
  }
  return out;
}

const contentOf = (doc: Json, holder: unknown): Map<string, unknown> => {
  const resolved = deref(doc, holder);
  const content = isObject(resolved) && isObject(resolved.content) ? resolved.content : {};
  return new Map(Object.entries(content).map(([type, media]) => [type, isObject(media) ? media.schema : undefined]));
};

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

/**
 * The changes from `released` to `current` that can break a client written against `released`:
 * removed operations, changed operationIds, removed success responses, media types or response fields,
 * new required parameters, request bodies or request-body properties, and narrowed request enums
 * (values removed, or an enum where any value was allowed). Each line names the operation and the change.
 */
export function breakingChanges(released: Json, current: Json): string[] {
  const changes: string[] = [];
  const currentOps = new Map(operationsOf(current).map((op) => [operationKey(op), op]));

  for (const old of operationsOf(released)) {
    const label = operationLabel(old);
    const now = currentOps.get(operationKey(old));
    if (!now) {
      changes.push(`${label}: operation removed`);
      continue;
    }
    if (old.operation.operationId !== now.operation.operationId) {
      changes.push(`${label}: operationId changed from ${String(old.operation.operationId)} to ${String(now.operation.operationId)}`);
    }

    // Responses: what a client reads must stay.
    const oldResponses = isObject(old.operation.responses) ? old.operation.responses : {};
    const nowResponses = isObject(now.operation.responses) ? now.operation.responses : {};
    for (const [status, oldResponse] of Object.entries(oldResponses)) {
      if (!isSuccess(status)) continue;
      if (!(status in nowResponses)) {
        changes.push(`${label}: response ${status} removed`);
        continue;
      }
      const nowContent = contentOf(current, nowResponses[status]);
      for (const [type, oldSchema] of contentOf(released, oldResponse)) {
        if (!nowContent.has(type)) {
          changes.push(`${label}: response ${status} ${type} removed`);
          continue;
        }
        const kept = propertyPaths(current, nowContent.get(type));
        for (const field of propertyPaths(released, oldSchema)) {
          if (!kept.has(field)) changes.push(`${label}: response ${status} ${type} field ${field} removed`);
        }
      }
    }

    // Parameters: what a client sends must still be enough, and still be accepted.
    const oldParams = parametersOf(released, old);
    const nowParams = parametersOf(current, now);
    for (const [key, p] of nowParams) {
      if (p.in === 'path') continue; // the path's shape is the operation's identity
      const before = oldParams.get(key);
      if (p.required && !before?.required) changes.push(`${label}: ${p.in} parameter ${p.name} ${before ? 'became' : 'added as'} required`);
      if (before)
        changes.push(...narrowedEnums(released, before.schema, current, p.schema).map((c) => `${label}: ${p.in} parameter ${p.name}${c}`));
    }

    // Request body: a body the client sent must still be accepted.
    const oldBody = deref(released, old.operation.requestBody);
    const nowBody = deref(current, now.operation.requestBody);
    if (isObject(nowBody)) {
      const oldRequired = isObject(oldBody) && oldBody.required === true;
      if (nowBody.required === true && !oldRequired)
        changes.push(`${label}: request body ${isObject(oldBody) ? 'became' : 'added as'} required`);
    }
    if (isObject(oldBody)) {
      const nowContent = contentOf(current, nowBody);
      for (const [type, oldSchema] of contentOf(released, oldBody)) {
        if (!nowContent.has(type)) {
          changes.push(`${label}: request body ${type} no longer accepted`);
          continue;
        }
        const nowSchema = nowContent.get(type);
        const oldRequired = requiredPaths(released, oldSchema);
        const oldFields = propertyPaths(released, oldSchema);
        for (const field of requiredPaths(current, nowSchema)) {
          if (oldRequired.has(field)) continue;
          const parent = field.includes('.') ? field.slice(0, field.lastIndexOf('.')) : '';
          // A required field inside an object the old client never sent is that object's business.
          if (parent === '' || oldFields.has(parent)) changes.push(`${label}: request body ${type} field ${field} became required`);
        }
        changes.push(...narrowedEnums(released, oldSchema, current, nowSchema).map((c) => `${label}: request body ${type}${c}`));
      }
    }
  }
  return changes;
}

/** ` field x: enum value "b" removed` lines for every place where `now` accepts less than `old` did. */
function narrowedEnums(releasedDoc: Json, old: unknown, currentDoc: Json, now: unknown): string[] {
  const out: string[] = [];
  const oldEnums = enumPaths(releasedDoc, old);
  const oldFields = propertyPaths(releasedDoc, old);
  const where = (p: string) => (p ? ` field ${p}` : '');
  for (const [p, values] of enumPaths(currentDoc, now)) {
    const before = oldEnums.get(p);
    if (!before) {
      if (p === '' || oldFields.has(p)) out.push(`${where(p)}: now restricted to ${[...values].join(', ')}`);
      continue;
    }
    const removed = [...before].filter((v) => !values.has(v));
    if (removed.length) out.push(`${where(p)}: enum value${removed.length > 1 ? 's' : ''} ${removed.join(', ')} removed`);
  }
  return out;
}

/** The major number of a `major.minor.patch` version, or NaN. */
const majorOf = (version: unknown) => Number.parseInt(String(version).split('.')[0] ?? '', 10);

export interface BreakingCheck {
  changes: string[];
  /** True when the major version went up, which allows every breaking change. */
  allowed: boolean;
}

/** Breaking changes of `current` against `released`, and whether `info.version` allows them. */
export function compareWithReleased(released: Json, current: Json): BreakingCheck {
  const changes = breakingChanges(released, current);
  const relMajor = majorOf(isObject(released.info) ? released.info.version : undefined);
  const curMajor = majorOf(isObject(current.info) ? current.info.version : undefined);
  return { changes, allowed: Number.isFinite(relMajor) && Number.isFinite(curMajor) && curMajor > relMajor };
}
