/**
 * `npm run bench:inference`: the inference server on the flan-t5-small shape (generated into `.tmp/`), fp32 and q8,
 * each figure side by side in one run against a raw onnxruntime-node greedy loop on the same ONNX files:
 *   (a) one request, 32-token input, 32 new tokens (`min_new_tokens` 32), over HTTP / raw loop (target <= 1.10);
 *   (b) 8 concurrent clients / 1 client, generated tokens per second (target >= 2.5);
 *   (c) staggered arrivals (a request every 50 ms, max_new_tokens 8..64) / the same requests one at a time,
 *       tokens per second (target >= 2.0 over 48 requests; 16 printed beside), each beside the most that arrival
 *       schedule allows at the measured speeds;
 *   (d) streaming time to first token / (raw encoder + one decoder step) (target <= 1.3);
 *   (e) q8 / fp32 latency of (a), and how many of the first 16 greedy tokens agree;
 *   (f) short requests arriving while a long one decodes: their median latency without / with the self-attention
 *       mask (fp32), and the long one's;
 *   peak RSS of the server, fp32 and q8 (target <= 1 GB fp32).
 * Options: --rounds N (default 3), --model DIR (default .tmp/bench-flan-t5-small, generated when missing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mintDevToken } from '@mlhub/services';
import { benchControlPlane } from '../src/bench/control-plane.js';
import {
  generate,
  lengths,
  longWithShorts,
  median,
  peakRssMb,
  promptOfLength,
  RawLoop,
  sleep,
  startServer,
  timeToFirstToken,
} from '../src/bench/inference.js';
import { closeClient } from '../src/bench/http-client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, model: { type: 'string' } } });
const rounds = Number(values.rounds);
const modelDir = path.resolve(values.model ?? path.join(root, '.tmp', 'bench-flan-t5-small'));
if (!existsSync(path.join(modelDir, 'onnx', 'decoder_model_merged_quantized.onnx'))) {
  console.log(`generating the flan-t5-small shape into ${modelDir} ...`);
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/bin/model-make.ts', '--shape', 'flan-t5-small', '--out', modelDir, '--dtype', 'both'],
    { cwd: root, stdio: 'inherit' },
  );
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-bench-inference-'));
const token = await mintDevToken({ dataDir, tenant: 'dev', username: 'bench' });
const fmt = (n: number, digits = 2) => n.toFixed(digits);
/** Exactly `n` new tokens: `</s>` held back until then. */
const fixed = (n: number) => ({ max_new_tokens: n, min_new_tokens: n });
/**
 * Before each side of a paired figure: a collection of this process's garbage (`--expose-gc`), or the raw loop's
 * tensors are collected inside a timed request (first tokens read up to 15 ms after the server sent them), and a
 * pause, since ONNX Runtime's idle threads spin-wait for a while after a run and the side measured right after the
 * other would share the cores with the other process's spinning threads.
 */
const settle = async () => {
  (globalThis as { gc?: () => void }).gc?.();
  await sleep(100);
};
/** (d)'s probes a side and round (about 125 ms each with `settle`). */
const TTFT_PROBES = 7;
/** ONNX Runtime's thread spinning on both sides: the server's default. */
const SPIN_US = 1000;
const results: Record<string, Record<string, number>> = {};
/**
 * (c)'s run lengths. 16 requests arrive over 750 ms, so the first and last run nearly alone and the schedule
 * itself caps the ratio: at q8's speed its bound (printed) was 1.84 for the second round's draw, under the
 * target for any server. 48 requests (2.4 s of arrivals) measure the server under sustained load; the target
 * is read there, and the short run is printed beside it.
 */
const STAGGERED_COUNTS = [16, 48] as const;
const SUSTAINED = 48;

/**
 * `count` requests, one every 50 ms, `max_new_tokens` (= `min_new_tokens`) drawn from 8..64 with `seed`, then
 * the same requests one at a time: tokens per second of both, their ratio, and the most that ratio can be.
 */
