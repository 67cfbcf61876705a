// The inference server's benchmark, side by side in one run against a raw onnxruntime-node greedy loop on the
// same ONNX files (encoder once, merged decoder with its KV cache, argmax). Each figure alternates its two
// sides over rounds and reports the median of the paired ratios (the machine is shared and noisy).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decoderStepOutputs } from '@mlhub/services/inference/decoder-outputs';
import { threadOptions } from '@mlhub/services/inference/threads';
import { request } from './http-client.js';
import { InferenceSession, Tensor } from 'onnxruntime-node';

export interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `npm run inference` as the hub starts it: a child process; resolves on its `listening on` line and a 200 `/health`. */
export async function startServer(root: string, modelDir: string, dtype: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/src/inference/server.ts', '--model', modelDir, '--dtype', dtype], {
    cwd: root,
    env: { ...process.env, MLHUB_LOG_LEVEL: 'warn', MLHUB_RATE_LIMIT_MAX: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`inference server exited with ${code}`)));
  });
  for (let i = 0; i < 600 && (await request('GET', `${url}/health`, {})).status !== 200; i++) await sleep(100);
  return {
    url,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Peak resident set of a process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) / 1024;
}

interface GenerateAnswer {
  generated_text: string;
  details: { generated_tokens: number; tokens: { id: number }[] };
}

export async function generate(url: string, token: string, inputs: string, parameters: Record<string, unknown>): Promise<GenerateAnswer> {
  const answer = await request(
    'POST',
    `${url}/generate`,
    { 'x-tapis-token': token },
    { inputs, parameters: { details: true, ...parameters } },
  );
  if (answer.status !== 200) throw new Error(`POST /generate answered ${answer.status}: ${answer.text}`);
  return JSON.parse(answer.text) as GenerateAnswer;
}

/** Milliseconds until the first event of `/generate_stream` (its first body bytes), reading the stream to its end. */
export async function timeToFirstToken(url: string, token: string, inputs: string, newTokens: number): Promise<number> {
  const body = { inputs, parameters: { max_new_tokens: newTokens, min_new_tokens: newTokens } };
  const answer = await request('POST', `${url}/generate_stream`, { 'x-tapis-token': token }, body);
  if (answer.status !== 200) throw new Error(`POST /generate_stream answered ${answer.status}: ${answer.text}`);
  return answer.firstBytesMs;
}

/** A prompt the served tokenizer turns into exactly `tokens` tokens (`</s>` included). */
export async function promptOfLength(url: string, token: string, tokens: number): Promise<string> {
  const words = ['translate', 'English', 'to', 'German', 'the', 'house', 'is', 'wonderful', 'and', 'small', 'today'];
  const length = async (candidate: string) => {
    const answer = await request(
      'POST',
      `${url}/v1/completions`,
      { 'x-tapis-token': token },
      { prompt: candidate, max_tokens: 1, temperature: 0 },
    );
    return (JSON.parse(answer.text) as { usage: { prompt_tokens: number } }).usage.prompt_tokens;
  };
  let prompt = '';
  for (let i = 0; i < 400; i++) {
    // A word may be several pieces: when it overshoots, short fillers close the gap.
    for (const word of [words[i % words.length] as string, 'a', 'I', '.']) {
      const candidate = `${prompt}${prompt ? ' ' : ''}${word}`;
      const n = await length(candidate);
      if (n === tokens) return candidate;
      if (n < tokens) {
        prompt = candidate;
        break;
      }
    }
  }
  throw new Error(`no prompt of exactly ${tokens} tokens found`);
}

/** The raw loop: onnxruntime-node sessions on the model's files, encoder once, merged decoder with its cache, argmax. */
export class RawLoop {
  /** The decoder outputs a step after the first reads: all but the encoder's keys and values. */
  private readonly stepOutputs: string[];

  private constructor(
    private readonly encoder: InferenceSession,
    private readonly decoder: InferenceSession,
    private readonly layers: number,
    private readonly heads: number,
    private readonly headDim: number,
  ) {
    this.stepOutputs = decoderStepOutputs(decoder.outputNames);
  }

