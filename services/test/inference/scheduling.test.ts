// How the server forms batches, as clients see it: the order in which requests finish, and the batch sizes in
// /metrics, on a real server child with the tiny model.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeTinyModel, metric, post, type RunningServer, startInferenceServer, token } from './harness.js';

let model: ReturnType<typeof makeTinyModel>;
let pairs: RunningServer;
let patient: RunningServer;

beforeAll(async () => {
  model = makeTinyModel();
  const common = { MLHUB_INFERENCE_DTYPE: 'fp32', MLHUB_INFERENCE_MAX_NEW_TOKENS: '4000', MLHUB_INFERENCE_MAX_TOTAL_TOKENS: '4100' };
  // Batches of two rows, formed at once: what runs together is decided only by the queue's order and lengths.
  pairs = await startInferenceServer(model.dir, { ...common, MLHUB_INFERENCE_MAX_BATCH_SIZE: '2', MLHUB_INFERENCE_BATCH_WAIT_MS: '0' });
  patient = await startInferenceServer(model.dir, { ...common, MLHUB_INFERENCE_BATCH_WAIT_MS: '150' });
}, 120_000);

afterAll(async () => {
  await Promise.all([pairs?.stop(), patient?.stop()]);
  model?.remove();
});

const exactly = (url: string, tokens: number) =>
  post(`${url}/generate`, { inputs: 'Summarize: the cat sat on the mat', parameters: { max_new_tokens: tokens, min_new_tokens: tokens } });

/**
 * Holds the engine with a long streamed request, queues `asks` in order (each seen in the queue gauge before the
 * next is sent), then lets the holder go; answers the names in the order they finished.
 */
async function finishingOrder(asks: [string, number][]): Promise<string[]> {
  const { url } = pairs;
  const holder = new AbortController();
  const response = await fetch(`${url}/generate_stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tapis-token': await token() },
    body: JSON.stringify({ inputs: 'hold', parameters: { max_new_tokens: 4000, min_new_tokens: 4000 } }),
    signal: holder.signal,
  });
  await (response.body as ReadableStream<Uint8Array>).getReader().read();
  const finished: string[] = [];
  const running: Promise<void>[] = [];
  for (const [name, tokens] of asks) {
    const queued = await metric(url, 'tgi_queue_size');
    running.push(exactly(url, tokens).then(() => void finished.push(name)));
    while ((await metric(url, 'tgi_queue_size')) === queued) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  holder.abort();
  await Promise.all(running);
  return finished;
}

describe('batch scheduling', () => {
  it('runs the oldest request with those of like length, so a short one does not wait behind a long batch', async () => {
    // First come, first served would pair S1 with L and leave S2 waiting the 40 steps of L.
    const order = await finishingOrder([
      ['S1', 3],
      ['L', 40],
      ['S2', 3],
    ]);
    expect(order.indexOf('S2')).toBeLessThan(order.indexOf('L'));
  });

  it('never lets later short requests overtake the oldest one', async () => {
    // L is the oldest: it goes in the next batch (with S1); shortest-first would run S2 and S3 before it.
    const order = await finishingOrder([
      ['L', 40],
      ['S1', 3],
      ['S2', 3],
      ['S3', 3],
    ]);
    expect(order.indexOf('S1')).toBeLessThan(order.indexOf('L'));
    expect(order.indexOf('S2')).toBeGreaterThan(order.indexOf('L'));
    expect(order.indexOf('S3')).toBeGreaterThan(order.indexOf('L'));
  });

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
});