async function staggeredRun(url: string, prompt: string, count: number, seed: number) {
  const asks = lengths(count, 8, 64, seed);
  const t = performance.now();
  const arrivals = asks.map(async (n, k) => {
    await sleep(k * 50);
    return (await generate(url, token, prompt, fixed(n))).details.generated_tokens;
  });
  const stagTokens = (await Promise.all(arrivals)).reduce((a, b) => a + b, 0);
  const staggeredTps = stagTokens / ((performance.now() - t) / 1000);
  let seqTokens = 0;
  const alone: number[] = [];
  for (const n of asks) {
    const began = performance.now();
    seqTokens += (await generate(url, token, prompt, fixed(n))).details.generated_tokens;
    alone.push(performance.now() - began);
  }
  const seqMs = alone.reduce((a, b) => a + b, 0);
  const sequentialTps = seqTokens / (seqMs / 1000);
  // No server can end the staggered run before request k arrives (at 50k ms) and takes its time alone: the
  // ratio this arrival schedule allows at these speeds.
  const bound = seqMs / Math.max(...alone.map((ms, k) => k * 50 + ms));
  return { ratio: staggeredTps / sequentialTps, bound, staggeredTps, sequentialTps };
}
const greedy16: Record<string, number[]> = {};

for (const dtype of ['fp32', 'q8'] as const) {
  const server = await startServer(root, modelDir, dtype, {
    MLHUB_DATA_DIR: dataDir,
    MLHUB_INFERENCE_BATCH_WAIT_MS: '2',
    MLHUB_INFERENCE_THREAD_SPIN_US: String(SPIN_US),
  });
  const raw = await RawLoop.open(modelDir, dtype, SPIN_US);
  try {
    const prompt = await promptOfLength(server.url, token, 32);
    const ids = Array.from({ length: 31 }, (_, i) => 100 + i).concat([1]);
    // Warm-up: both sides once.
    await generate(server.url, token, prompt, fixed(32));
    await raw.run(ids, 32);

    const one: number[] = [];
    const rawMs: number[] = [];
    const ttft: number[] = [];
    const concurrency: number[] = [];
    const staggered: Record<number, number[]> = Object.fromEntries(STAGGERED_COUNTS.map((n) => [n, []]));
    const staggeredBound: Record<number, number[]> = Object.fromEntries(STAGGERED_COUNTS.map((n) => [n, []]));
    const seen: Record<string, number[]> = { http: [], raw: [], ttft: [], rawFirst: [], c1: [], c8: [] };
    for (const n of STAGGERED_COUNTS) [seen[`stag${n}`], seen[`seq${n}`]] = [[], []];
    for (let round = 0; round < rounds; round++) {
      // (d) time to first token vs raw encoder + one decoder step, first: measured right after the raw loop's
      // 32-token run, the server's first token came 3.5 ms later (median of 8: 20.2 against 16.7 ms).
      // TTFT_PROBES a side, alternating, and the ratio of their medians: one probe a round let a single
      // pause of either process (12 probes ranged 13-24 ms on q8) decide the round, and with three the q8 ratio
      // still moved 0.86-1.66 between runs of the same code.
      const firsts: number[] = [];
      const rawFirsts: number[] = [];
      for (let probe = 0; probe < TTFT_PROBES; probe++) {
        await settle();
        firsts.push(await timeToFirstToken(server.url, token, prompt, 2));
        await settle();
        rawFirsts.push((await raw.run(ids, 1)).encoderAndFirstStepMs);
      }
      const [first, rawFirst] = [median(firsts), median(rawFirsts)];
      ttft.push(first / rawFirst);
      seen['ttft']?.push(first);
      seen['rawFirst']?.push(rawFirst);
      // (a) one request vs the raw loop
      await settle();
      const t = performance.now();
      await generate(server.url, token, prompt, fixed(32));
      const http = performance.now() - t;
      await settle();
      const direct = await raw.run(ids, 32);
      one.push(http / direct.ms);
      rawMs.push(direct.ms);
      seen['http']?.push(http);
      seen['raw']?.push(direct.ms);
      // (b) 8 concurrent clients vs 1 client, 3 requests each
      const clientRun = async (clients: number) => {
        const started = performance.now();
        const counts = await Promise.all(
          Array.from({ length: clients }, async () => {
            let n = 0;
            for (let k = 0; k < 3; k++) n += (await generate(server.url, token, prompt, fixed(32))).details.generated_tokens;
            return n;
          }),
        );
        return counts.reduce((a, b) => a + b, 0) / ((performance.now() - started) / 1000);
      };
      const c1 = await clientRun(1);
      const c8 = await clientRun(8);
      concurrency.push(c8 / c1);
      seen['c1']?.push(c1);
      seen['c8']?.push(c8);
      // (c) staggered arrivals vs one at a time, over a short and a sustained run.
      for (const count of STAGGERED_COUNTS) {
        const run = await staggeredRun(server.url, prompt, count, round + 1);
        staggered[count]?.push(run.ratio);
        staggeredBound[count]?.push(run.bound);
        seen[`stag${count}`]?.push(run.staggeredTps);
        seen[`seq${count}`]?.push(run.sequentialTps);
      }
    }
    greedy16[dtype] = (await generate(server.url, token, prompt, { max_new_tokens: 16, min_new_tokens: 16 })).details.tokens.map(
      (x) => x.id,
    );
    results[dtype] = {
      httpMs: median(seen['http'] ?? []),
      rawMs: median(rawMs),
      oneRatio: median(one),
      ttftMs: median(seen['ttft'] ?? []),
      rawFirstMs: median(seen['rawFirst'] ?? []),
      ttftRatio: median(ttft),
      c1: median(seen['c1'] ?? []),
      c8: median(seen['c8'] ?? []),
      concurrencyRatio: median(concurrency),
      ...Object.fromEntries(
        STAGGERED_COUNTS.flatMap((n) => [
          [`staggeredTps${n}`, median(seen[`stag${n}`] ?? [])],
          [`sequentialTps${n}`, median(seen[`seq${n}`] ?? [])],
          [`staggeredRatio${n}`, median(staggered[n] ?? [])],
          [`staggeredBound${n}`, median(staggeredBound[n] ?? [])],
        ]),
      ),
      peakRssMb: peakRssMb(server.child.pid as number),
    };
  } finally {
    await raw.close();
    await server.stop();
  }
}
// (f) the self-attention mask: short requests arriving while a long one decodes, fp32, mask off / mask on.
const maskSides: Record<string, { short: number[]; long: number[] }> = { off: { short: [], long: [] }, on: { short: [], long: [] } };
{
  const common = { MLHUB_DATA_DIR: dataDir, MLHUB_INFERENCE_BATCH_WAIT_MS: '2', MLHUB_INFERENCE_THREAD_SPIN_US: String(SPIN_US) };
  const servers = {
    off: await startServer(root, modelDir, 'fp32', { ...common, MLHUB_INFERENCE_SELF_ATTENTION_MASK: 'false' }),
    on: await startServer(root, modelDir, 'fp32', common),
  };
  try {
    const prompt = await promptOfLength(servers.on.url, token, 32);
    for (const server of Object.values(servers)) await generate(server.url, token, prompt, { max_new_tokens: 8 });
    for (let round = 0; round < rounds; round++) {
      for (const side of ['off', 'on'] as const) {
        await settle();
        const { shortMs, longMs } = await longWithShorts(servers[side].url, token, prompt);
        maskSides[side]?.short.push(median(shortMs));
        maskSides[side]?.long.push(longMs);
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}
rmSync(dataDir, { recursive: true, force: true });

const fp32 = results['fp32'] as Record<string, number>;
const q8 = results['q8'] as Record<string, number>;
const agree = (greedy16['fp32'] ?? []).filter((id, i) => greedy16['q8']?.[i] === id).length;
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
console.log(`\nflan-t5-small shape, ${rounds} alternating rounds, medians (shared 2-core machine: absolute numbers are noisy)\n`);
console.log('| figure | fp32 | q8 | target |');
console.log('| --- | --- | --- | --- |');
for (const [label, key, target, ok] of [
  ['(a) one request HTTP / raw loop', 'oneRatio', '<= 1.10', (v: number) => v <= 1.1],
  ['(b) 8 clients / 1 client tokens/s', 'concurrencyRatio', '>= 2.5', (v: number) => v >= 2.5],
  [`(c) staggered / one at a time tokens/s, ${SUSTAINED} requests`, `staggeredRatio${SUSTAINED}`, '>= 2.0', (v: number) => v >= 2.0],
  ['(d) TTFT / (raw encoder + 1 step)', 'ttftRatio', '<= 1.3', (v: number) => v <= 1.3],
] as const) {
  console.log(
    `| ${label} | ${fmt(fp32[key] as number)} ${mark(ok(fp32[key] as number))} | ${fmt(q8[key] as number)} ${mark(ok(q8[key] as number))} | ${target} |`,
  );
}
console.log(
  `| one request HTTP ms / raw ms | ${fmt(fp32['httpMs'] as number, 0)} / ${fmt(fp32['rawMs'] as number, 0)} | ${fmt(q8['httpMs'] as number, 0)} / ${fmt(q8['rawMs'] as number, 0)} | |`,
);
console.log(
  `| TTFT ms / raw first ms | ${fmt(fp32['ttftMs'] as number, 1)} / ${fmt(fp32['rawFirstMs'] as number, 1)} | ${fmt(q8['ttftMs'] as number, 1)} / ${fmt(q8['rawFirstMs'] as number, 1)} | |`,
);
console.log(
  `| tokens/s 1 client, 8 clients | ${fmt(fp32['c1'] as number, 0)}, ${fmt(fp32['c8'] as number, 0)} | ${fmt(q8['c1'] as number, 0)}, ${fmt(q8['c8'] as number, 0)} | |`,
);
for (const n of STAGGERED_COUNTS) {
  const both = (key: string, digits = 2) => `${fmt(fp32[`${key}${n}`] as number, digits)} | ${fmt(q8[`${key}${n}`] as number, digits)}`;
  if (n !== SUSTAINED) console.log(`| (c) staggered / one at a time, ${n} requests | ${both('staggeredRatio')} | |`);
  console.log(
    `| ${n} requests: tokens/s staggered, one at a time | ${fmt(fp32[`staggeredTps${n}`] as number, 0)}, ${fmt(fp32[`sequentialTps${n}`] as number, 0)} | ${fmt(q8[`staggeredTps${n}`] as number, 0)}, ${fmt(q8[`sequentialTps${n}`] as number, 0)} | |`,
  );
  console.log(`| ${n} requests: the most this arrival schedule allows | ${both('staggeredBound')} | |`);
}
console.log(
  `| peak RSS of the server (MB) | ${fmt(fp32['peakRssMb'] as number, 0)} ${mark((fp32['peakRssMb'] as number) <= 1024)} | ${fmt(q8['peakRssMb'] as number, 0)} | fp32 <= 1024 |`,
);
console.log(
  `\n(e) q8 / fp32 one-request latency: ${fmt((q8['httpMs'] as number) / (fp32['httpMs'] as number))}; first 16 greedy tokens agreeing: ${agree}/16`,
);

const [off, on] = [maskSides['off'], maskSides['on']] as [{ short: number[]; long: number[] }, { short: number[]; long: number[] }];
console.log(
  `\n(f) 8 requests of 16 tokens sent 120 ms apart while one of 300 decodes (fp32), median latency of the short ones without / with the self-attention mask: ${fmt(median(off.short) / median(on.short))} (${fmt(median(off.short), 0)} / ${fmt(median(on.short), 0)} ms); the long one ${fmt(median(off.long), 0)} / ${fmt(median(on.long), 0)} ms`,
);

// The hub's control plane (issue 10): through the hub / straight to the server, create -> running, wake -> first token.
console.log('\ncontrol plane (flan-t5-small shape, local backend):');
const control = await benchControlPlane({ shape: 'flan-t5-small', log: (line) => console.error(`  ${line}`) });
console.log('| figure | measured | target |');
console.log('| --- | --- | --- |');
console.log(
  `| one request, straight / through the hub (latency) | ${fmt(control.oneRequestRatio)} (${fmt(control.oneRequestHubMs, 0)} vs ${fmt(control.oneRequestStraightMs, 0)} ms) ${mark(control.oneRequestRatio >= 0.95)} | >= 0.95 |`,
);
console.log(
  `| 8 concurrent, through the hub / straight (req/s) | ${fmt(control.eightConcurrentRatio)} (${fmt(control.eightHubRps)} vs ${fmt(control.eightStraightRps)}) ${mark(control.eightConcurrentRatio >= 0.95)} | >= 0.95 |`,
);
console.log(`| createInferenceServer -> running | ${fmt(control.createToRunningMs / 1000, 1)} s | |`);
console.log(`| wake from scaledToZero -> first token | ${fmt(control.wakeToFirstTokenMs / 1000, 1)} s | |`);
closeClient();
