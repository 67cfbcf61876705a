import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, startControlHub, tempDataDir, type ControlHub } from './harness.js';

const enc = encodeURIComponent;

describe('getInferenceAvailability: servable here, or why not', () => {
  const data = tempDataDir();
  let hub: ControlHub;
  let token: string;

  beforeAll(async () => {
    // A T5 in the store without its decoder graph, and a GPT-2 in the store.
    const half = path.join(data.storeDir, 'models', 'acme', 'half-t5');
    mkdirSync(path.join(half, 'onnx'), { recursive: true });
    writeFileSync(path.join(half, 'config.json'), JSON.stringify({ model_type: 't5', architectures: ['T5ForConditionalGeneration'] }));
    writeFileSync(path.join(half, 'onnx', 'encoder_model.onnx'), 'graph');
    const gpt = path.join(data.storeDir, 'models', 'acme', 'gpt');
    mkdirSync(gpt, { recursive: true });
    writeFileSync(path.join(gpt, 'config.json'), JSON.stringify({ model_type: 'gpt2' }));
    hub = await startControlHub(data.dataDir, { MLHUB_INFERENCE_MAX_MODEL_BYTES: '1000000000' });
    token = await hub.token('alice');
  });
  afterAll(async () => {
    await hub?.close();
    data.remove();
  });

  const availability = async (id: string): Promise<any> => {
    const answer = await call(hub, 'GET', `/v3/mlhub/inference/models/${enc(id)}`, token);
    return { status: answer.status, ...answer.body.result, code: answer.body.metadata?.code };
  };

  it.each([
    ['acme/half-t5', /has no ONNX export in the store/],
    ['acme/gpt', /not a text-to-text T5-family model \(model_type gpt2\)/],
    ['openai-community/gpt2', /not a text-to-text T5-family model/],
    ['google/flan-t5-small', /has no ONNX export in its repository/],
  ])('%s is not servable: %p', async (id, reason) => {
    const answer = await availability(id);
    expect(answer).toMatchObject({ status: 200, servable: false, server: null });
    expect(answer.reason).toMatch(reason);
  });

  it('an unknown model is 404, a malformed id 400', async () => {
    expect((await availability('nobody/nothing')).status).toBe(404);
    const bad = await availability('a/../b');
    expect(bad.status).toBe(400);
    expect(bad.code).toBe('INVALID_ID');
  });

  it('creating a server for a model that cannot be served is 422 with the reason', async () => {
    const answer = await call(hub, 'POST', '/v3/mlhub/inference/servers', token, { modelId: 'acme/gpt' });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toMatch(/not a text-to-text/);
  });
});
