// How the server forms batches, as clients see it in /metrics: a real server child with the tiny model.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeTinyModel, metric, post, type RunningServer, startInferenceServer } from './harness.js';

let model: ReturnType<typeof makeTinyModel>;
let patient: RunningServer;

beforeAll(async () => {
  model = makeTinyModel();
  const common = { MLHUB_INFERENCE_DTYPE: 'fp32', MLHUB_INFERENCE_MAX_NEW_TOKENS: '4000', MLHUB_INFERENCE_MAX_TOTAL_TOKENS: '4100' };
  patient = await startInferenceServer(model.dir, { ...common, MLHUB_INFERENCE_BATCH_WAIT_MS: '150' });
}, 120_000);

afterAll(async () => {
  await patient?.stop();
  model?.remove();
});

const exactly = (url: string, tokens: number) =>
  post(`${url}/generate`, { inputs: 'Summarize: the cat sat on the mat', parameters: { max_new_tokens: tokens, min_new_tokens: tokens } });

describe('batch scheduling', () => {
  it('waits while requests keep arriving, so requests sent one after another share one batch', async () => {
    const { url } = patient;
    const steps = await metric(url, 'tgi_batch_current_size_count');
    const small = await metric(url, 'tgi_batch_current_size_bucket{le="2"}');
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Each arrives inside the window the one before it opened (150 ms): one window alone would have started
    // the batch before the third came.
    await Promise.all([exactly(url, 4), later(100).then(() => exactly(url, 4)), later(200).then(() => exactly(url, 4))]);
    expect((await metric(url, 'tgi_batch_current_size_count')) - steps).toBe(4);
    expect((await metric(url, 'tgi_batch_current_size_bucket{le="2"}')) - small).toBe(0);
  });

  it('encodes prompts as they join a forming batch, pads them to the widest, and each gets the tokens it gets alone', async () => {
    const { url } = patient;
    const short = { inputs: 'Hi', parameters: { max_new_tokens: 6, min_new_tokens: 6, details: true } };
    const long = {
      inputs: 'Summarize: the cat sat on the mat while the dog slept under the old wooden table by the door',
      parameters: { max_new_tokens: 6, min_new_tokens: 6, details: true },
    };
    const ids = (answer: { body: unknown }) => (answer.body as { details: { tokens: { id: number }[] } }).details.tokens.map((t) => t.id);
    const aloneShort = ids(await post(`${url}/generate`, short));
    const aloneLong = ids(await post(`${url}/generate`, long));
    const steps = await metric(url, 'tgi_batch_current_size_count');
    // The long prompt arrives 100 ms after the short one was encoded: a second encoder run, joined to the first.
    const [jointShort, jointLong] = await Promise.all([
      post(`${url}/generate`, short),
      new Promise((resolve) => setTimeout(resolve, 100)).then(() => post(`${url}/generate`, long)),
    ]);
    expect((await metric(url, 'tgi_batch_current_size_count')) - steps).toBe(6);
    expect(ids(jointShort)).toEqual(aloneShort);
    expect(ids(jointLong)).toEqual(aloneLong);
  });
});
