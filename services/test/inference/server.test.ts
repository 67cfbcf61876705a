// The inference server as clients meet it: a real child process on loopback serving a generated tiny model.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { modelSha } from '../../src/inference/model-sha.js';
import { type Answer, events, makeTinyModel, metric, post, type RunningServer, startInferenceServer, token } from './harness.js';

const MODEL_ID = 'test/flan-t5-tiny';
let model: ReturnType<typeof makeTinyModel>;
let server: RunningServer;
let url: string;

beforeAll(async () => {
  model = makeTinyModel();
  server = await startInferenceServer(model.dir, {
    MLHUB_INFERENCE_MODEL_ID: MODEL_ID,
    // fp32: q8's dynamic quantization scales activations per tensor, so rows of one batch share a scale and
    // batched q8 tokens may differ from a row alone (services/README.md); fp32 rows are independent.
    MLHUB_INFERENCE_DTYPE: 'fp32',
    // A long window, so concurrent test requests share a batch.
    MLHUB_INFERENCE_BATCH_WAIT_MS: '40',
    MLHUB_INFERENCE_MAX_NEW_TOKENS: '4000',
    MLHUB_INFERENCE_MAX_TOTAL_TOKENS: '4050',
    MLHUB_INFERENCE_MAX_INPUT_TOKENS: '64',
    MLHUB_BODY_LIMIT: '65536',
  });
  url = server.url;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  model?.remove();
});

const PROMPT = 'Translate English to German: How old are you?';
const generate = (parameters: Record<string, unknown>, inputs = PROMPT) =>
  post(`${url}/generate`, { inputs, parameters: { details: true, ...parameters } });
const ids = (answer: { body: Answer }) => (answer.body.details.tokens as { id: number }[]).map((t) => t.id);

