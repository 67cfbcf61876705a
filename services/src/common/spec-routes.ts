import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods, RouteOptions } from 'fastify';
import { validationError } from './error-handler.js';
import { ApiError } from './errors.js';
import type { SpecDocument, SpecOperation } from './spec.js';

// ajv-formats is CommonJS; under NodeNext its plugin is on `.default`.
const addFormats = addFormatsModule.default;

type Json = Record<string, unknown>;

/**
 * A handler of one operation, named as its operationId. Method syntax keeps the parameter bivariant, so a
 * handler may type its request (`SpecRequest<operations['getModelCard']>`).
 */
export type SpecHandler = { bivarianceHack(request: FastifyRequest, reply: FastifyReply): unknown }['bivarianceHack'];

/** Handlers keyed by operationId: `{ getModelCard: async (request, reply) => ... }`. */
export type SpecHandlers = Record<string, SpecHandler>;

interface OperationShape {
  parameters?: { query?: unknown; path?: unknown };
  requestBody?: { content?: { 'application/json'?: unknown } } | undefined;
}

/**
 * The request of an operation of the generated SDK types (`operations['getModelCard']` of
 * `@mlhub/sdk`'s `generated/hub`), after validation: params, query and body as the spec declares them.
 */
export type SpecRequest<Op extends OperationShape> = FastifyRequest<{
  Params: NonNullable<NonNullable<Op['parameters']>['path']>;
  Querystring: NonNullable<NonNullable<Op['parameters']>['query']>;
  Body: NonNullable<NonNullable<Op['requestBody']>['content']>['application/json'];
}>;

/**
 * Turns a path parameter that may hold one slash (`google/flan-t5-small`) into the value handlers see, or
 * throws the ApiError that says what is wrong with it (an id with `..`, control characters, ...).
 */
export type SlashParamParser = (value: string) => string;

export interface SpecRoutesOptions {
  /** The bundled document (`loadSpecDocument(bundledSpecPath('hub'))`). */
  spec: SpecDocument;
  /** One handler per selected operation, keyed by operationId; a handler naming no selected operation fails the boot. */
  handlers: SpecHandlers;
  /** The operations this registration serves (`withTags('Inference')`, `withoutTags('Inference')`); all by default. */
  select?: (operation: SpecOperation) => boolean;
  /**
   * Path parameters whose value may hold a slash, each with its parser. Such a parameter is taken both
   * percent-encoded as one segment (`google%2Fflan-t5-small`) and raw (`google/flan-t5-small`, what a proxy
   * that decodes `%2F` forwards); a path with more raw segments goes to the parser too, so it says why.
   */
  slashParams?: Record<string, SlashParamParser>;
  /**
   * Checks every other path parameter after decoding and before the spec's schema (a service's rule for
   * what a path may carry, such as no control characters); returns the value handlers see, or throws.
   */
  pathParam?: (name: string, value: string) => string;
  /**
   * Serialize 2xx JSON answers with the spec's schema (an undocumented field is dropped, not sent):
   * all operations (`true`, the default), none, or those the function picks.
   */
  responseSchemas?: boolean | ((operation: SpecOperation) => boolean);
}

/** Operations carrying one of these tags. */
export const withTags =
  (...tags: string[]) =>
  (operation: SpecOperation): boolean =>
    operation.tags.some((tag) => tags.includes(tag));

/** Operations carrying none of these tags. */
export const withoutTags =
  (...tags: string[]) =>
  (operation: SpecOperation): boolean =>
    !operation.tags.some((tag) => tags.includes(tag));

/**
 * OpenAPI 3.1 schemas are JSON Schema 2020-12: Ajvs of that dialect compile the spec-driven routes' parameter
 * and body schemas. Path and query values are text, so their types are coerced (`limit=5`, a lone `tags=a`
 * becomes `['a']`); a JSON body carries its own types, so `"max_new_tokens": "5"` is the client's mistake and
 * is refused, not read as 5. Defaults are applied, and an undeclared parameter is an error rather than
 * silently dropped, so a typo in a filter never widens a result.
 */
function specAjv(coerceTypes: 'array' | false): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: false, coerceTypes, useDefaults: true, removeAdditional: false, strict: false });
  addFormats(ajv);
  return ajv;
}

