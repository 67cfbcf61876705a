import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorLogs, get, getRaw, sendRaw, startHub, type RunningHub } from './harness.js';
import { SpecValidator } from './spec-validator.js';

const LONG = `${'a'.repeat(128)}/${'b'.repeat(130)}`;

// [what, operationId, path, status, code, message pattern]
const table: [string, string, string, number, string, RegExp][] = [
  [
    'unknown sort',
    'listModels',
    '/v3/mlhub/models?sort=popularity',
    400,
    'INVALID_PARAMETER',
    /downloads, likes, created, updated, trending, id/,
  ],
  ['unknown dataset sort', 'listDatasets', '/v3/mlhub/datasets?sort=size', 400, 'INVALID_PARAMETER', /must be one of downloads/],
  ['unknown filter', 'listModels', '/v3/mlhub/models?colour=red', 400, 'INVALID_PARAMETER', /Unknown query parameter 'colour'.*task/],
  [
    'unknown facet filter',
    'getModelFacets',
    '/v3/mlhub/facets/models?sort=likes',
    400,
    'INVALID_PARAMETER',
    /Unknown query parameter 'sort'/,
  ],
  ['limit 0', 'listModels', '/v3/mlhub/models?limit=0', 400, 'INVALID_PARAMETER', /'limit'.*>= 1/],
  ['limit 101', 'listModels', '/v3/mlhub/models?limit=101', 400, 'INVALID_PARAMETER', /'limit'.*<= 100/],
  ['limit not a number', 'listDatasets', '/v3/mlhub/datasets?limit=ten', 400, 'INVALID_PARAMETER', /'limit'.*integer/],
  ['bad direction', 'listModels', '/v3/mlhub/models?direction=up', 400, 'INVALID_PARAMETER', /asc, desc/],
  ['bad source', 'listModels', '/v3/mlhub/models?source=github', 400, 'INVALID_PARAMETER', /huggingface, snapshot, store/],
  [
    'source not enabled on this hub',
    'listModels',
    '/v3/mlhub/models?source=huggingface',
    400,
    'INVALID_PARAMETER',
    /'huggingface' is not enabled on this hub.*snapshot, store/,
  ],
  [
    'facets of a source not enabled',
    'getDatasetFacets',
    '/v3/mlhub/facets/datasets?source=huggingface',
    400,
    'INVALID_PARAMETER',
    /'huggingface' is not enabled/,
  ],
  ['bad size category', 'listDatasets', '/v3/mlhub/datasets?size=huge', 400, 'INVALID_PARAMETER', /n<1K/],
  ['gated not a boolean', 'listModels', '/v3/mlhub/models?gated=perhaps', 400, 'INVALID_PARAMETER', /'gated'.*boolean/],
  ['bad cursor', 'listModels', '/v3/mlhub/models?cursor=not-a-cursor', 400, 'INVALID_PARAMETER', /cursor/i],
  ['resolve without path', 'downloadModelFile', '/v3/mlhub/models/acme%2Ftiny-t5/resolve', 400, 'INVALID_PARAMETER', /'path'/],
  ['id with a control character', 'getModel', '/v3/mlhub/models/google%2Fflan%0A-t5', 400, 'INVALID_ID', /control characters/],
  ['id with NUL', 'getModelCard', '/v3/mlhub/models/gpt%002/card', 400, 'INVALID_ID', /control characters/],
  ['id with ..', 'getModel', '/v3/mlhub/models/..%2F..%2Fetc', 400, 'INVALID_ID', /'\.\.'|segments/],
  ['id with .. raw', 'listModelFiles', '/v3/mlhub/models/google/../files', 400, 'INVALID_ID', /'\.\.'/],
  ['id with an empty segment', 'getModel', '/v3/mlhub/models/google%2F', 400, 'INVALID_ID', /empty/],
  ['id with an empty owner', 'getDataset', '/v3/mlhub/datasets/%2Fgsm8k', 400, 'INVALID_ID', /empty/],
  ['id with a doubled slash', 'getModel', '/v3/mlhub/models/google%2F%2Fflan-t5-small', 400, 'INVALID_ID', /empty segment/],
  ['id with three segments', 'getModel', '/v3/mlhub/models/a/b/c', 400, 'INVALID_ID', /more than two segments/],
  ['over-long id', 'getModel', `/v3/mlhub/models/${encodeURIComponent(LONG)}`, 400, 'INVALID_ID', /longer than 256/],
  ['over-long dataset id', 'getDatasetCard', `/v3/mlhub/datasets/${LONG}/card`, 400, 'INVALID_ID', /longer than 256/],
  ['unknown model', 'getModel', '/v3/mlhub/models/nobody%2Fnothing', 404, 'NOT_FOUND', /nobody\/nothing/],
  ['unknown model card', 'getModelCard', '/v3/mlhub/models/nobody/nothing/card', 404, 'NOT_FOUND', /nobody\/nothing/],
  ['unknown dataset', 'getDataset', '/v3/mlhub/datasets/nobody%2Fnothing', 404, 'NOT_FOUND', /nobody\/nothing/],
  ['unknown model snippets', 'getModelSnippets', '/v3/mlhub/models/nothing-here/snippets', 404, 'NOT_FOUND', /nothing-here/],
  [
    'path with ..',
    'downloadModelFile',
    '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=..%2F..%2Fsecret.txt',
    400,
    'INVALID_PARAMETER',
    /'path'/,
  ],
  [
    'absolute path',
    'downloadModelFile',
    '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=%2Fetc%2Fpasswd',
    400,
    'INVALID_PARAMETER',
    /'path'/,
  ],
  ['symlink out of the store', 'downloadModelFile', '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=leak.txt', 404, 'NOT_FOUND', /leak\.txt/],
  [
    'file not in the store',
    'downloadDatasetFile',
    '/v3/mlhub/datasets/acme%2Fmini-qa/resolve?path=data%2Fnope.csv',
    404,
    'NOT_FOUND',
    /nope\.csv/,
  ],
  [
    'legacy: unknown size category',
    'legacyListDatasetsBySizeCategory',
    '/v3/ml-hub/datasets/size-categories/huge',
    400,
    'INVALID_PARAMETER',
    /n<1K/,
  ],
  [
    'legacy: over-long author',
    'legacyListModelsByAuthor',
    `/v3/ml-hub/models/authors/${'x'.repeat(101)}`,
    400,
    'INVALID_PARAMETER',
    /'authorId'/,
  ],
  ['legacy: id with ..', 'legacyGetModel', '/v3/ml-hub/models/..%2F..', 400, 'INVALID_ID', /'\.\.'/],
  ['legacy: unknown model', 'legacyGetModel', '/v3/ml-hub/models/nobody%2Fnothing', 404, 'NOT_FOUND', /nobody\/nothing/],
  ['legacy: unknown dataset card', 'legacyGetDatasetCard', '/v3/ml-hub/dataset_card/nobody%2Fnothing', 404, 'NOT_FOUND', /nobody\/nothing/],
];