describe('POST /generate', () => {
  it('generates text with details: tokens, log probabilities, finish reason', async () => {
    const answer = await generate({ max_new_tokens: 12 });
    expect(answer.status).toBe(200);
    const { details } = answer.body;
    expect(details.generated_tokens).toBe(details.tokens.length);
    expect(details.generated_tokens).toBeLessThanOrEqual(12);
    expect(['length', 'eos_token']).toContain(details.finish_reason);
    expect(details.seed).toBeNull();
    for (const t of details.tokens) expect(t.logprob).toBeLessThanOrEqual(0);
    const visible = details.tokens
      .filter((t: { special: boolean }) => !t.special)
      .map((t: { text: string }) => t.text)
      .join('');
    expect(answer.body.generated_text).toBe(visible);
  });

  it('is deterministic when greedy, and min_new_tokens forces the length', async () => {
    const a = await generate({ max_new_tokens: 20, min_new_tokens: 20 });
    const b = await generate({ max_new_tokens: 20, min_new_tokens: 20 });
    expect(ids(a)).toEqual(ids(b));
    expect(a.body.details).toMatchObject({ generated_tokens: 20, finish_reason: 'length' });
  });

  it('samples reproducibly: the same seed gives the same text, other seeds other texts', async () => {
    const sample = (seed?: number) =>
      generate({ max_new_tokens: 16, min_new_tokens: 16, do_sample: true, temperature: 1.5, ...(seed === undefined ? {} : { seed }) });
    const [a, b] = await Promise.all([sample(7), sample(7)]);
    expect(ids(a)).toEqual(ids(b));
    expect(a.body.details.seed).toBe(7);
    const others = await Promise.all([sample(8), sample(9), sample(10)]);
    expect(others.some((o) => JSON.stringify(ids(o)) !== JSON.stringify(ids(a)))).toBe(true);
    const drawn = await sample();
    expect(Number.isInteger(drawn.body.details.seed)).toBe(true);
    const replayed = await sample(drawn.body.details.seed as number);
    expect(ids(replayed)).toEqual(ids(drawn));
  });

  it('honours top_k 1 and a tiny top_p as greedy would decode', async () => {
    const greedy = await generate({ max_new_tokens: 10, min_new_tokens: 10 });
    const topK = await generate({ max_new_tokens: 10, min_new_tokens: 10, top_k: 1, seed: 3 });
    const topP = await generate({ max_new_tokens: 10, min_new_tokens: 10, top_p: 1e-6, seed: 4 });
    expect(ids(topK)).toEqual(ids(greedy));
    expect(ids(topP)).toEqual(ids(greedy));
  });

  it('a vanishing temperature samples as greedy decodes; an extreme repetition penalty keeps every logprob finite', async () => {
    const fixed = { max_new_tokens: 6, min_new_tokens: 6, details: true };
    const greedy = await generate(fixed);
    for (const temperature of [1e-12, 1e-300]) {
      const cold = await generate({ ...fixed, do_sample: true, temperature, seed: 3 });
      expect(cold.status).toBe(200);
      expect(ids(cold)).toEqual(ids(greedy));
      expect((cold.body.details.tokens as { logprob: unknown }[]).every((t) => t.logprob === 0)).toBe(true);
    }
    const penalty = await generate({ ...fixed, repetition_penalty: 1e-300 });
    expect(penalty.status).toBe(200);
    expect((penalty.body.details.tokens as { logprob: unknown }[]).every((t) => Number.isFinite(t.logprob))).toBe(true);
  });

  it('repetition_penalty changes what greedy decoding repeats', async () => {
    const plain = await generate({ max_new_tokens: 30, min_new_tokens: 30 });
    const penalized = await generate({ max_new_tokens: 30, min_new_tokens: 30, repetition_penalty: 5 });
    const repeats = (list: number[]) => list.length - new Set(list).size;
    expect(repeats(ids(penalized))).toBeLessThan(Math.max(1, repeats(ids(plain))));
  });

  it('stops at a stop sequence and keeps it, as TGI does', async () => {
    const full = await generate({ max_new_tokens: 20, min_new_tokens: 20 });
    const text = full.body.generated_text as string;
    const stop = text.slice(4, 6);
    const stopped = await generate({ max_new_tokens: 20, min_new_tokens: 20, stop: [stop] });
    expect(stopped.body.details.finish_reason).toBe('stop_sequence');
    expect(stopped.body.generated_text.endsWith(stop)).toBe(true);
    expect(text.startsWith(stopped.body.generated_text)).toBe(true);
    expect(stopped.body.generated_text.length).toBeLessThan(text.length);
  });

  it('runs beam search: deterministic, different from the single greedy beam, never longer than asked', async () => {
    const beam = await generate({ max_new_tokens: 12, num_beams: 4 });
    const again = await generate({ max_new_tokens: 12, num_beams: 4 });
    expect(beam.status).toBe(200);
    expect(ids(beam)).toEqual(ids(again));
    expect(beam.body.details.generated_tokens).toBeLessThanOrEqual(12);
    // Normalised log probability of the beam result is at least the greedy one's (both from the same model).
    const greedy = await generate({ max_new_tokens: 12 });
    const score = (a: { body: Answer }) =>
      a.body.details.tokens.reduce((s: number, t: { logprob: number }) => s + t.logprob, 0) / a.body.details.tokens.length;
    expect(score(beam)).toBeGreaterThanOrEqual(score(greedy) - 1e-4);
  });

  it('truncates on the left only when asked; a longer input is a 422 naming inputs', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const refused = await generate({ max_new_tokens: 2 }, long);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error_type: 'validation' });
    expect(refused.body.error).toMatch(/`inputs`/);
    const truncated = await post(`${url}/generate_stream`, {
      inputs: long,
      parameters: { max_new_tokens: 2, details: true, truncate: 30 },
    });
    const last = JSON.parse(events(truncated.body as string).at(-1) as string);
    expect(last.details.input_length).toBe(30);

    // Text far longer than the limit is not tokenized whole: refused at once, or with truncate only its tail is read,
    // which keeps exactly the tokens the whole text would.
    const huge = `${'filler '.repeat(8_000)}${long}`;
    const hugeRefused = await generate({ max_new_tokens: 2 }, huge);
    expect(hugeRefused.status).toBe(422);
    expect(hugeRefused.body.error).toMatch(/`inputs` must have less than \d+ tokens\. Given: \d{5} characters/);
    const tail = await generate({ max_new_tokens: 4, min_new_tokens: 4, truncate: 30 }, huge);
    const short = await generate({ max_new_tokens: 4, min_new_tokens: 4, truncate: 30 }, long);
    expect(tail.status).toBe(200);
    expect(ids(tail)).toEqual(ids(short));
  });

  it('return_full_text prepends the input; decoder_input_details gives the <pad> prefill', async () => {
    const answer = await generate({ max_new_tokens: 4, return_full_text: true, decoder_input_details: true });
    expect(answer.body.generated_text.startsWith(PROMPT)).toBe(true);
    expect(answer.body.details.prefill).toEqual([{ id: 0, text: '<pad>', logprob: null }]);
  });
});

