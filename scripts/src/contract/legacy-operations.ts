import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundledSpecPath, repoRoot } from '../spec/paths.js';
import { operationLabel, operationsOf, type Json } from './json.js';

/** The published legacy clients: every call they make must be an operation of the hub spec. */
const legacyClientPackages = ['@tapis/tapis-typescript-mlhub-models', '@tapis/tapis-typescript-mlhub-datasets'] as const;

/** The path prefix of the frozen legacy API (the current API is `/v3/mlhub/`, without the dash). */
const legacyPathPrefix = '/v3/ml-hub/';

/** One HTTP call a generated client makes. */
export interface ClientCall {
  /** `GET /v3/ml-hub/models/{modelId}`, with the client's parameter names. */
  operation: string;
  /** The client's method (`getModel`); the spec's operationId is this with a `legacy` prefix. */
  clientMethod: string;
  /** The file it was read from, relative to the package. */
  file: string;
}

/** The `src/apis` folder of an installed client package (the generated TypeScript sources ship with it). */
function clientApisDir(pkg: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'src', 'apis');
}

// openapi-generator's typescript-fetch template: each `<name>Raw` method makes exactly one
// `this.request({ path: `...`.replace(...), method: 'GET', ... })`, so a lazy match from the method to the
// next request pairs them up.
const rawMethodRequest = /async\s+(\w+)Raw\s*\([\s\S]*?this\.request\(\{\s*path:\s*`([^`]*)`[\s\S]*?method:\s*'([A-Za-z]+)'/g;

/** The calls in the source of one generated `*Api.ts` file. */
export function callsInClientSource(source: string, file = '<source>'): ClientCall[] {
  return [...source.matchAll(rawMethodRequest)].map(([, clientMethod, p, method]) => ({
    operation: `${method!.toUpperCase()} ${p!}`,
    clientMethod: clientMethod!,
    file,
  }));
}

/** Every call the installed legacy clients make, read from their `src/apis/*.ts`. */
export function legacyClientCalls(packages: readonly string[] = legacyClientPackages): ClientCall[] {
  const calls: ClientCall[] = [];
  for (const pkg of packages) {
    const dir = clientApisDir(pkg);
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .sort()) {
      calls.push(...callsInClientSource(readFileSync(path.join(dir, name), 'utf8'), `${pkg}/src/apis/${name}`));
    }
  }
  return calls;
}

/** The set of `METHOD /path` the legacy clients call, with the clients' parameter names. */
export function legacyClientOperations(packages: readonly string[] = legacyClientPackages): Set<string> {
  return new Set(legacyClientCalls(packages).map((c) => c.operation));
}

/** True for the older path shapes no published client calls any more (`x-legacy-shape: older`). */
const isOlderShape = (pathItem: Json, operation: Json) => pathItem['x-legacy-shape'] === 'older' || operation['x-legacy-shape'] === 'older';

export const readBundledHubSpec = (root: string = repoRoot) => JSON.parse(readFileSync(bundledSpecPath('hub', root), 'utf8')) as Json;

/** The `/v3/ml-hub` operations of a hub document, with whether each is an older path shape. */
export function legacySpecOperations(doc: Json): { operation: string; operationId: unknown; older: boolean; definition: Json }[] {
  return operationsOf(doc)
    .filter((op) => op.path.startsWith(legacyPathPrefix))
    .map((op) => ({
      operation: operationLabel(op),
      operationId: op.operation.operationId,
      older: isOlderShape(op.pathItem, op.operation),
      definition: op.operation,
    }));
}

/** The set of `METHOD /path` of the bundled hub spec under `/v3/ml-hub`, older path shapes left out. */
export function specLegacyOperations(doc: Json = readBundledHubSpec()): Set<string> {
  return new Set(
    legacySpecOperations(doc)
      .filter((op) => !op.older)
      .map((op) => op.operation),
  );
}

/**
 * An operation with its parameter names blanked (`GET /v3/ml-hub/models/{}`): the names are not on the
 * wire, the client fills each segment by position.
 */
const operationShape = (operation: string) => operation.replace(/\{[^}/]*\}/g, '{}');

/** The client operations written with the spec's parameter names, where the spec has the same shape. */
export function normaliseToSpec(clientOps: Iterable<string>, specOps: Iterable<string>): Set<string> {
  const byShape = new Map([...specOps].map((op) => [operationShape(op), op]));
  return new Set([...clientOps].map((op) => byShape.get(operationShape(op)) ?? op));
}

/** What a client calls that the spec lacks, and what the spec offers under `/v3/ml-hub` that no client calls. */
export function compareOperations(
  clientOps: Iterable<string>,
  specOps: Iterable<string>,
): { missingFromSpec: string[]; notCalledByClients: string[] } {
  const clientShapes = new Set([...clientOps].map(operationShape));
  const specShapes = new Set([...specOps].map(operationShape));
  return {
    missingFromSpec: [...clientOps].filter((op) => !specShapes.has(operationShape(op))).sort(),
    notCalledByClients: [...specOps].filter((op) => !clientShapes.has(operationShape(op))).sort(),
  };
}

/** `getModelInferenceServer` → `legacyGetModelInferenceServer`: the spec's operationId of a client method. */
export const legacyOperationId = (clientMethod: string) => `legacy${clientMethod.charAt(0).toUpperCase()}${clientMethod.slice(1)}`;
