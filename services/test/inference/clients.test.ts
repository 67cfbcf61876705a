// Two clients no one here wrote (@huggingface/inference, openai), q8 weights, a folder laid out as Hugging Face
// Optimum exports it, overload, and a model still loading: each against a real server child process.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InferenceClient } from '@huggingface/inference';
import OpenAI from 'openai';
import { events, makeTinyModel, metric, post, type RunningServer, startInferenceServer, token } from './harness.js';

const PROMPT = 'Translate English to German: How old are you?';
let model: ReturnType<typeof makeTinyModel>;
let scratch: string;
const servers: RunningServer[] = [];
let q8: RunningServer;

/** The tiny model as Optimum writes an export: extra graphs and files beside the two transformers.js loads. */
function optimumLayout(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  const config = JSON.parse(readFileSync(path.join(to, 'config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(
    path.join(to, 'config.json'),
    JSON.stringify({ _name_or_path: 'google/flan-t5-small', transformers_version: '4.49.0', ...config }, null, 2),
  );
  cpSync(path.join(to, 'onnx', 'decoder_model_merged.onnx'), path.join(to, 'onnx', 'decoder_model.onnx'));
  cpSync(path.join(to, 'onnx', 'decoder_model_merged.onnx'), path.join(to, 'onnx', 'decoder_with_past_model.onnx'));
  writeFileSync(
    path.join(to, 'ort_config.json'),
    JSON.stringify({
      one_external_file: true,
      opset: null,
      optimization: {},
      quantization: { format: 'QOperator', is_static: false, per_channel: false },
    }),
  );
  writeFileSync(path.join(to, '.gitattributes'), '*.onnx filter=lfs diff=lfs merge=lfs -text\n');
  writeFileSync(path.join(to, 'added_tokens.json'), '{}');
}

beforeAll(async () => {
  model = makeTinyModel();
  scratch = mkdtempSync(path.join(tmpdir(), 'mlhub-infer-clients-'));
  q8 = await startInferenceServer(model.dir);
  servers.push(q8);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  model?.remove();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const greedyText = async (url: string, maxNewTokens: number) =>
  (await post(`${url}/generate`, { inputs: PROMPT, parameters: { max_new_tokens: maxNewTokens, details: true } })).body;

describe('q8 weights', () => {
  it('auto loads the quantized twins where they exist and generates', async () => {
    const info = await (await fetch(`${q8.url}/info`, { headers: { 'x-tapis-token': await token() } })).json();
    expect(info).toMatchObject({ model_id: 'local/flan-t5-tiny', model_dtype: 'q8' });
    const answer = await greedyText(q8.url, 6);
    expect(answer.details.generated_tokens).toBeGreaterThan(0);
  });
});

describe('@huggingface/inference with endpointUrl', () => {
  it('textGeneration gets the same text as POST /generate', async () => {
    const client = new InferenceClient(await token());
    const answer = await client.textGeneration({
      endpointUrl: q8.url,
      inputs: PROMPT,
      parameters: { max_new_tokens: 8, do_sample: false },
    });
    expect(answer.generated_text).toBe((await greedyText(q8.url, 8)).generated_text);
  });

  it('tells its user why a request was refused, not only that an HTTP error occurred', async () => {
    const client = new InferenceClient(await token());
    const refused = client.textGeneration({ endpointUrl: q8.url, inputs: PROMPT, parameters: { max_new_tokens: 1_000_000 } });
    await expect(refused).rejects.toThrow(/Failed to perform inference: Invalid parameter 'max_tokens': must be <= \d+/);
    // Any other client of that route still gets OpenAI's body.
    const plain = await post(`${q8.url}/v1/completions`, { prompt: PROMPT, max_tokens: 1_000_000 });
    expect(plain.body.error).toMatchObject({ type: 'invalid_request_error', param: 'max_tokens' });
  });

  it('textGenerationStream streams the same text', async () => {
    const client = new InferenceClient(await token());
    let text = '';
    for await (const chunk of client.textGenerationStream({
      endpointUrl: q8.url,
      inputs: PROMPT,
      parameters: { max_new_tokens: 8, do_sample: false, repetition_penalty: 1 },
    })) {
      text += (chunk as unknown as { choices: { text: string }[] }).choices[0]?.text ?? '';
    }
    expect(text).toBe((await greedyText(q8.url, 8)).generated_text);
  });
});

describe('the openai package', () => {
  it('completions.create, JSON and streamed, agree with each other and with /generate', async () => {
    const client = new OpenAI({ apiKey: await token(), baseURL: `${q8.url}/v1` });
    const completion = await client.completions.create({ model: 'local/flan-t5-tiny', prompt: PROMPT, max_tokens: 8, temperature: 0 });
    expect(completion.choices[0]?.text).toBe((await greedyText(q8.url, 8)).generated_text);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    const stream = await client.completions.create({
      model: 'local/flan-t5-tiny',
      prompt: PROMPT,
      max_tokens: 8,
      temperature: 0,
      stream: true,
    });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe(completion.choices[0]?.text);
    expect(finish).toBe(completion.choices[0]?.finish_reason);
  });

  it('models.list and models.retrieve find the served model, and its id completes', async () => {
    const client = new OpenAI({ apiKey: await token(), baseURL: `${q8.url}/v1`, maxRetries: 0 });
    const ids: string[] = [];
    for await (const listed of client.models.list()) ids.push(listed.id);
    expect(ids).toEqual(['local/flan-t5-tiny']);
    const served = await client.models.retrieve('local/flan-t5-tiny');
    expect(served).toMatchObject({ id: 'local/flan-t5-tiny', object: 'model', owned_by: 'local' });
    expect(served.created).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    await expect(client.models.retrieve('gpt2')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    const completion = await client.completions.create({ model: ids[0] as string, prompt: PROMPT, max_tokens: 2, temperature: 0 });
    expect(completion.model).toBe('local/flan-t5-tiny');
  });

  it('gets an OpenAI error it understands for a parameter the server does not implement', async () => {
    const client = new OpenAI({ apiKey: await token(), baseURL: `${q8.url}/v1`, maxRetries: 0 });
    await expect(client.completions.create({ model: 'local/flan-t5-tiny', prompt: PROMPT, logprobs: 3 })).rejects.toMatchObject({
      status: 422,
      code: 'unsupported_value',
      param: 'logprobs',
    });
  });
});

describe('a folder laid out as Optimum exports it', () => {
  it('loads the same and generates the same tokens; its id comes from config.json', async () => {
    const dir = path.join(scratch, 'optimum');
    optimumLayout(model.dir, dir);
    const server = await startInferenceServer(dir);
    servers.push(server);
    const info = await (await fetch(`${server.url}/info`, { headers: { 'x-tapis-token': await token() } })).json();
    expect(info).toMatchObject({ model_id: 'google/flan-t5-small', model_dtype: 'q8' });
    const ids = (body: { details: { tokens: { id: number }[] } }) => body.details.tokens.map((t) => t.id);
    expect(ids(await greedyText(server.url, 10))).toEqual(ids(await greedyText(q8.url, 10)));
  });
});

describe('overload', () => {
  it('answers 429 with Retry-After in each protocol shape once max_concurrent_requests are held', async () => {
    const server = await startInferenceServer(model.dir, {
      MLHUB_INFERENCE_MAX_CONCURRENT_REQUESTS: '2',
      MLHUB_INFERENCE_MAX_BATCH_SIZE: '1',
      MLHUB_INFERENCE_MAX_NEW_TOKENS: '4096',
      MLHUB_INFERENCE_MAX_TOTAL_TOKENS: '8192',
    });
    servers.push(server);
    const controllers = [new AbortController(), new AbortController()];
    const long = controllers.map(async (controller) =>
      fetch(`${server.url}/generate_stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tapis-token': await token() },
        body: JSON.stringify({ inputs: PROMPT, parameters: { max_new_tokens: 4096, min_new_tokens: 4096 } }),
        signal: controller.signal,
      }).catch(() => null),
    );
    // The first holds the batch (its first token is out), the second waits in the queue: both count.
    // Either may be the one admitted first: wait for whichever streams its first token.
    await Promise.race(long.map(async (response) => ((await response)?.body as ReadableStream<Uint8Array>).getReader().read()));
    // Bounded by count, not time: a loaded machine may take seconds to queue the second request.
    for (let i = 0; i < 1500 && (await metric(server.url, 'tgi_queue_size')) !== 1; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await metric(server.url, 'tgi_queue_size')).toBe(1);
    const tgi = await post(`${server.url}/generate`, { inputs: 'a' });
    expect(tgi.status).toBe(429);
    expect(tgi.body).toEqual({ error: 'Model is overloaded', error_type: 'overloaded' });
    expect(Number(tgi.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const openai = await post(`${server.url}/v1/completions`, { prompt: 'a' });
    expect(openai.status).toBe(429);
    expect(openai.body.error).toMatchObject({ type: 'rate_limit_error', code: 'overloaded' });
    const legacy = await post(`${server.url}/inference/local%2Fflan-t5-tiny`, { prompt: 'a' });
    expect(legacy.status).toBe(429);
    expect(legacy.body.metadata.code).toBe('RATE_LIMITED');
    expect(legacy.headers.get('retry-after')).not.toBeNull();
    for (const controller of controllers) controller.abort();
    // Once the clients went away their rows leave, and the server serves again.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await post(`${server.url}/generate`, { inputs: 'a', parameters: { max_new_tokens: 2 } })).status;
    }
    expect(status).toBe(200);
  });
});

describe('a model that is still loading', () => {
  it('answers 503 with Retry-After on health, readiness and generation; liveness stays 200', async () => {
    const dir = path.join(scratch, 'loading');
    for (const file of ['config.json', 'tokenizer_config.json']) cpSync(path.join(model.dir, file), path.join(dir, file));
    // A named pipe as tokenizer.json: the load blocks reading it until the test writes, so the server stays
    // in its loading window for as long as the test looks at it.
    const tokenizerPipe = path.join(dir, 'tokenizer.json');
    execFileSync('mkfifo', [tokenizerPipe]);
    const server = await startInferenceServer(dir, {}, false);
    servers.push(server);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).not.toBeNull();
    expect(await health.json()).toEqual({ error: 'unhealthy', error_type: 'healthcheck' });
    expect((await fetch(`${server.url}/v2/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/v2/health/ready`)).status).toBe(503);
    const tgi = await post(`${server.url}/generate`, { inputs: 'a' });
    expect(tgi.status).toBe(503);
    expect(tgi.body.error_type).toBe('not_ready');
    expect(Number(tgi.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const openai = await post(`${server.url}/v1/completions`, { prompt: 'a' });
    expect(openai.body.error.code).toBe('model_not_ready');
    const stream = await post(`${server.url}/generate_stream`, { inputs: 'a' });
    expect(stream.status).toBe(503);
    expect(events(typeof stream.body === 'string' ? stream.body : '')).toEqual([]);
    // The load then reads a tokenizer that is no JSON: it fails, and the server ends (exit code 1).
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    writeFileSync(tokenizerPipe, 'not a tokenizer');
    expect(await exited).toBe(1);
  });
});