describe('POST /generate_stream', () => {
  it('sends one event per token, the last with generated_text and details, the same tokens as /generate', async () => {
    const streamed = await post(`${url}/generate_stream`, {
      inputs: PROMPT,
      parameters: { max_new_tokens: 10, details: true },
      stream: true,
    });
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const data = events(streamed.body as string).map((e) => JSON.parse(e));
    const whole = await generate({ max_new_tokens: 10 });
    expect(data.map((d) => d.token.id)).toEqual(ids(whole));
    expect(data.map((d) => d.index)).toEqual(data.map((_, i) => i + 1));
    for (const d of data.slice(0, -1)) expect(d).toMatchObject({ generated_text: null, details: null });
    const last = data.at(-1);
    expect(last.generated_text).toBe(whole.body.generated_text);
    expect(last.details).toMatchObject({ finish_reason: whole.body.details.finish_reason, generated_tokens: data.length, seed: null });
  });

  it('answers errors found before the first event with their status and JSON', async () => {
    const answer = await post(`${url}/generate_stream`, { inputs: PROMPT, parameters: { top_k: 0 } });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error_type: 'validation' });
  });
});

describe('batching', () => {
  it('mixed parameters in one batch give the same tokens as each alone', async () => {
    const requests = [
      { max_new_tokens: 14 },
      { max_new_tokens: 9, do_sample: true, seed: 11, top_k: 20, temperature: 0.9 },
      { max_new_tokens: 16, min_new_tokens: 16, repetition_penalty: 1.4 },
      { max_new_tokens: 8, num_beams: 3 },
      { max_new_tokens: 12, do_sample: true, seed: 5, top_p: 0.8 },
    ];
    const prompts = ['Summarize: the cat sat on the mat', PROMPT, 'Hello world', 'Question: what is two plus two?', 'x'];
    const before = await metric(url, 'tgi_batch_current_size_bucket{le="1"}');
    const stepsBefore = await metric(url, 'tgi_batch_current_size_count');
    const together = await Promise.all(requests.map((p, i) => generate(p, prompts[i])));
    const shared =
      (await metric(url, 'tgi_batch_current_size_count')) -
      stepsBefore -
      ((await metric(url, 'tgi_batch_current_size_bucket{le="1"}')) - before);
    expect(shared).toBeGreaterThan(0);
    for (const [i, p] of requests.entries()) {
      const alone = await generate(p, prompts[i]);
      expect(ids(together[i] as { body: Answer })).toEqual(ids(alone));
    }
  });
});

describe('a client that goes away', () => {
  /** A counter sample, 0 before its first increment. */
  const count = async (sample: string) => {
    const value = await metric(url, sample);
    return Number.isNaN(value) ? 0 : value;
  };
  const ABORTED_STREAMS = 'mlhub_http_requests_total{route="/generate_stream",status="499"}';
  const ABORTED_JSON = 'mlhub_http_requests_total{route="/generate",status="499"}';
  const ABORTED = 'tgi_request_failure{err="aborted"}';

  it('stops its generation within a step, and the server keeps serving', async () => {
    const [streams, aborted] = [await count(ABORTED_STREAMS), await count(ABORTED)];
    const before = await metric(url, 'mlhub_generated_tokens_total');
    const controller = new AbortController();
    const response = await fetch(`${url}/generate_stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tapis-token': await token() },
      body: JSON.stringify({ inputs: PROMPT, parameters: { max_new_tokens: 4000, min_new_tokens: 4000 } }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await metric(url, 'mlhub_generated_tokens_total');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await metric(url, 'mlhub_generated_tokens_total')).toBe(after);
    expect(after - before).toBeLessThan(4000);
    expect((await generate({ max_new_tokens: 3 })).status).toBe(200);
    // Counted, as a request whose client went away (it never got an answer to count).
    expect(await count(ABORTED_STREAMS)).toBe(streams + 1);
    expect(await count(ABORTED)).toBe(aborted + 1);
  });

  it('a JSON request given up is no error in the log (the server logs at warn here), and is counted', async () => {
    const logged = server.stderr().length;
    const given = await count(ABORTED_JSON);
    const controller = new AbortController();
    const pending = fetch(`${url}/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tapis-token': await token() },
      body: JSON.stringify({ inputs: PROMPT, parameters: { max_new_tokens: 4000, min_new_tokens: 4000 } }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 150));
    controller.abort();
    expect((await pending) as { name?: string }).toMatchObject({ name: 'AbortError' });
    // A request after it is answered once the aborted one has left: its log lines are all written by then.
    expect((await generate({ max_new_tokens: 2 })).status).toBe(200);
    expect(server.stderr().slice(logged)).not.toMatch(/"level":50/);
    expect(await count(ABORTED_JSON)).toBe(given + 1);
  });
});