let textAjv: Ajv2020 | undefined;
let bodyAjv: Ajv2020 | undefined;

/**
 * Registers each selected operation of a spec document with Fastify: method and path from the spec,
 * `params`/`querystring`/`body` schemas from its parameters (validated by Fastify, errors answered as
 * INVALID_PARAMETER naming the parameter), 2xx response schemas, `config.public` from `security: []` and
 * `config.operationId`. Fails (at boot) when a selected operation has no handler or a handler no
 * selected operation. Returns the operations it registered.
 */
export function registerSpecRoutes(app: FastifyInstance, options: SpecRoutesOptions): SpecOperation[] {
  const { spec, handlers } = options;
  const selected = [...spec.operations.values()].filter(options.select ?? (() => true));
  const selectedIds = new Set(selected.map((op) => op.operationId));
  const missing = selected.filter((op) => typeof handlers[op.operationId] !== 'function').map((op) => op.operationId);
  const stray = Object.keys(handlers).filter((id) => !selectedIds.has(id));
  if (missing.length > 0 || stray.length > 0) {
    const parts = [
      ...(missing.length ? [`no handler for ${missing.join(', ')}`] : []),
      ...(stray.length ? [`handlers that name no selected operation: ${stray.join(', ')}`] : []),
    ];
    throw new Error(`spec routes: ${parts.join('; ')}`);
  }
  textAjv ??= specAjv('array');
  bodyAjv ??= specAjv(false);
  const ajvs = { text: textAjv, body: bodyAjv };
  const slashParams = options.slashParams ?? {};
  const pathParam = options.pathParam;
  const wantsResponse = options.responseSchemas ?? true;
  // Each registered path and the methods the spec gives it (all of its operations, also those another registration serves).
  const pathMethods = new Map<string, { path: string; methods: Set<string> }>();
  const fallbacks = new Map<string, { method: HTTPMethods; prefix: string; parser: SlashParamParser; public: boolean[] }>();

  for (const op of selected) {
    const handler = handlers[op.operationId] as SpecHandler;
    const slashNames = Object.keys(op.pathParams).filter((name) => Object.hasOwn(slashParams, name));
    if (slashNames.length > 1)
      throw new Error(`spec routes: ${op.operationId} has more than one slash parameter (${slashNames.join(', ')})`);
    const slashName = slashNames[0];
    const queryNames = Object.keys(op.query);
    const commaLists = queryNames.filter((name) => op.query[name]?.schema['type'] === 'array' && op.query[name]?.explode === false);
    const serialize = typeof wantsResponse === 'function' ? wantsResponse(op) : wantsResponse;
    const schema = routeSchema(op, slashName, serialize);
    const url = op.path.replace(/\{([^}]+)\}/g, ':$1');
    const method = op.method;

    const prepare = (request: FastifyRequest): void => {
      const params = request.params as Record<string, string>;
      if (slashName !== undefined) {
        const owner = params[`${slashName}__owner`];
        if (owner !== undefined) {
          params[slashName] = `${owner}/${params[`${slashName}__name`] ?? ''}`;
          delete params[`${slashName}__owner`];
          delete params[`${slashName}__name`];
        }
      }
      for (const [name, value] of Object.entries(params)) {
        if (name === slashName) params[name] = (slashParams[name] as SlashParamParser)(value);
        else if (pathParam) params[name] = pathParam(name, value);
      }
      if (commaLists.length > 0) splitCommaLists(request.query as Json, commaLists);
    };

    const route: RouteOptions = {
      method,
      url,
      schema,
      // A probe is never rate limited: behind a proxy (Tapis Pods) every anonymous caller shares one address
      // and so one bucket, and a flood of anonymous requests would make a healthy server look down to its checker.
      config: { public: op.public, operationId: op.operationId, ...(op.probe ? { rateLimit: false as const } : {}) },
      validatorCompiler: ({ schema: part, httpPart }) => (httpPart === 'body' ? ajvs.body : ajvs.text).compile(part),
      schemaErrorFormatter: (errors, context) => validationError(errors, context, { known: queryNames }),
      preValidation: (request, _reply, done) => {
        prepare(request);
        done();
      },
      handler: handler,
    };
    app.route(route);
    const methods = specMethods(spec, op.path);
    pathMethods.set(url, { path: op.path, methods });
    if (slashName !== undefined) {
      // The raw form: the id's two segments are two route parameters, joined before validation.
      const rawUrl = url.replace(`:${slashName}`, `:${slashName}__owner/:${slashName}__name`);
      app.route({ ...route, url: rawUrl });
      pathMethods.set(rawUrl, { path: op.path, methods });
      const prefix = url.slice(0, url.indexOf(`:${slashName}`));
      const key = `${method} ${prefix}`;
      const fallback = fallbacks.get(key) ?? { method, prefix, parser: slashParams[slashName] as SlashParamParser, public: [] };
      fallback.public.push(op.public);
      fallbacks.set(key, fallback);
    }
  }

  // Any other path below an id prefix (`/models/a/b/c`) is an id the parser refuses, or a route that does not exist.
  for (const { method, prefix, parser, public: publics } of fallbacks.values()) {
    if (app.hasRoute({ method, url: `${prefix}*` })) continue;
    app.route({
      method,
      url: `${prefix}*`,
      config: { public: publics.every(Boolean) },
      handler: (request, reply) => {
        parser((request.params as Record<string, string>)['*'] ?? '');
        reply.callNotFound();
        return reply;
      },
    });
  }
  // A known path asked with another method answers 405 naming the allowed ones, before auth and before its body is read.
  for (const [url, { path, methods }] of pathMethods) {
    if (methods.has('GET')) methods.add('HEAD');
    const others = HTTP_METHODS.filter((m) => !methods.has(m));
    if (others.length === 0 || app.hasRoute({ method: others[0] as HTTPMethods, url })) continue;
    const allow = HTTP_METHODS.filter((m) => methods.has(m)).join(', ');
    app.route({
      method: others,
      url,
      config: { public: true },
      onRequest: (request, _reply, done) => {
        done(
          new ApiError('METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed on ${path}; allowed: ${allow}`, undefined, {
            headers: { allow },
          }),
        );
      },
      handler: () => {
        throw new Error('unreachable: the onRequest hook answers');
      },
    });
  }
  return selected;
}

