// How the server forms batches, as clients see it in /metrics: a real server child with the tiny model.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writePatchedDecoder } from '../../src/inference/onnx/decoder-patch.js';
import { makeTinyModel, metric, post, type RunningServer, startInferenceServer, token } from './harness.js';

let model: ReturnType<typeof makeTinyModel>;
/** The defaults but a long gathering window: the decoder takes the self-attention mask the server adds. */
let patient: RunningServer;
/** The same without the mask: only rows at one position share a run. */
let positional: RunningServer;
/** Without the mask: holds a request that cannot catch up until the others end, and two requests at most. */
let holding: RunningServer;
/** A model whose decoder takes the mask already, patched whole: the server loads it as it is, with no split. */
let whole: RunningServer;
let wholeStore: string;

beforeAll(async () => {
  model = makeTinyModel();
  wholeStore = path.join(mkdtempSync(path.join(tmpdir(), 'mlhub-whole-')), 'flan-t5-tiny');
  cpSync(model.dir, wholeStore, { recursive: true });
  const decoder = 'onnx/decoder_model_merged.onnx';
  await writePatchedDecoder(path.join(model.dir, decoder), path.join(wholeStore, decoder));
  const common = { MLHUB_INFERENCE_DTYPE: 'fp32', MLHUB_INFERENCE_MAX_NEW_TOKENS: '4000', MLHUB_INFERENCE_MAX_TOTAL_TOKENS: '4100' };
  const unmasked = { ...common, MLHUB_INFERENCE_SELF_ATTENTION_MASK: 'false' };
  [patient, positional, holding, whole] = await Promise.all([
    startInferenceServer(model.dir, { ...common, MLHUB_INFERENCE_BATCH_WAIT_MS: '150' }),
    startInferenceServer(model.dir, { ...unmasked, MLHUB_INFERENCE_BATCH_WAIT_MS: '150' }),
    startInferenceServer(model.dir, {
      ...unmasked,
      MLHUB_INFERENCE_MAX_WAITING_TOKENS: '100000',
      MLHUB_INFERENCE_MAX_CONCURRENT_REQUESTS: '2',
    }),
    startInferenceServer(wholeStore, { ...common, MLHUB_INFERENCE_BATCH_WAIT_MS: '150' }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([patient?.stop(), positional?.stop(), holding?.stop(), whole?.stop()]);
  model?.remove();
  if (wholeStore) rmSync(path.dirname(wholeStore), { recursive: true, force: true });
});

const ids = (answer: { body: unknown }) => (answer.body as { details: { tokens: { id: number }[] } }).details.tokens.map((t) => t.id);

/** Decoder runs so far, and runs of exactly one row, from one scrape. */
async function runs(url: string): Promise<{ all: number; single: number; pairs: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(`${name} `))
        ?.split(' ')[1],
    );
  const bucket = (le: string) => value(`tgi_batch_current_size_bucket{le="${le}"}`);
  return { all: value('tgi_batch_current_size_count'), single: bucket('1'), pairs: bucket('2') - bucket('1') };
}

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

  it('without the mask, holds requests that cannot catch up with a running one a few steps, so those arriving meanwhile start together', async () => {
    const { url } = positional;
    const short = { inputs: 'Hi', parameters: { max_new_tokens: 5, min_new_tokens: 5 } };
    const before = (await runs(url)).pairs;
    const long = await streamUntil(
      url,
      { inputs: 'Summarize: the cat sat on the mat', parameters: { max_new_tokens: 1500, min_new_tokens: 1500 } },
      5,
    );
    // Sent together, they reach the server a few steps apart (the decoder holds the event loop while it runs).
    const answers = await Promise.all([post(`${url}/generate`, short), post(`${url}/generate`, short)]);
    const shared = (await runs(url)).pairs - before;
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

  it('without the mask, lets a newcomer catch up with a running request, then decodes both in one run per step, each with its own tokens', async () => {
    const { all, shared } = await joinRunning(positional.url, 400);
    // The first had taken k steps when the second came: k alone, k for the second to catch up, 400 - k shared.
    // Apart (one after the other, or taking turns) they would take 800 runs and share none.
    expect(shared).toBeGreaterThan(200);
    expect(all - shared).toBe(2 * (400 - shared));
  });

  it('joins a request decoding at another position at its first step: one run per step serves both, each with its own tokens', async () => {
    const { all, shared } = await joinRunning(patient.url, 40);
    // The cross-attention model gave the second its cross-attention keys with its prompt's encoding, so all 40 of
    // its steps run with the first, wherever the first was: 400 runs in all. With the decoder whole its first step
    // ran alone (401); without the mask they would take turns, or wait to catch up.
    expect(shared).toBe(40);
    expect(all).toBe(400);
  });

  it('with the mask on a decoder loaded whole (no cross-attention model), joins a request from its second step on', async () => {
    const { all, shared } = await joinRunning(whole.url, 40);
    // Its first step runs alone: that run computes its cross-attention keys. The other 39 run with the first.
    expect(shared).toBe(39);
    expect(all).toBe(401);
  });

  it('decodes requests that arrive apart, each with its own parameters, in shared runs, and each gets what it gets alone', async () => {
    const { url } = patient;
    const prompt = (words: number) => `Translate to German: ${'the cat sat on the mat '.repeat(words)}`;
    const requests = [
      { inputs: prompt(1), parameters: { max_new_tokens: 30, min_new_tokens: 30, details: true } },
      { inputs: prompt(3), parameters: { max_new_tokens: 12, do_sample: true, temperature: 0.8, top_p: 0.9, seed: 11, details: true } },
      { inputs: prompt(2), parameters: { max_new_tokens: 10, num_beams: 3, details: true } },
      { inputs: prompt(1), parameters: { max_new_tokens: 14, repetition_penalty: 1.3, details: true } },
    ];
    const alone = [];
    for (const request of requests) alone.push(await post(`${url}/generate`, request));
    const before = await runs(url);
    const stream = await streamUntil(url, { inputs: 'Hi', parameters: { max_new_tokens: 300, min_new_tokens: 300 } }, 3);
    const staggered = await Promise.all(
      requests.map((request, i) => new Promise((resolve) => setTimeout(resolve, 25 * i)).then(() => post(`${url}/generate`, request))),
    );
    await stream.rest;
    const after = await runs(url);
    for (const [i, answer] of staggered.entries()) {
      expect(answer.status).toBe(200);
      expect(ids(answer)).toEqual(ids(alone[i] as { body: unknown }));
      expect((answer.body as { generated_text: string }).generated_text).toBe(
        (alone[i] as { body: { generated_text: string } }).body.generated_text,
      );
    }
    // Every step of each request ran in the long one's runs: 300 runs. With the decoder whole each one's first
    // step ran alone (300 + 4 at most); without the mask: 344 in a run of this test.
    expect(after.all - before.all).toBe(300);
  });
});

/**
 * A request of `tokens` new tokens (a wider prompt: its cross-attention keys are padded to the other's width, and
 * masked) sent once a 400-token one streamed 5; each must get its tokens alone. Answers the runs both took and
 * how many of them served both.
 */
async function joinRunning(url: string, tokens: number): Promise<{ all: number; shared: number }> {
  const first = { inputs: 'Hi', parameters: { max_new_tokens: 400, min_new_tokens: 400, details: true } };
  const second = {
    inputs: 'Summarize: the cat sat on the mat while the dog slept under the old wooden table by the door',
    parameters: { max_new_tokens: tokens, min_new_tokens: tokens, details: true },
  };
  const aloneFirst = ids(await post(`${url}/generate`, first));
  const aloneSecond = ids(await post(`${url}/generate`, second));
  const before = await runs(url);
  const stream = await streamUntil(url, { ...first, parameters: { ...first.parameters, details: undefined } }, 5);
  const joined = await post(`${url}/generate`, second);
  expect(await stream.rest).toBe(400);
  const after = await runs(url);
  expect(ids(joined)).toEqual(aloneSecond);
  expect(stream.tokens()).toEqual(aloneFirst);
  const all = after.all - before.all;
  return { all, shared: all - (after.single - before.single) };
}

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