describe('bad input gets a clear 4xx in the protocol shape, and the server keeps serving', () => {
  const tgiCases: [string, unknown, number, RegExp][] = [
    ['malformed JSON', '{"inputs": "a",', 400, /JSON/],
    ['a body that is not an object', '[1,2]', 400, /object/],
    ['empty inputs', { inputs: '' }, 422, /inputs/],
    ['no inputs', { parameters: {} }, 422, /inputs/],
    ['an unknown top-level field', { inputs: 'a', foo: 1 }, 422, /`foo`/],
    ['an unknown parameter', { inputs: 'a', parameters: { max_length: 5 } }, 422, /`max_length`/],
    ['a wrong type', { inputs: 'a', parameters: { max_new_tokens: 'ten' } }, 422, /`max_new_tokens`/],
    ['a NaN temperature', { inputs: 'a', parameters: { temperature: 'NaN' } }, 422, /`temperature`/],
    ['temperature 0', { inputs: 'a', parameters: { temperature: 0 } }, 422, /`temperature`/],
    ['top_p 0', { inputs: 'a', parameters: { top_p: 0 } }, 422, /`top_p`/],
    ['best_of 2 (not implemented)', { inputs: 'a', parameters: { best_of: 2 } }, 422, /`best_of`.*does not implement/],
    ['watermark', { inputs: 'a', parameters: { watermark: true } }, 422, /`watermark`/],
    ['max_new_tokens over the cap', { inputs: 'a', parameters: { max_new_tokens: 5000 } }, 422, /`max_new_tokens`/],
    ['min_new_tokens over max_new_tokens', { inputs: 'a', parameters: { max_new_tokens: 4, min_new_tokens: 5 } }, 422, /`min_new_tokens`/],
    ['beam search with sampling', { inputs: 'a', parameters: { num_beams: 2, do_sample: true } }, 422, /`num_beams`/],
    ['beam search with stop', { inputs: 'a', parameters: { num_beams: 2, stop: ['x'] } }, 422, /`stop`/],
    ['length_penalty without beams', { inputs: 'a', parameters: { length_penalty: 2 } }, 422, /`length_penalty`/],
    ['five stop sequences', { inputs: 'a', parameters: { stop: ['a', 'b', 'c', 'd', 'e'] } }, 422, /`stop`/],
    ['stream true on /generate', { inputs: 'a', stream: true }, 422, /`stream`/],
    ['truncate over max_input_tokens', { inputs: 'a', parameters: { truncate: 100 } }, 422, /`truncate`/],
    // A JSON body carries its own types: a string is not read as the number or boolean it spells.
    ['max_new_tokens as a string', { inputs: 'a', parameters: { max_new_tokens: '5' } }, 422, /`max_new_tokens` must be integer/],
    ['temperature as a string', { inputs: 'a', parameters: { temperature: '0.5' } }, 422, /`temperature` must be number/],
    ['details as a string', { inputs: 'a', parameters: { details: 'true' } }, 422, /`details` must be boolean/],
    ['stream as a string', { inputs: 'a', stream: 'false' }, 422, /`stream` must be boolean/],
    ['inputs as a number', { inputs: 5 }, 422, /`inputs` must be string/],
    ['stop as a lone string', { inputs: 'a', parameters: { stop: 'x' } }, 422, /`stop` must be array/],
  ];
  it.each(tgiCases)('TGI: %s', async (_name, body, status, message) => {
    const answer = await post(`${url}/generate`, body);
    expect(answer.status).toBe(status);
    expect(Object.keys(answer.body).sort()).toEqual(['error', 'error_type']);
    expect(answer.body.error_type).toBe(status === 400 ? 'bad_request' : 'validation');
    expect(answer.body.error).toMatch(message);
  });

  it('TGI: a body over the limit is a 413 payload_too_large', async () => {
    const answer = await post(`${url}/generate`, { inputs: 'a'.repeat(70_000) });
    expect(answer.status).toBe(413);
    expect(answer.body.error_type).toBe('payload_too_large');
  });

  it('TGI: no token is a 401 unauthorized in TGI shape; health and metrics stay public', async () => {
    const answer = await fetch(`${url}/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"inputs":"a"}',
    });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error_type: 'unauthorized', error: expect.stringMatching(/token/) });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
    expect((await fetch(`${url}/info`)).status).toBe(401);
  });

  const openaiCases: [string, unknown, number, string, string | null][] = [
    ['malformed JSON', '{"prompt":', 400, 'invalid_json', null],
    ['an unknown parameter', { prompt: 'a', functions: [] }, 422, 'unsupported_parameter', 'functions'],
    ['logprobs (not implemented)', { prompt: 'a', logprobs: 5 }, 422, 'unsupported_value', 'logprobs'],
    ['temperature out of range', { prompt: 'a', temperature: 3 }, 400, 'invalid_value', 'temperature'],
    ['token-id prompts', { prompt: [1, 2, 3] }, 400, 'invalid_value', 'prompt'],
    ['another model', { prompt: 'a', model: 'gpt2' }, 404, 'model_not_found', 'model'],
    ['too many choices', { prompt: ['a', 'b'], n: 3 }, 422, 'unsupported_value', 'n'],
    ['max_tokens past the context', { prompt: 'a '.repeat(60), max_tokens: 4000 }, 400, 'context_length_exceeded', 'max_tokens'],
    ['max_tokens as a string', { prompt: 'a', max_tokens: '5' }, 400, 'invalid_value', 'max_tokens'],
    ['temperature as a string', { prompt: 'a', temperature: '0.5' }, 400, 'invalid_value', 'temperature'],
    ['stream as a string', { prompt: 'a', stream: 'true' }, 400, 'invalid_value', 'stream'],
    ['n as a string', { prompt: 'a', n: '2' }, 400, 'invalid_value', 'n'],
    ['echo as a number', { prompt: 'a', echo: 1 }, 400, 'invalid_value', 'echo'],
    // OpenAI's answer to a prompt over the model's input, not TGI's 422.
    ['a prompt over the input limit', { prompt: 'x'.repeat(3000) }, 400, 'context_length_exceeded', 'prompt'],
    ['stream_options without stream', { prompt: 'a', stream_options: { include_usage: true } }, 400, 'invalid_value', 'stream_options'],
    [
      'an unknown key of stream_options',
      { prompt: 'a', stream: true, stream_options: { usage: true } },
      422,
      'unsupported_parameter',
      'stream_options.usage',
    ],
  ];
  it.each(openaiCases)('OpenAI: %s', async (_name, body, status, code, param) => {
    const answer = await post(`${url}/v1/completions`, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({
      code,
      param,
      type: status === 404 || status < 500 ? 'invalid_request_error' : expect.any(String),
    });
    expect(typeof answer.body.error.message).toBe('string');
  });

  it('OpenAI: a value outside an enum names every choice, null too', async () => {
    const answer = await post(`${url}/v1/completions`, { prompt: 'a', details: true });
    expect(answer.body.error.param).toBe('details');
    expect(answer.body.error.message).toMatch(/must be one of false, null/);
  });

  it('OpenAI: a value no form of a parameter takes is told what the form it has lacks', async () => {
    // stop is a string or an array of at most 4: five strings were told "must be string".
    const five = await post(`${url}/v1/completions`, { prompt: 'a', stop: ['a', 'b', 'c', 'd', 'e'] });
    expect(five.body.error).toMatchObject({ param: 'stop', message: expect.stringMatching(/more than 4 items/) });
    const number = await post(`${url}/v1/completions`, { prompt: 'a', stop: 5 });
    expect(number.body.error.message).toMatch(/'stop': must be string or array/);
  });

  it('OpenAI: an unknown path under /v1 is a 404 in OpenAI shape with no code', async () => {
    const answer = await post(`${url}/v1/chat/completions`, { messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      error: { message: 'Route POST /v1/chat/completions not found', type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('OpenAI: no token is a 401 authentication_error', async () => {
    const answer = await fetch(`${url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt":"a"}',
    });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ error: { type: 'authentication_error', code: 'invalid_api_key' } });
  });

  it('a method a route does not take is a 405 with Allow, in the route protocol shape, not a 500', async () => {
    const tgi = await fetch(`${url}/generate`, { headers: { 'x-tapis-token': await token() } });
    expect(tgi.status).toBe(405);
    expect(tgi.headers.get('allow')).toBe('POST');
    expect(await tgi.json()).toEqual({ error: expect.stringMatching(/GET is not allowed/), error_type: 'validation' });
    const openai = await fetch(`${url}/v1/completions`, { method: 'PUT', headers: { 'x-tapis-token': await token() } });
    expect(openai.status).toBe(405);
    expect(await openai.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'method_not_allowed' } });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).not.toMatch(/status="500"/);
  });

  it('still generates after all of that', async () => {
    expect((await generate({ max_new_tokens: 2 })).status).toBe(200);
  });
});