// Requests Node's HTTP parser refuses before Fastify sees them: [what, bytes, status, message pattern].
const HOST = 'Host: 127.0.0.1\r\n';
const malformed: [string, string | Buffer, number, RegExp][] = [
  ['a URL over 16 KB', `GET /v3/mlhub/models?search=${'a'.repeat(17_000)} HTTP/1.1\r\n${HOST}\r\n`, 431, /16 KB/],
  ['headers over 16 KB', `GET /v3/mlhub/health HTTP/1.1\r\n${HOST}X-Big: ${'a'.repeat(17_000)}\r\n\r\n`, 431, /16 KB/],
  [
    'Content-Length with Transfer-Encoding',
    `POST /v3/mlhub/models HTTP/1.1\r\n${HOST}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    400,
    /Content-Length|Malformed/,
  ],
  ['a bare LF in a header', `GET /v3/mlhub/health HTTP/1.1\r\n${HOST}X-A: a\nb\r\n\r\n`, 400, /Malformed/],
  ['NUL in a header', `GET /v3/mlhub/health HTTP/1.1\r\n${HOST}X-A: a\u0000b\r\n\r\n`, 400, /Malformed/],
  ['method FOO', `FOO /v3/mlhub/health HTTP/1.1\r\n${HOST}\r\n`, 400, /method/],
  ['a raw space in the path', `GET /v3/mlhub/models/a b/card HTTP/1.1\r\n${HOST}\r\n`, 400, /Malformed/],
  [
    'a raw non-ASCII byte in the path',
    Buffer.concat([Buffer.from('GET /v3/mlhub/models/caf'), Buffer.from([0xe9]), Buffer.from(` HTTP/1.1\r\n${HOST}\r\n`)]),
    400,
    /Malformed/,
  ],
];

describe('bad input answers a 4xx envelope and logs nothing at error level', () => {
  let hub: RunningHub;
  const validator = new SpecValidator();

  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it.each(table)('%s', async (_what, operationId, url, status, code, message) => {
    const answer = await getRaw(hub, url);
    expect({ status: answer.status, code: answer.body?.metadata?.code }).toEqual({ status, code });
    expect(answer.body.message).toMatch(message);
    expect(answer.body.metadata.requestId).toBe(answer.headers.get('x-request-id'));
    expect(validator.check(operationId, status, answer.headers.get('content-type'), answer.body)).toEqual([]);
    expect(answer.text).not.toContain('outside the store');
  });

  it.each(malformed)('client errors are the envelope with a request id: %s', async (_what, bytes, status, message) => {
    const answer = await sendRaw(hub, bytes);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toMatchObject({
      status: 'error',
      result: null,
      metadata: { code: status === 431 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' },
    });
    expect(answer.body.message).toMatch(message);
    expect(answer.body.metadata.requestId).toBe(answer.headers['x-request-id']);
    expect(answer.body.version).toBe(hub.app.serviceVersion);
  });

  it('unknown routes answer 404 without parsing a body', async () => {
    const body = '{"not json';
    const answer = await sendRaw(
      hub,
      `POST /v3/mlhub/nothing HTTP/1.1\r\n${HOST}X-Tapis-Token: ${hub.token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect([answer.status, answer.body.metadata.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('a wrong method on a known path answers 405 with Allow, without parsing a body', async () => {
    const body = '{"not json';
    const answer = await sendRaw(
      hub,
      `POST /v3/mlhub/models/google%2Fflan-t5-small/card HTTP/1.1\r\n${HOST}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect([answer.status, answer.headers['allow'], answer.body.metadata.code]).toEqual([405, 'GET, HEAD', 'METHOD_NOT_ALLOWED']);
    expect(answer.body.metadata.requestId).toBe(answer.headers['x-request-id']);
    const legacy = await sendRaw(hub, `DELETE /v3/ml-hub/models HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`);
    expect([legacy.status, legacy.headers['allow']]).toEqual([405, 'GET, HEAD']);
  });

  it('names the allowed values in details', async () => {
    const answer = await get(hub, '/v3/mlhub/models?sort=popularity');
    expect(answer.body.metadata.details).toEqual({
      parameter: 'sort',
      allowed: ['downloads', 'likes', 'created', 'updated', 'trending', 'id'],
    });
  });

  it('a route that does not exist is a 404 envelope', async () => {
    const answer = await get(hub, '/v3/mlhub/nothing');
    expect(answer.status).toBe(404);
    expect(answer.body.metadata.code).toBe('NOT_FOUND');
  });

  it('inference operations refuse a malformed server id with 400, and an unknown one with 404', async () => {
    const bad = await get(hub, '/v3/mlhub/inference/servers/NOT_AN_ID');
    expect(bad.status).toBe(400);
    expect(bad.body.metadata.code).toBe('INVALID_PARAMETER');
    const unknown = await get(hub, '/v3/mlhub/inference/servers/srv-00000000');
    expect(unknown.status).toBe(404);
  });

  // A JSON body carries its own types: `"600"` is not read as 600, nor `"true"` as true, nor 5 as "5".
  const bodies: [string, string, string, unknown, string, RegExp][] = [
    [
      'a string idle timeout',
      'createInferenceServer',
      '/v3/mlhub/inference/servers',
      { modelId: 'acme/tiny-t5', idleTimeoutSeconds: '600' },
      'idleTimeoutSeconds',
      /must be integer/,
    ],
    ['a numeric model id', 'createInferenceServer', '/v3/mlhub/inference/servers', { modelId: 5 }, 'modelId', /must be string/],
    ['a numeric revision', 'createModelPull', '/v3/mlhub/inference/pulls', { modelId: 'acme/tiny-t5', revision: 5 }, 'revision', /string/],
    [
      'a string stream flag',
      'runInference',
      '/v3/mlhub/inference/models/acme%2Ftiny-t5/generate',
      { inputs: 'a', stream: 'true' },
      'stream',
      /must be boolean/,
    ],
    [
      'a string max_new_tokens',
      'runInference',
      '/v3/mlhub/inference/models/acme%2Ftiny-t5/generate',
      { inputs: 'a', parameters: { max_new_tokens: '5' } },
      'parameters.max_new_tokens',
      /must be integer/,
    ],
  ];
  it.each(bodies)('JSON bodies are not type-coerced: %s', async (_what, operationId, url, body, parameter, message) => {
    const response = await fetch(`${hub.url}${url}`, {
      method: 'POST',
      headers: { 'X-Tapis-Token': hub.token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { message: string; metadata: { code: string; details: Record<string, unknown> } };
    expect({ status: response.status, code: answer.metadata.code, parameter: answer.metadata.details['parameter'] }).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER',
      parameter,
    });
    expect(answer.message).toMatch(message);
    expect(validator.check(operationId, 400, response.headers.get('content-type'), answer)).toEqual([]);
  });

  it('logged none of these client mistakes at error level', () => {
    expect(hub.logs.length).toBeGreaterThan(table.length);
    expect(errorLogs(hub)).toEqual([]);
  });
});
