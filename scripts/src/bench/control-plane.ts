import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mintDevToken } from '@mlhub/services';
import { buildHubApp, loopbackHubConfig } from '@mlhub/services/hub';
import { makeModel } from '../model/index.js';
import { request } from './http-client.js';

export interface ControlPlaneBenchOptions {
  /** Model shape served (default flan-t5-small, the figure). */
  shape?: 'tiny' | 'flan-t5-small';
  /** Sequential requests per side per round (default 6) and rounds (default 2). */
  requests?: number;
  rounds?: number;
  /** New tokens per request (greedy). Default 16. */
  maxNewTokens?: number;
  log?: (line: string) => void;
}

export interface ControlPlaneBenchResult {
  shape: string;
  /** createInferenceServer -> running, ms. */
  createToRunningMs: number;
  /** Sequential: mean latency straight / through the hub (>= 0.95 wanted). */
  oneRequestRatio: number;
  oneRequestHubMs: number;
  oneRequestStraightMs: number;
  /** 8 concurrent clients: throughput through the hub / straight (>= 0.95 wanted). */
  eightConcurrentRatio: number;
  eightHubRps: number;
  eightStraightRps: number;
  /** scaledToZero -> first SSE event through the hub, ms. */
  wakeToFirstTokenMs: number;
}

const INPUT = 'Translate English to German: The house is wonderful and the garden is full of flowers in the early summer.';

async function post(url: string, token: string, body: unknown): Promise<void> {
  const answer = await request('POST', url, { authorization: `Bearer ${token}` }, body);
  if (answer.status >= 400) throw new Error(`${url} answered ${answer.status}`);
}

async function sequentialMs(run: () => Promise<void>, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await run();
  return (performance.now() - started) / n;
}

async function concurrentRps(run: () => Promise<void>, clients: number, perClient: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) await run();
    }),
  );
  return (clients * perClient) / ((performance.now() - started) / 1000);
}

/**
 * The control plane's figures, side by side in one run on one machine: the hub (in this process) with the
 * local backend serving a generated model; the same requests through the hub (`runInference`, envelope)
 * and straight to the server (`POST /generate`), alternating rounds; create -> running; wake -> first token.
 */
export async function benchControlPlane(options: ControlPlaneBenchOptions = {}): Promise<ControlPlaneBenchResult> {
  const log = options.log ?? (() => undefined);
  const shape = options.shape ?? 'flan-t5-small';
  const requests = options.requests ?? 6;
  const rounds = options.rounds ?? 2;
  const maxNewTokens = options.maxNewTokens ?? 16;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-bench-control-'));
  const modelId = `local/${shape}-random`;
  const modelDir = path.join(dataDir, 'store', 'models', 'local', `${shape}-random`);
  mkdirSync(modelDir, { recursive: true });
  log(`writing the ${shape} model`);
  await makeModel({ shape, outDir: modelDir, dtype: 'both' });
  const config = loopbackHubConfig(dataDir, {
    MLHUB_LOG_LEVEL: 'warn',
    MLHUB_RATE_LIMIT_MAX: '100000000',
    MLHUB_INFERENCE_IDLE_TIMEOUT_S: '3600',
    MLHUB_INFERENCE_WAKE_WAIT_MS: '120000',
  });
  const app = await buildHubApp({ config, inference: { idleCheckMs: 200 } });
  const hub = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const token = await mintDevToken({ dataDir, tenant: 'dev', username: 'bench' });
    const started = performance.now();
    const created = (await (
      await fetch(`${hub}/v3/mlhub/inference/servers`, {
        method: 'POST',
        headers: { 'X-Tapis-Token': token, 'content-type': 'application/json' },
        body: JSON.stringify({ modelId }),
      })
    ).json()) as { result: { id: string } };
    const serverId = created.result.id;
    const plane = app.inferenceControl;
    if (!(await plane.waitRunning(serverId, 600_000)))
      throw new Error(`server did not run: ${plane.state.server(serverId)?.message ?? ''}`);
    const createToRunningMs = performance.now() - started;
    const endpoint = plane.state.server(serverId)!.endpoint!;
    log(`running after ${createToRunningMs.toFixed(0)} ms at ${endpoint}`);

    const body = { inputs: INPUT, parameters: { max_new_tokens: maxNewTokens } };
    const throughHub = () => post(`${hub}/v3/mlhub/inference/models/${encodeURIComponent(modelId)}/generate`, token, body);
    const straight = () => post(`${endpoint}/generate`, token, body);
    await throughHub();
    await straight();
    const hubMs: number[] = [];
    const straightMs: number[] = [];
    const hubRps: number[] = [];
    const straightRps: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternating order, so drift in the machine's load falls on both sides.
      const pair = r % 2 === 0 ? [throughHub, straight] : [straight, throughHub];
      for (const run of pair) (run === throughHub ? hubMs : straightMs).push(await sequentialMs(run, requests));
      for (const run of pair)
        (run === throughHub ? hubRps : straightRps).push(await concurrentRps(run, 8, Math.max(2, Math.round(requests / 2))));
      log(
        `round ${r + 1}: 1 request hub ${hubMs.at(-1)!.toFixed(0)} ms / straight ${straightMs.at(-1)!.toFixed(0)} ms; 8 concurrent hub ${hubRps.at(-1)!.toFixed(2)} / straight ${straightRps.at(-1)!.toFixed(2)} req/s`,
      );
    }
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

    // Scale it to zero (the idle stop itself), then time the wake to the first streamed token.
    const server = plane.state.server(serverId)!;
    await plane.backend.stop(server, null, { keep: true });
    plane.state.transition(serverId, 'scaledToZero', 'bench: idle stop', { endpoint: null }, ['running']);
    const woken = await request(
      'POST',
      `${hub}/v3/mlhub/inference/models/${encodeURIComponent(modelId)}/generate`,
      { 'X-Tapis-Token': token },
      {
        ...body,
        stream: true,
      },
    );
    if (woken.status !== 200) throw new Error(`the wake answered ${woken.status}: ${woken.text}`);
    const wakeToFirstTokenMs = woken.firstBytesMs;
    log(`wake to first token ${wakeToFirstTokenMs.toFixed(0)} ms`);

    return {
      shape,
      createToRunningMs,
      oneRequestHubMs: mean(hubMs),
      oneRequestStraightMs: mean(straightMs),
      oneRequestRatio: mean(straightMs) / mean(hubMs),
      eightHubRps: mean(hubRps),
      eightStraightRps: mean(straightRps),
      eightConcurrentRatio: mean(hubRps) / mean(straightRps),
      wakeToFirstTokenMs,
    };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