describe('POST /v1/completions', () => {
  it('completes one prompt greedily with usage; stop sequences are cut from the text', async () => {
    const answer = await post(`${url}/v1/completions`, { model: MODEL_ID, prompt: PROMPT, max_tokens: 10, temperature: 0 });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ object: 'text_completion', model: MODEL_ID, choices: [{ index: 0, logprobs: null }] });
    const tgi = await generate({ max_new_tokens: 10 });
    expect(answer.body.choices[0].text).toBe(tgi.body.generated_text);
    expect(answer.body.usage.completion_tokens).toBe(tgi.body.details.generated_tokens);
    const text = answer.body.choices[0].text as string;
    const stop = text.slice(3, 5);
    const stopped = await post(`${url}/v1/completions`, { prompt: PROMPT, max_tokens: 10, temperature: 0, stop });
    expect(stopped.body.choices[0]).toMatchObject({ finish_reason: 'stop' });
    expect(text.startsWith(`${stopped.body.choices[0].text}${stop}`)).toBe(true);
  });

  it('answers prompts times n choices, indexed prompt*n+i; a seed makes them replay', async () => {
    const body = { prompt: ['one', 'two'], n: 2, max_tokens: 6, temperature: 1, seed: 3 };
    const a = await post(`${url}/v1/completions`, body);
    const b = await post(`${url}/v1/completions`, body);
    expect(a.body.choices.map((c: { index: number }) => c.index)).toEqual([0, 1, 2, 3]);
    expect(a.body.choices).toEqual(b.body.choices);
  });

  it('streams chunks ending with [DONE], the usage chunk when asked, the same text as JSON', async () => {
    const body = { prompt: PROMPT, max_tokens: 10, temperature: 0, stream: true, stream_options: { include_usage: true } };
    const streamed = await post(`${url}/v1/completions`, body);
    const data = events(streamed.body as string);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    const text = chunks
      .slice(0, -1)
      .map((c) => c.choices[0].text)
      .join('');
    const json = await post(`${url}/v1/completions`, { ...body, stream: false, stream_options: null });
    expect(text).toBe(json.body.choices[0].text);
    expect(usage.usage).toEqual(json.body.usage);
    expect(chunks.at(-2).choices[0].finish_reason).toBe(json.body.choices[0].finish_reason);
  });
});