  /** `spinUs`: the server's thread spinning (`MLHUB_INFERENCE_THREAD_SPIN_US`), so both sides run ONNX Runtime alike. */
  static async open(modelDir: string, dtype: 'fp32' | 'q8', spinUs: number): Promise<RawLoop> {
    const suffix = dtype === 'q8' ? '_quantized' : '';
    const config = JSON.parse(readFileSync(path.join(modelDir, 'config.json'), 'utf8')) as {
      num_decoder_layers: number;
      num_heads: number;
      d_kv: number;
    };
    const options = threadOptions({ threads: 0, spinUs });
    const encoder = await InferenceSession.create(path.join(modelDir, 'onnx', `encoder_model${suffix}.onnx`), options);
    const decoder = await InferenceSession.create(path.join(modelDir, 'onnx', `decoder_model_merged${suffix}.onnx`), options);
    return new RawLoop(encoder, decoder, config.num_decoder_layers, config.num_heads, config.d_kv);
  }

  /** Greedy tokens for `ids`; `encoderAndFirstStepMs` is the floor of a first token's latency. */
  async run(ids: number[], newTokens: number): Promise<{ ms: number; tokens: number[]; encoderAndFirstStepMs: number }> {
    const started = performance.now();
    const mask = new Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]);
    const encoded = await this.encoder.run({
      input_ids: new Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      attention_mask: mask,
    });
    const hidden = encoded['last_hidden_state'] as Tensor;
    let past: Record<string, Tensor> = {};
    const encoderPast: Record<string, Tensor> = {};
    const tokens: number[] = [];
    let next = 0;
    let firstStep = 0;
    for (let step = 0; step < newTokens; step++) {
      const feeds: Record<string, Tensor> = {
        input_ids: new Tensor('int64', BigInt64Array.from([BigInt(next)]), [1, 1]),
        encoder_hidden_states: hidden,
        encoder_attention_mask: mask,
        use_cache_branch: new Tensor('bool', new Uint8Array([step === 0 ? 0 : 1]), [1]),
      };
      for (let i = 0; i < this.layers; i++) {
        for (const part of ['decoder', 'encoder']) {
          for (const kind of ['key', 'value']) {
            const name = `past_key_values.${i}.${part}.${kind}`;
            feeds[name] =
              (part === 'decoder' ? past[name] : encoderPast[name]) ??
              new Tensor('float32', new Float32Array(0), [1, this.heads, 0, this.headDim]);
          }
        }
      }
      // After the first step, only what the next one reads, as the server's cohorts ask.
      const out = step === 0 ? await this.decoder.run(feeds) : await this.decoder.run(feeds, this.stepOutputs);
      const logits = (out['logits'] as Tensor).data as Float32Array;
      let best = 0;
      for (let v = 1; v < logits.length; v++) if ((logits[v] as number) > (logits[best] as number)) best = v;
      next = best;
      tokens.push(best);
      const nextPast: Record<string, Tensor> = {};
      for (const [name, tensor] of Object.entries(out)) {
        if (!name.startsWith('present.')) continue;
        const pastName = name.replace('present.', 'past_key_values.');
        if (name.includes('.decoder.')) nextPast[pastName] = tensor;
        else if (step === 0) encoderPast[pastName] = tensor;
      }
      past = nextPast;
      if (step === 0) firstStep = performance.now() - started;
    }
    return { ms: performance.now() - started, tokens, encoderAndFirstStepMs: firstStep };
  }

  async close(): Promise<void> {
    await this.encoder.release();
    await this.decoder.release();
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A small seeded generator for the staggered requests' lengths (the same run every time). */
export function lengths(count: number, min: number, max: number, seed = 1): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return min + (state % (max - min + 1));
  });
}

/**
 * One long request (`long` new tokens) and `shorts` short ones (`short` tokens) sent `gapMs` apart while it
 * decodes: each short request's latency, and the long one's, in ms.
 */
export async function longWithShorts(
  url: string,
  token: string,
  prompt: string,
  { long = 300, short = 16, shorts = 8, gapMs = 120 } = {},
): Promise<{ shortMs: number[]; longMs: number }> {
  const fixed = (n: number) => ({ max_new_tokens: n, min_new_tokens: n });
  const began = performance.now();
  const longDone = generate(url, token, prompt, fixed(long)).then(() => performance.now() - began);
  const shortMs = await Promise.all(
    Array.from({ length: shorts }, async (_, k) => {
      await sleep(150 + k * gapMs);
      const sent = performance.now();
      await generate(url, token, prompt, fixed(short));
      return performance.now() - sent;
    }),
  );
  return { shortMs, longMs: await longDone };
}
