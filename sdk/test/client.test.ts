import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createMlHubClient, MlHubError, unwrap, unwrapEnvelope } from '../src/index.js';
import { modelEnvelope } from './fixtures.js';
import { failure, sendJson, startLoopback, success, type Loopback } from './loopback.js';

const MODEL = '/v3/mlhub/models/{modelId}';
const modelParams = (modelId: string) => ({ params: { path: { modelId } } });

describe('createMlHubClient against a loopback hub', () => {
  let hub: Loopback;
  let answer: (url: string) => { status: number; body: unknown; html?: string } = () => ({
    status: 200,
    body: modelEnvelope,
  });

  beforeAll(async () => {
    hub = await startLoopback((req, res) => {
      const { status, body, html } = answer(req.url ?? '');
      if (html !== undefined) {
        res.writeHead(status, { 'content-type': 'text/html' });
        res.end(html);
      } else {
        sendJson(res, status, body);
      }
    });
  });
  afterEach(() => {
    hub.seen.length = 0;
    answer = () => ({ status: 200, body: modelEnvelope });
  });
  afterAll(() => hub.close());

  it('sends the fixed token as X-Tapis-Token', async () => {
    const client = createMlHubClient({ baseUrl: hub.url, token: 'tok-fixed' });
    const { data, error } = await client.GET(MODEL, modelParams('gpt2'));
    expect(error).toBeUndefined();
    expect(data?.result.id).toBe('google/flan-t5-small');
    expect(hub.seen[0]?.headers['x-tapis-token']).toBe('tok-fixed');
  });

  it('asks getToken before every request, so a refreshed token is used', async () => {
    let calls = 0;
    const client = createMlHubClient({
      baseUrl: hub.url,
      getToken: async () => {
        calls += 1;
        await Promise.resolve();
        return `tok-${calls}`;
      },
    });
    await client.GET(MODEL, modelParams('gpt2'));
    await client.GET(MODEL, modelParams('gpt2'));
    expect(hub.seen.map((r) => r.headers['x-tapis-token'])).toEqual(['tok-1', 'tok-2']);
  });

  it('sends no token header when there is no token, and the extra headers it was given', async () => {
    const client = createMlHubClient({ baseUrl: hub.url, headers: { 'X-Gateway': 'portal' } });
    await client.GET(MODEL, modelParams('gpt2'));
    expect(hub.seen[0]?.headers['x-tapis-token']).toBeUndefined();
    expect(hub.seen[0]?.headers['x-gateway']).toBe('portal');
  });

  it('sends a model id with a slash as ONE percent-encoded path segment', async () => {
    const client = createMlHubClient({ baseUrl: hub.url, token: 't' });
    await client.GET('/v3/mlhub/models/{modelId}/card', modelParams('google/flan-t5-small'));
    await client.GET(MODEL, modelParams('a b/c?d#e'));
    expect(hub.seen.map((r) => r.rawUrl)).toEqual(['/v3/mlhub/models/google%2Fflan-t5-small/card', '/v3/mlhub/models/a%20b%2Fc%3Fd%23e']);
  });

  it('does not throw on an error answer; unwrap throws MlHubError built from the envelope', async () => {
    answer = () => ({ status: 404, body: failure('NOT_FOUND', "Model 'nobody/nothing' not found", 'req-404') });
    const client = createMlHubClient({ baseUrl: hub.url, token: 't' });
    const result = await client.GET(MODEL, modelParams('nobody/nothing'));
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(404);
    let thrown: unknown;
    try {
      unwrap(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MlHubError);
    expect(thrown).toMatchObject({
      name: 'MlHubError',
      status: 404,
      code: 'NOT_FOUND',
      message: "Model 'nobody/nothing' not found",
      requestId: 'req-404',
      url: `${hub.url}/v3/mlhub/models/nobody%2Fnothing`,
    });
    expect((thrown as MlHubError).body).toMatchObject({ status: 'error', metadata: { code: 'NOT_FOUND' } });
  });

  it("turns a proxy's HTML 502 page into an MlHubError that says the body was not JSON", async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
    answer = () => ({ status: 502, body: null, html });
    const client = createMlHubClient({ baseUrl: hub.url, token: 't' });
    const result = await client.GET(MODEL, modelParams('gpt2'));
    expect(() => unwrap(result)).toThrow(MlHubError);
    const error = (() => {
      try {
        unwrap(result);
      } catch (e) {
        return e as MlHubError;
      }
      throw new Error('unwrap did not throw');
    })();
    expect(error.status).toBe(502);
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.message).toMatch(/502/);
    expect(error.message).toMatch(/non-JSON/);
    expect(error.message).toMatch(/text\/html/);
    expect(error.body).toBe(html);
  });

  it('gives the same error from fromResponse when it reads the body itself', async () => {
    const response = new Response('<html>Service Unavailable</html>', {
      status: 503,
      headers: { 'content-type': 'text/html', 'x-request-id': 'req-proxy' },
    });
    const error = await MlHubError.fromResponse(response);
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', requestId: 'req-proxy' });
    expect(error.message).toMatch(/non-JSON/);
  });

  it('names JSON that is not an envelope (another server at the base URL) for what it is', async () => {
    answer = () => ({ status: 404, body: { detail: 'Not Found' } });
    const client = createMlHubClient({ baseUrl: hub.url, token: 't' });
    const result = await client.GET(MODEL, modelParams('gpt2'));
    expect(() => unwrap(result)).toThrow(/not a Tapis error envelope/);
    expect(() => unwrap(result)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', status: 404 }));
  });

  it('explains a 304 instead of handing back nothing', () => {
    const response = new Response(null, { status: 304, headers: { etag: '"abc"' } });
    expect(() => unwrap({ response })).toThrow(/304 Not Modified/);
  });

  it('unwrap returns result, unwrapEnvelope the whole envelope', async () => {
    answer = () => ({ status: 200, body: success({ id: 'gpt2' }, { source: 'snapshot' }) });
    const client = createMlHubClient({ baseUrl: hub.url, token: 't' });
    const result = await client.GET(MODEL, modelParams('gpt2'));
    expect(unwrap(result).id).toBe('gpt2');
    expect(unwrapEnvelope(result).metadata).toEqual({ requestId: 'req-test', source: 'snapshot' });
  });
});

describe('createMlHubClient with msw', () => {
  const server = setupServer();
  // Made BEFORE msw patches globalThis.fetch: the client must still go through the patched fetch.
  const client = createMlHubClient({ baseUrl: 'http://hub.test', getToken: () => 'tok-msw' });

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('is seen by msw even though msw started after the client was created', async () => {
    let token: string | null = null;
    let path = '';
    let modelId: unknown;
    server.use(
      http.get('http://hub.test/v3/mlhub/models/:modelId', ({ request, params }) => {
        token = request.headers.get('x-tapis-token');
        path = new URL(request.url).pathname;
        modelId = params.modelId;
        return HttpResponse.json(modelEnvelope);
      }),
    );
    const model = unwrap(await client.GET(MODEL, modelParams('google/flan-t5-small')));
    expect(model.id).toBe('google/flan-t5-small');
    expect(token).toBe('tok-msw');
    expect(path).toBe('/v3/mlhub/models/google%2Fflan-t5-small');
    expect(modelId).toBe('google/flan-t5-small');
  });
});
