import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMlHubClient } from '@mlhub/sdk';
import { Configuration as ModelsConfiguration, ModelsApi } from '@tapis/tapis-typescript-mlhub-models';
import type { LocalBackend } from '../../../src/hub/inference/local-backend.js';
import {
  call,
  isAlive,
  putTinyModel,
  removeTinyCache,
  startControlHub,
  tempDataDir,
  waitFor,
  waitState,
  type ControlHub,
} from './harness.js';

// The local backend end to end on the generated tiny model: real hub, real inference server child processes,
// real SQLite state file. One hub, steps in order, as a user would live them.
const MODEL = 'local/tiny-t5';
const ENCODED = encodeURIComponent(MODEL);

describe('local backend: provision, infer through the hub, survive a kill -9, stop', () => {
  const data = tempDataDir();
  let hub: ControlHub;
  let alice: string;
  let bob: string;
  let serverId: string;

  beforeAll(async () => {
    putTinyModel(data.storeDir, MODEL);
    hub = await startControlHub(data.dataDir);
    alice = await hub.token('alice');
    bob = await hub.token('bob');
  });
  afterAll(async () => {
    await hub?.close();
    data.remove();
    removeTinyCache();
  });

  it('says the model is servable and no server runs yet; inference answers 409 with the hint', async () => {
    const availability = await call(hub, 'GET', `/v3/mlhub/inference/models/${ENCODED}`, alice);
    expect(availability.status).toBe(200);
    expect(availability.body.result).toEqual({ modelId: MODEL, servable: true, reason: null, server: null });
    const infer = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, alice, { inputs: 'hello' });
    expect(infer.status).toBe(409);
    expect(infer.body.metadata).toMatchObject({ code: 'CONFLICT', details: { hint: 'createInferenceServer', modelId: MODEL } });
  });

  it('creates a server: 202 pending, then initializing, then running on a loopback endpoint', async () => {
    const created = await call(hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL });
    expect(created.status).toBe(202);
    expect(created.body.result).toMatchObject({ modelId: MODEL, state: 'pending', backend: 'local', endpoint: null, createdBy: 'alice' });
    serverId = created.body.result.id;
    const running = await waitState(hub, alice, serverId, 'running');
    expect(running.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const history = await call(hub, 'GET', `/v3/mlhub/inference/servers/${serverId}/history`, alice);
    expect(history.body.result.map((h: { state: string }) => h.state)).toEqual(['pending', 'initializing', 'running']);
    expect(history.body.result[0].message).toBe('Requested by alice');
  });

  it('answers a second request for the same model with 409 and the live server in the body', async () => {
    const again = await call(hub, 'POST', '/v3/mlhub/inference/servers', bob, { modelId: MODEL });
    expect(again.status).toBe(409);
    expect(again.body.status).toBe('error');
    expect(again.body.metadata.code).toBe('CONFLICT');
    expect(again.body.result).toMatchObject({ id: serverId, state: 'running' });
  });

  it('the SDK sees the availability flip to the running server', async () => {
    const client = createMlHubClient({ baseUrl: hub.url, token: bob });
    const { data: answer } = await client.GET('/v3/mlhub/inference/models/{modelId}', { params: { path: { modelId: MODEL } } });
    expect(answer?.result.server).toMatchObject({ id: serverId, state: 'running' });
  });

  it("the published legacy client sees the running server, reached through the hub, not the child's loopback port", async () => {
    const models = new ModelsApi(new ModelsConfiguration({ basePath: hub.url, headers: { 'X-Tapis-Token': bob } }));
    const answer = await models.getModelInferenceServer({ modelId: MODEL });
    const endpoint = (await call(hub, 'GET', `/v3/mlhub/inference/servers/${serverId}`, bob)).body.result.endpoint as string;
    expect(answer.result).toMatchObject({ model_id: MODEL, inference_endpoint: `${hub.url}/v3/mlhub/inference/models/${ENCODED}/legacy` });
    expect(answer.result!.inference_endpoint).not.toContain(endpoint);
    const legacy = await fetch(answer.result!.inference_endpoint!, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'Translate to German: hello' }),
    });
    expect(legacy.status).toBe(200);
    const body = (await legacy.json()) as { status: string; message: string; result: { model_id: string; generated_text: string } };
    expect(body).toMatchObject({ status: 'success', message: 'Inference complete', result: { model_id: MODEL } });
    // The same greedy default decoding as the server's own legacy route.
    const direct = await fetch(`${endpoint}/inference/${ENCODED}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'Translate to German: hello' }),
    });
    expect(((await direct.json()) as { result: { generated_text: string } }).result.generated_text).toBe(body.result.generated_text);
  });

  it('refuses a legacy body with another field (400, never ignored), JSON only whatever it accepts', async () => {
    const url = `${hub.url}/v3/mlhub/inference/models/${ENCODED}/legacy`;
    const post = (body: unknown, accept = 'application/json') =>
      fetch(url, {
        method: 'POST',
        headers: { 'x-tapis-token': bob, 'content-type': 'application/json', accept },
        body: JSON.stringify(body),
      });
    const extra = await post({ prompt: 'hi', max_new_tokens: 5 });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { message: string }).message).toMatch(/max_new_tokens/);
    const empty = await post({ prompt: '' });
    expect(empty.status).toBe(400);
    await empty.body?.cancel();
    const sse = await post({ prompt: 'hi' }, 'text/event-stream');
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await sse.json()) as { result: { generated_text: unknown } }).result.generated_text).toEqual(expect.any(String));
  });

  it('runs inference through the hub as JSON, in the envelope', async () => {
    const answer = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, bob, {
      inputs: 'Translate to German: hello',
      parameters: { max_new_tokens: 8 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('success');
    expect(answer.body.result).toMatchObject({ modelId: MODEL, details: { finishReason: expect.stringMatching(/^(length|eos_token)$/) } });
    expect(typeof answer.body.result.generatedText).toBe('string');
    expect(answer.body.result.details.generatedTokens).toBeGreaterThan(0);
    expect(answer.body.result.details.generatedTokens).toBeLessThanOrEqual(8);
  });

  it('streams the same greedy text as SSE token events, the last with generated_text', async () => {
    const body = { inputs: 'Translate to German: hello', parameters: { max_new_tokens: 8 } };
    const json = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, bob, body);
    const response = await fetch(`${hub.url}/v3/mlhub/inference/models/${ENCODED}/generate`, {
      method: 'POST',
      headers: { 'X-Tapis-Token': bob, 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, stream: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text())
      .split('\n\n')
      .filter((e) => e.startsWith('data:'))
      .map((e) => JSON.parse(e.slice(5)) as { token: { text: string }; generated_text: string | null });
    expect(events.length).toBe(json.body.result.details.generatedTokens);
    expect(events.at(-1)?.generated_text).toBe(json.body.result.generatedText);
    expect(events.slice(0, -1).every((e) => e.generated_text === null)).toBe(true);
  });

  it("keeps the server's 422 as a 422 with its message, and 400 for a body the spec refuses", async () => {
    const tooLong = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, bob, { inputs: 'word '.repeat(3000) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.metadata.code).toBe('UNPROCESSABLE');
    expect(tooLong.body.message).toMatch(/set `truncate`/);
    // What the message offers, the hub takes: the input's last 8 tokens are kept, and the same input is served.
    const truncated = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, bob, {
      inputs: 'word '.repeat(3000),
      parameters: { truncate: 8, max_new_tokens: 2, min_new_tokens: 2 },
    });
    expect(truncated.status).toBe(200);
    expect(truncated.body.result.details.generatedTokens).toBe(2);
    const unknown = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, bob, {
      inputs: 'x',
      parameters: { nonsense: 1 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.metadata.code).toBe('INVALID_PARAMETER');
  });

  it('passes a client abort on to the server, which stops generating', async () => {
    const endpoint = (await call(hub, 'GET', `/v3/mlhub/inference/servers/${serverId}`, bob)).body.result.endpoint as string;
    const tokens = async (): Promise<number> => {
      const text = await (await fetch(`${endpoint}/metrics`)).text();
      return Number(/^mlhub_generated_tokens_total(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
    };
    // The precondition that makes this test able to fail: unaborted, this input runs to the token limit.
    const full = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, bob, {
      inputs: 'count',
      parameters: { max_new_tokens: 48 },
    });
    expect(full.body.result.details.finishReason).toBe('length');
    const before = await tokens();
    const abort = new AbortController();
    const response = await fetch(`${hub.url}/v3/mlhub/inference/models/${ENCODED}/generate`, {
      method: 'POST',
      headers: { 'X-Tapis-Token': bob, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: 'count', stream: true, parameters: { max_new_tokens: 512 } }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    abort.abort();
    await new Promise((r) => setTimeout(r, 1500));
    const settled = await tokens();
    await new Promise((r) => setTimeout(r, 500));
    expect(await tokens()).toBe(settled);
    expect(settled - before).toBeLessThan(512);
  });

  it("refuses another user's delete with 403 and keeps the server running", async () => {
    const denied = await call(hub, 'DELETE', `/v3/mlhub/inference/servers/${serverId}`, bob);
    expect(denied.status).toBe(403);
    expect(denied.body.metadata.code).toBe('FORBIDDEN');
    expect((await call(hub, 'GET', `/v3/mlhub/inference/servers/${serverId}`, bob)).body.result.state).toBe('running');
  });

  it('ends a stream cut by a kill -9 with an error event, restarts the child, and serves again', async () => {
    const backend = hub.app.inferenceControl.backend as LocalBackend;
    const pid = backend.pids().get(serverId)!;
    expect(isAlive(pid)).toBe(true);
    const response = await fetch(`${hub.url}/v3/mlhub/inference/models/${ENCODED}/generate`, {
      method: 'POST',
      headers: { 'X-Tapis-Token': bob, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: 'count', stream: true, parameters: { max_new_tokens: 512 } }),
    });
    const reader = response.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    process.kill(pid, 'SIGKILL');
    // Read to the end: a cut chunked body would reject here.
    for (let part = await reader.read(); !part.done; part = await reader.read()) text += new TextDecoder().decode(part.value);
    const events = text
      .split('\n\n')
      .filter((e) => e.startsWith('data:'))
      .map((e) => JSON.parse(e.slice(5)) as { error?: string; error_type?: string; generated_text?: string | null });
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toEqual({ error: expect.stringMatching(/stopped before the answer was complete/), error_type: 'generation' });
    expect(events.slice(0, -1).every((e) => e.generated_text === null)).toBe(true);
    await waitFor('the restart', async () => {
      const history = (await call(hub, 'GET', `/v3/mlhub/inference/servers/${serverId}/history`, alice)).body.result as {
        state: string;
        message: string;
      }[];
      return history.some((h) => h.state === 'initializing' && /signal SIGKILL\); restarting/.test(h.message)) ? true : undefined;
    });
    await waitState(hub, alice, serverId, 'running');
    const newPid = backend.pids().get(serverId)!;
    expect(newPid).not.toBe(pid);
    const answer = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, bob, {
      inputs: 'again',
      parameters: { max_new_tokens: 4 },
    });
    expect(answer.status).toBe(200);
  });

  it('lets the owner stop it: stopped, no endpoint, its process gone, inference 409 again', async () => {
    const backend = hub.app.inferenceControl.backend as LocalBackend;
    const pid = backend.pids().get(serverId)!;
    const stopped = await call(hub, 'DELETE', `/v3/mlhub/inference/servers/${serverId}`, alice);
    expect(stopped.status).toBe(200);
    expect(stopped.body.result).toMatchObject({ id: serverId, state: 'stopped', endpoint: null });
    expect(isAlive(pid)).toBe(false);
    const infer = await call(hub, 'POST', `/v3/mlhub/inference/models/${ENCODED}/generate`, bob, { inputs: 'hello' });
    expect(infer.status).toBe(409);
    const list = await call(hub, 'GET', `/v3/mlhub/inference/servers?modelId=${ENCODED}`, bob);
    expect(list.body.result.map((s: { id: string; state: string }) => [s.id, s.state])).toEqual([[serverId, 'stopped']]);
    expect(list.body.metadata).toMatchObject({ total: 1, nextCursor: null, limit: 20 });
  });
});
