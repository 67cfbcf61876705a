import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { openAiErrors, tgiErrors } from '../../src/common/error-bodies.js';
import { errorHandler, notFoundHandler, useProtocolErrors } from '../../src/common/error-handler.js';
import { ApiError } from '../../src/common/errors.js';
import { hasControlCharacters } from '../../src/hub/ids.js';
import { bundledSpecPath, loadSpecDocument, specDocumentOf } from '../../src/common/spec.js';
import { registerSpecRoutes, withoutTags, withTags, type SpecHandlers } from '../../src/common/spec-routes.js';

// A small OpenAPI 3.1 document with what the binder reads: refs, a public operation, query, path and body
// parameters, an id that may hold a slash, a response schema, tags.
const document = {
  openapi: '3.1.0',
  info: { title: 'binder test', version: '1.2.3' },
  security: [{ TapisToken: [] }],
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        tags: ['Things'],
        parameters: [
          { $ref: '#/components/parameters/Limit' },
          { name: 'sort', in: 'query', schema: { type: 'string', enum: ['name', 'size'] } },
          { name: 'tags', in: 'query', explode: false, schema: { type: 'array', items: { type: 'string' } } },
          { name: 'exact', in: 'query', schema: { type: 'boolean' } },
        ],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } } },
      },
      post: {
        operationId: 'createThing',
        tags: ['Things'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                properties: { name: { type: 'string', maxLength: 10 } },
                additionalProperties: false,
              },
            },
          },
        },
        responses: { '201': { description: 'made' } },
      },
    },
    '/things/{thingId}': {
      get: {
        operationId: 'getThing',
        tags: ['Things'],
        parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/things/{thingId}/card': {
      get: {
        operationId: 'getThingCard',
        tags: ['Things'],
        parameters: [
          { name: 'thingId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'path', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/owners/{owner}': {
      get: {
        operationId: 'getOwner',
        tags: ['Owners'],
        parameters: [{ name: 'owner', in: 'path', required: true, schema: { type: 'string', maxLength: 5 } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/health': { get: { operationId: 'getHealth', tags: ['Service'], security: [], responses: { '200': { description: 'ok' } } } },
  },
  components: {
    parameters: { Limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } },
    schemas: {
      Page: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } },
      },
    },
  },
};

const spec = specDocumentOf(document);

/** The one id rule of this test service: at most two segments, never `..`. */
const parseThingId = (value: string): string => {
  if (value.split('/').length > 2 || value.includes('..')) throw new ApiError('INVALID_ID', `Invalid thing id '${value}'`);
  return value;
};

/** This test service's rule for every other path parameter. */
const noControlCharacters = (name: string, value: string): string => {
  if (hasControlCharacters(value))
    throw new ApiError('INVALID_PARAMETER', `Invalid parameter '${name}': must not contain control characters`, { parameter: name });
  return value;
};

const handlers: SpecHandlers = {
  listThings: async (request) => ({ items: [{ name: JSON.stringify(request.query), secret: '/srv/store/a' }], query: request.query }),
  createThing: async (request, reply) => reply.code(201).send({ made: request.body }),
  getThing: async (request) => ({ thing: request.params, public: request.routeOptions.config.public ?? false }),
  getThingCard: async (request) => ({ card: request.params, query: request.query }),
  getOwner: async (request) => ({ owner: request.params }),
  getHealth: async (request) => ({ public: request.routeOptions.config.public, operationId: request.routeOptions.config.operationId }),
};

interface Answer {
  statusCode: number;
  headers: Headers;
  body: string;
  json(): any;
}

/** A service on a real loopback socket (light-my-request's inject does not load under jest's ESM mode). */
interface Running {
  inject(request: string | { method: string; url: string; payload?: unknown }): Promise<Answer>;
  close(): Promise<void>;
}

async function build(register: (app: FastifyInstance) => void | Promise<void>): Promise<Running> {
  const app = Fastify({ routerOptions: { maxParamLength: 1024 } });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  await register(app);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    async inject(request) {
      const { method, url, payload } = typeof request === 'string' ? { method: 'GET', url: request, payload: undefined } : request;
      const sent = typeof payload === 'string' ? payload : JSON.stringify(payload);
      const response = await fetch(`${base}${url}`, {
        method,
        ...(payload === undefined ? {} : { body: sent, headers: { 'content-type': 'application/json' } }),
      });
      const body = await response.text();
      return { statusCode: response.status, headers: response.headers, body, json: () => JSON.parse(body) };
    },
    close: () => app.close(),
  };
}

describe('registerSpecRoutes', () => {
  let app: Running;
  beforeAll(async () => {
    app = await build(
      (a) => void registerSpecRoutes(a, { spec, handlers, slashParams: { thingId: parseThingId }, pathParam: noControlCharacters }),
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('validates and coerces the query from the spec, applying defaults and comma lists', async () => {
    const queryOf = async (url: string): Promise<unknown> => JSON.parse((await app.inject(url)).json().items[0].name);
    expect(await queryOf('/things?limit=5&tags=a,b&exact=true')).toEqual({ limit: 5, tags: ['a', 'b'], exact: true });
    expect(await queryOf('/things?tags=a&tags=b,c')).toEqual({ limit: 20, tags: ['a', 'b', 'c'] });
    expect(await queryOf('/things?tags=solo')).toEqual({ limit: 20, tags: ['solo'] });
  });

  it('drops a field the response schema does not document', async () => {
    const answer = await app.inject('/things');
    expect(answer.json()).toEqual({ items: [{ name: '{"limit":20}' }] });
    expect(answer.body).not.toContain('/srv/store');
  });

  it('answers a bad query value with INVALID_PARAMETER naming the parameter and the allowed values', async () => {
    const sort = await app.inject('/things?sort=colour');
    expect(sort.statusCode).toBe(400);
    expect(sort.json().message).toBe("Invalid parameter 'sort': must be one of name, size");
    expect(sort.json().metadata).toMatchObject({ code: 'INVALID_PARAMETER', details: { parameter: 'sort', allowed: ['name', 'size'] } });
    expect((await app.inject('/things?limit=0')).json().message).toBe("Invalid parameter 'limit': must be >= 1");
    expect((await app.inject('/things?exact=perhaps')).json().message).toMatch(/'exact'.*boolean/);
  });

  it('answers an undeclared query parameter with the declared ones, and a missing one by name', async () => {
    const unknown = await app.inject('/things?colour=red');
    expect(unknown.json().message).toBe("Unknown query parameter 'colour'; allowed parameters: limit, sort, tags, exact");
    expect(unknown.json().metadata.details).toEqual({ parameter: 'colour', allowed: ['limit', 'sort', 'tags', 'exact'] });
    const missing = await app.inject('/things/x/card');
    expect(missing.json()).toMatchObject({ message: "Missing query parameter 'path'", metadata: { code: 'INVALID_PARAMETER' } });
  });

  it('validates the body from the spec', async () => {
    const ok = await app.inject({ method: 'POST', url: '/things', payload: { name: 'cup' } });
    expect(ok.statusCode).toBe(201);
    const bad = await app.inject({ method: 'POST', url: '/things', payload: { name: 'a very long name' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().metadata).toMatchObject({ code: 'INVALID_PARAMETER', details: { parameter: 'name' } });
    const extra = await app.inject({ method: 'POST', url: '/things', payload: { name: 'cup', owner: 'me' } });
    expect(extra.json().metadata).toMatchObject({ code: 'INVALID_PARAMETER', details: { parameter: 'owner' } });
  });

  it('takes a JSON body with its own types: a number where a string is declared is refused, not turned into text', async () => {
    const number = await app.inject({ method: 'POST', url: '/things', payload: { name: 42 } });
    expect(number.statusCode).toBe(400);
    expect(number.json().message).toBe("Invalid parameter 'name': must be string");
    expect(number.json().metadata).toMatchObject({ code: 'INVALID_PARAMETER', details: { parameter: 'name' } });
  });

  it("validates path parameters from the spec, after the service's own check", async () => {
    expect((await app.inject('/owners/abcdef')).json().metadata).toMatchObject({
      code: 'INVALID_PARAMETER',
      details: { parameter: 'owner' },
    });
    const control = await app.inject('/owners/a%0Ab');
    expect(control.statusCode).toBe(400);
    expect(control.json().message).toMatch(/'owner'.*control characters/);
  });

  it('takes an id with a slash percent-encoded and raw, for every per-id operation', async () => {
    expect((await app.inject('/things/acme%2Fcup')).json().thing).toEqual({ thingId: 'acme/cup' });
    expect((await app.inject('/things/acme/cup')).json().thing).toEqual({ thingId: 'acme/cup' });
    expect((await app.inject('/things/acme%2Fcup/card?path=x')).json().card).toEqual({ thingId: 'acme/cup' });
    expect((await app.inject('/things/acme/cup/card?path=x')).json().card).toEqual({ thingId: 'acme/cup' });
    expect((await app.inject('/things/cup/card?path=x')).json().card).toEqual({ thingId: 'cup' });
  });

  it("lets the id's parser refuse what no route shape takes (three segments)", async () => {
    const three = await app.inject('/things/a/b/c');
    expect(three.statusCode).toBe(400);
    expect(three.json().metadata.code).toBe('INVALID_ID');
    const encoded = await app.inject('/things/..%2Fetc');
    expect(encoded.json().metadata.code).toBe('INVALID_ID');
  });

  it('answers a known path with another method 405 naming the allowed ones, without reading the body', async () => {
    const put = await app.inject({ method: 'PUT', url: '/things', payload: '{"not json' });
    expect(put.statusCode).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(put.json().metadata.code).toBe('METHOD_NOT_ALLOWED');
    const raw = await app.inject({ method: 'DELETE', url: '/things/acme/cup/card' });
    expect([raw.statusCode, raw.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('marks operations with `security: []` public and names the operation in the route config', async () => {
    expect((await app.inject('/health')).json()).toEqual({ public: true, operationId: 'getHealth' });
    expect((await app.inject('/things/cup')).json().public).toBe(false);
  });
});

describe('registerSpecRoutes at boot', () => {
  it('fails when a selected operation has no handler', async () => {
    const { getOwner: _dropped, ...rest } = handlers;
    await expect(build((a) => void registerSpecRoutes(a, { spec, handlers: rest }))).rejects.toThrow(/no handler for getOwner/);
  });

  it('fails when a handler names no selected operation', async () => {
    await expect(build((a) => void registerSpecRoutes(a, { spec, handlers: { ...handlers, getThng: async () => ({}) } }))).rejects.toThrow(
      /name no selected operation: getThng/,
    );
    await expect(build((a) => void registerSpecRoutes(a, { spec, handlers, select: withTags('Things') }))).rejects.toThrow(
      /getOwner, getHealth/,
    );
  });

  it('registers one selection from one module and another from a second, by tag', async () => {
    const { getOwner, ...things } = handlers;
    const app = await build((a) => {
      registerSpecRoutes(a, { spec, handlers: things, select: withoutTags('Owners'), slashParams: { thingId: parseThingId } });
      registerSpecRoutes(a, { spec, handlers: { getOwner: getOwner! }, select: withTags('Owners') });
    });
    expect((await app.inject('/owners/bob')).json()).toEqual({ owner: { owner: 'bob' } });
    expect((await app.inject('/things/cup')).statusCode).toBe(200);
    await app.close();
  });

  it('reads the bundled hub and inference-server documents', () => {
    const hub = loadSpecDocument(bundledSpecPath('hub'));
    expect(hub.operation('getModelCard')).toMatchObject({ method: 'GET', path: '/v3/mlhub/models/{modelId}/card', public: false });
    expect(hub.operation('getHealth').public).toBe(true);
    const inference = loadSpecDocument(bundledSpecPath('inference-server'));
    expect(inference.operation('generate').body?.schema).toBeDefined();
    expect(() => hub.operation('nothing')).toThrow(/not in the spec/);
  });
});

describe('protocol error writers', () => {
  const failing = (error: ApiError) => async (app: FastifyInstance) => {
    await app.register(async (tgi) => {
      useProtocolErrors(tgi, tgiErrors);
      tgi.get('/tgi', async () => {
        throw error;
      });
    });
    await app.register(
      async (openai) => {
        useProtocolErrors(openai, openAiErrors, { notFound: true });
        openai.get('/fail', async () => {
          throw error;
        });
      },
      { prefix: '/v1' },
    );
  };

  it('write TGI {error, error_type} and OpenAI {error: {message, type, param, code}}, each in its own plugin', async () => {
    const error = new ApiError('INVALID_PARAMETER', "Invalid parameter 'top_p': must be 1", { parameter: 'top_p' });
    const app = await build(failing(error));
    const tgi = await app.inject('/tgi');
    expect(tgi.statusCode).toBe(422);
    expect(tgi.json()).toEqual({ error: "Invalid parameter 'top_p': must be 1", error_type: 'validation' });
    expect(tgi.headers.get('x-request-id')).toBeTruthy();
    const openai = await app.inject('/v1/fail');
    expect(openai.statusCode).toBe(400);
    expect(openai.json()).toEqual({
      error: { message: "Invalid parameter 'top_p': must be 1", type: 'invalid_request_error', param: 'top_p', code: 'invalid_value' },
    });
    const missing = await app.inject('/v1/nothing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ type: 'invalid_request_error', param: null });
    // Outside the protocol plugins the Tapis envelope still answers.
    expect((await app.inject('/nothing')).json()).toMatchObject({ status: 'error', metadata: { code: 'NOT_FOUND' } });
    await app.close();
  });

  it("use an error's protocol code and hide a 500's detail behind the request id", async () => {
    const app = await build(
      failing(new ApiError('SERVICE_UNAVAILABLE', 'Model is loading', undefined, { protocolCode: 'model_not_ready' })),
    );
    expect((await app.inject('/v1/fail')).json().error).toMatchObject({ type: 'service_unavailable_error', code: 'model_not_ready' });
    expect((await app.inject('/tgi')).json()).toEqual({ error: 'Model is loading', error_type: 'model_not_ready' });
    await app.close();
    const broken = await build(async (a) => {
      await a.register(async (tgi) => {
        useProtocolErrors(tgi, tgiErrors);
        tgi.get('/tgi', async () => {
          throw new Error('secret detail');
        });
      });
    });
    const answer = await broken.inject('/tgi');
    expect(answer.statusCode).toBe(500);
    expect(answer.json()).toEqual({ error: expect.stringMatching(/request id/), error_type: 'internal' });
    expect(answer.body).not.toContain('secret detail');
    await broken.close();
  });
});