describe('the legacy API', () => {
  it('POST /inference/{model_id} with {"prompt"} answers the envelope, percent-encoded or raw id', async () => {
    const encoded = await post(`${url}/inference/${encodeURIComponent(MODEL_ID)}`, { prompt: PROMPT });
    expect(encoded.status).toBe(200);
    expect(encoded.body).toMatchObject({
      status: 'success',
      message: 'Inference complete',
      version: '1.0.0',
      result: { model_id: MODEL_ID },
    });
    expect(typeof encoded.body.metadata.requestId).toBe('string');
    const raw = await post(`${url}/inference/${MODEL_ID}`, { prompt: PROMPT });
    expect(raw.body.result).toEqual(encoded.body.result);
    // Greedy with the default budget: the same text as /generate with no parameters.
    const tgi = await post(`${url}/generate`, { inputs: PROMPT });
    expect(encoded.body.result.generated_text).toBe(tgi.body.generated_text);
  });

  it('refuses other fields, other models and a missing prompt in the envelope', async () => {
    const extra = await post(`${url}/inference/${encodeURIComponent(MODEL_ID)}`, { prompt: 'a', max_length: 5 });
    expect(extra.status).toBe(422);
    expect(extra.body).toMatchObject({
      status: 'error',
      result: null,
      metadata: { code: 'UNPROCESSABLE', details: { field: 'max_length' } },
    });
    const other = await post(`${url}/inference/gpt2`, { prompt: 'a' });
    expect(other.status).toBe(404);
    expect(other.body.metadata.code).toBe('NOT_FOUND');
    const missing = await post(`${url}/inference/${encodeURIComponent(MODEL_ID)}`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.metadata.code).toBe('INVALID_PARAMETER');
    const numeric = await post(`${url}/inference/${encodeURIComponent(MODEL_ID)}`, { prompt: 5 });
    expect(numeric.status).toBe(400);
    expect(numeric.body).toMatchObject({ status: 'error', metadata: { code: 'INVALID_PARAMETER', details: { field: 'prompt' } } });
    expect(numeric.body.message).toMatch(/'prompt'.*must be string/);
  });

  it('GET /inference lists the served model', async () => {
    const answer = await fetch(`${url}/inference`, { headers: { 'x-tapis-token': await token() } });
    expect(await answer.json()).toMatchObject({
      status: 'success',
      result: [{ model_id: MODEL_ID, task: 'text2text-generation', ready: true, inference_path: '/inference/test%2Fflan-t5-tiny' }],
    });
  });
});