const HTTP_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The methods of a path template in the spec, upper case. */
function specMethods(spec: SpecDocument, path: string): Set<string> {
  const item = (spec.document['paths'] as Json | undefined)?.[path];
  const methods = new Set<string>();
  for (const op of spec.operations.values()) if (op.path === path) methods.add(op.method);
  if (item && typeof item === 'object')
    for (const key of Object.keys(item)) if (HTTP_METHODS.includes(key.toUpperCase())) methods.add(key.toUpperCase());
  return methods;
}

/** `tags=a,b` (`style: form, explode: false`) as a list; a repeated `tags=a&tags=b` is accepted as well. */
function splitCommaLists(query: Json, names: string[]): void {
  for (const name of names) {
    const given = query[name];
    if (given === undefined) continue;
    const parts = (Array.isArray(given) ? given : [given]).filter((v): v is string => typeof v === 'string');
    query[name] = parts.flatMap((p) => p.split(',')).filter((p) => p !== '');
  }
}

function routeSchema(op: SpecOperation, slashName: string | undefined, serialize: boolean): FastifySchema {
  const schema: FastifySchema = {};
  const pathNames = Object.keys(op.pathParams);
  if (pathNames.length > 0) {
    schema.params = {
      type: 'object',
      // A slash parameter's own parser is its check (it runs first and says why); the others keep the spec's.
      properties: Object.fromEntries(
        pathNames.map((name) => [name, name === slashName ? { type: 'string' } : (op.pathParams[name] ?? {})]),
      ),
      required: pathNames,
    };
  }
  const queryNames = Object.keys(op.query);
  schema.querystring = {
    type: 'object',
    properties: Object.fromEntries(queryNames.map((name) => [name, op.query[name]?.schema ?? {}])),
    required: queryNames.filter((name) => op.query[name]?.required),
    additionalProperties: false,
  };
  if (op.body) schema.body = op.body.schema;
  if (serialize) {
    const response: Record<string, Json> = {};
    for (const [status, body] of Object.entries(op.responses)) if (/^2\d\d$/.test(status)) response[status] = body;
    if (Object.keys(response).length > 0) schema.response = response;
  }
  return schema;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The spec operation a route serves (set by `registerSpecRoutes`). */
    operationId?: string;
  }
}
