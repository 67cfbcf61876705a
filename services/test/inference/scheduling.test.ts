// How the server forms batches, as clients see it in /metrics: a real server child with the tiny model.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeTinyModel, metric, post, type RunningServer, startInferenceServer, token } from './harness.js';

let model: ReturnType<typeof makeTinyModel>;
let patient: RunningServer;
/** Holds a request that cannot catch up until the others end, and two requests at most. */
let holding: RunningServer;

beforeAll(async () => {
  model = makeTinyModel();
  const common = { MLHUB_INFERENCE_DTYPE: 'fp32', MLHUB_INFERENCE_MAX_NEW_TOKENS: '4000', MLHUB_INFERENCE_MAX_TOTAL_TOKENS: '4100' };
  patient = await startInferenceServer(model.dir, { ...common, MLHUB_INFERENCE_BATCH_WAIT_MS: '150' });
  holding = await startInferenceServer(model.dir, {
    ...common,
    MLHUB_INFERENCE_MAX_WAITING_TOKENS: '100000',
    MLHUB_INFERENCE_MAX_CONCURRENT_REQUESTS: '2',
  });
}, 120_000);

afterAll(async () => {
  await patient?.stop();
  await holding?.stop();
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

  it('starts a request that arrives during a long one at once, and a short one ends first', async () => {
    const { url } = patient;
    const ids = (answer: { body: unknown }) => (answer.body as { details: { tokens: { id: number }[] } }).details.tokens.map((t) => t.id);
    const short = { inputs: 'Hi', parameters: { max_new_tokens: 5, min_new_tokens: 5, details: true } };
    const alone = ids(await post(`${url}/generate`, short));
    const long = await streamUntil(
      url,
      { inputs: 'Summarize: the cat sat on the mat', parameters: { max_new_tokens: 1500, min_new_tokens: 1500 } },
      5,
    );
    const joined = await post(`${url}/generate`, short);
    const endedFirst = long.ended();
    expect(await long.rest).toBe(1500);
    // Under a batch that runs to its end before the next starts, the short request would wait 1,500 steps.
    expect(endedFirst).toBe(false);
    expect(ids(joined)).toEqual(alone);
  });

  it('holds requests that cannot catch up with a running one a few steps, so those arriving meanwhile start together', async () => {
    const { url } = patient;
    const short = { inputs: 'Hi', parameters: { max_new_tokens: 5, min_new_tokens: 5 } };
    // Both buckets from one scrape: the long request's one-row runs go on between two.
    const pairs = async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const bucket = (le: string) =>
        Number(
          text
            .split('\n')
            .find((l) => l.startsWith(`tgi_batch_current_size_bucket{le="${le}"} `))
            ?.split(' ')[1],
        );
      return bucket('2') - bucket('1');
    };
    const before = await pairs();
    const long = await streamUntil(
      url,
      { inputs: 'Summarize: the cat sat on the mat', parameters: { max_new_tokens: 1500, min_new_tokens: 1500 } },
      5,
    );
    // Sent together, they reach the server a few steps apart (the decoder holds the event loop while it runs).
    const answers = await Promise.all([post(`${url}/generate`, short), post(`${url}/generate`, short)]);
    const shared = (await pairs()) - before;
    const endedFirst = long.ended();
    // Awaited before any expectation, so that a failure leaves no request running into the next test.
    expect(await long.rest).toBe(1500);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    // Both shorts' five steps in two-row runs; started each on arrival, they would be one-row cohorts taking turns.
    expect(shared).toBe(5);
    expect(endedFirst).toBe(false);
  });

  it('lets a waiting request whose client went away leave the queue, so its place serves the next one', async () => {
    const { url } = holding;
    const short = { inputs: 'Hi', parameters: { max_new_tokens: 5, min_new_tokens: 5 } };
    const long = await streamUntil(
      url,
      { inputs: 'Summarize: the cat sat on the mat', parameters: { max_new_tokens: 3000, min_new_tokens: 3000 } },
      5,
    );
    const controller = new AbortController();
    const waiting = fetch(`${url}/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tapis-token': await token() },
      body: JSON.stringify(short),
      signal: controller.signal,
    }).catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const full = await post(`${url}/generate`, short);
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = post(`${url}/generate`, short);
    const [gone, endedFirst] = [await waiting, long.ended()];
    await long.rest;
    // The server held two (the long one and the waiting one): a third was refused; once the waiting client
    // went away, the next one was taken (it runs when the long one ends, as this server holds newcomers).
    expect(full.status).toBe(429);
    expect(gone).toBe('AbortError');
    expect(endedFirst).toBe(false);
    expect((await after).status).toBe(200);
  });

  it('counts the requests of a batch still forming as held, so a third request to a server that holds two is refused', async () => {
    // The window keeps the first two gathering (taken from the queue, not yet decoding) when the third comes.
    const server = await startInferenceServer(model.dir, {
      MLHUB_INFERENCE_DTYPE: 'fp32',
      MLHUB_INFERENCE_BATCH_WAIT_MS: '300',
      MLHUB_INFERENCE_MAX_CONCURRENT_REQUESTS: '2',
    });
    try {
      const answers = await Promise.all([exactly(server.url, 2), exactly(server.url, 2), exactly(server.url, 2)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429]);
      expect(answers.find((a) => a.status === 429)?.body).toEqual({ error: 'Model is overloaded', error_type: 'overloaded' });
    } finally {
      await server.stop();
    }
  });

  it('lets a newcomer catch up with a running request, then decodes both in one run per step, each with its own tokens', async () => {
    const { url } = patient;
    const ids = (answer: { body: unknown }) => (answer.body as { details: { tokens: { id: number }[] } }).details.tokens.map((t) => t.id);
    const first = { inputs: 'Hi', parameters: { max_new_tokens: 400, min_new_tokens: 400, details: true } };
    // A wider prompt: its cross-attention keys are padded to the other's width when they merge, and masked.
    const second = {
      inputs: 'Summarize: the cat sat on the mat while the dog slept under the old wooden table by the door',
      parameters: { max_new_tokens: 400, min_new_tokens: 400, details: true },
    };
    const aloneFirst = ids(await post(`${url}/generate`, first));
    const aloneSecond = ids(await post(`${url}/generate`, second));
    const runs = await metric(url, 'tgi_batch_current_size_count');
    const single = await metric(url, 'tgi_batch_current_size_bucket{le="1"}');
    const stream = await streamUntil(url, { ...first, parameters: { ...first.parameters, details: undefined } }, 5);
    const joined = await post(`${url}/generate`, second);
    expect(await stream.rest).toBe(400);
    const allRuns = (await metric(url, 'tgi_batch_current_size_count')) - runs;
    const shared = allRuns - ((await metric(url, 'tgi_batch_current_size_bucket{le="1"}')) - single);
    // The first had taken k steps when the second came: k alone, k for the second to catch up, 400 - k shared.
    // Apart (one after the other, or taking turns) they would take 800 runs and share none.
    expect(shared).toBeGreaterThan(200);
    expect(allRuns - shared).toBe(2 * (400 - shared));
    expect(ids(joined)).toEqual(aloneSecond);
    expect(stream.tokens()).toEqual(aloneFirst);
  });
});

/** Opens a token stream and resolves once `count` tokens came; `rest` resolves to the number of tokens in all. */
async function streamUntil(url: string, body: unknown, count: number) {
  const response = await fetch(`${url}/generate_stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tapis-token': await token() },
    body: JSON.stringify(body),
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const ids: number[] = [];
  let buffered = '';
  let finished = false;
  const readSome = async (): Promise<boolean> => {
    const { done, value } = await reader.read();
    if (done) return false;
    buffered += decoder.decode(value, { stream: true });
    const blocks = buffered.split('\n\n');
    buffered = blocks.pop() ?? '';
    for (const block of blocks) {
      if (block.startsWith('data:')) ids.push((JSON.parse(block.slice(5)) as { token: { id: number } }).token.id);
    }
    return true;
  };
  while (ids.length < count && (await readSome()));
  const rest = (async () => {
    while (await readSome());
    finished = true;
    return ids.length;
  })();
  return { rest, ended: () => finished, tokens: () => ids };
}