describe('info, health, readiness and metrics', () => {
  it('GET /info describes the model and the limits', async () => {
    const info = await (await fetch(`${url}/info`, { headers: { 'x-tapis-token': await token() } })).json();
    expect(info).toMatchObject({
      model_id: MODEL_ID,
      model_dtype: 'fp32',
      model_device_type: 'cpu',
      max_input_tokens: 64,
      max_total_tokens: 4050,
      // The scheduling knobs, at their defaults, under TGI's names.
      max_batch_size: 16,
      max_waiting_tokens: 50,
      router: 'ml-hub-inference-server',
    });
    // The generated folder records no commit: the digest of its config and file list, as the server computes it.
    expect(info.model_sha).toMatch(/^[0-9a-f]{64}$/);
    expect(info.model_sha).toBe(modelSha(model.dir));
  });

  it('answers the Open Inference Protocol probes', async () => {
    expect(await (await fetch(`${url}/v2/health/live`)).json()).toEqual({ live: true });
    expect(await (await fetch(`${url}/v2/health/ready`)).json()).toEqual({ ready: true });
    expect(await (await fetch(`${url}/v2/models/${encodeURIComponent(MODEL_ID)}/ready`)).json()).toEqual({ name: MODEL_ID, ready: true });
    expect((await fetch(`${url}/v2/models/${MODEL_ID}/ready`)).status).toBe(200);
    const other = await fetch(`${url}/v2/models/gpt2/ready`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: expect.stringMatching(/gpt2/) });
  });

  it('exports Prometheus metrics: requests by route and status, queue, batches, tokens, latencies', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const name of [
      'mlhub_http_requests_total{route="/generate",status="200"}',
      'mlhub_http_requests_total{route="/generate",status="422"}',
      'tgi_request_count',
      'tgi_request_failure{err="validation"}',
      'tgi_queue_size 0',
      'tgi_batch_current_size_bucket',
      'mlhub_generated_tokens_total',
      'mlhub_time_to_first_token_seconds_count',
      'mlhub_decode_step_seconds_bucket',
      'tgi_request_duration_sum',
      'mlhub_model_loaded 1',
    ]) {
      expect(text).toContain(name);
    }
  });
});
