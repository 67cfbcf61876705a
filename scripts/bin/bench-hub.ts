/**
 * `npm run bench:hub`: the hub catalog's figures.
 *   (a) a synthetic catalog of 200,000 models drawn from the shipped snapshot's distributions: p50/p99 of
 *       filtered + sorted `listModels` queries through the catalog facade (target p50 <= 5 ms);
 *   (b) 100 identical concurrent misses against a loopback "Hugging Face" -> how many upstream requests (target 1);
 *   (c) the cached top-100 list (`GET /v3/mlhub/models?limit=100`, a dev-tenant RS256 token) through the hub
 *       with its embedded defaults vs a bare Fastify route sending the same bytes: autocannon, 50 connections,
 *       loopback, alternating rounds (targets: throughput ratio >= 0.7, hub p99 <= 25 ms).
 *       Each server is a child process of this script (`--serve hub|bare`), so neither shares autocannon's event loop.
 *       (c) runs at each log level of --log-levels (default `info,warn`: info is the default of MLHUB_LOG_LEVEL,
 *       warn the tuned setting); the rate limit runs on every request, its maximum raised so the bench is not stopped.
 * Options: --models N (default 200000), --runs N per query (default 300), --seed N, --seconds N per HTTP round
 * (default 3), --rounds N (default 5), --connections N (default 50), --log-levels a,b, --only c (skip (a) and (b)).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { mintDevToken } from '@mlhub/services';
import { buildHubApp, createCatalog, hubConfig, loadSnapshot, type Catalog, type ModelListQuery } from '@mlhub/services/hub';
import type { ModelRecord, Snapshot } from '@mlhub/services/snapshot';
import { alternatingRounds, mean, medianPairedRatio, serveForParent, startChildServer } from '../src/bench/loopback-load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.resolve(here, '../../services/test/fixtures/hf-api/models/google__flan-t5-small.json');

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    'log-levels': { type: 'string', default: 'info,warn' },
    only: { type: 'string' },
    /** Internal: run as the child process serving `hub` (env from the parent) or `bare` (the bytes of a file). */
    serve: { type: 'string' },
    body: { type: 'string' },
  },
});

/** mulberry32: a small seeded generator, so two runs draw the same catalog. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * N models whose fields are drawn independently from the snapshot's empirical distribution of each field
 * (author, task, library, license, languages, datasets, tags, gated, config, counts, dates), so filter
 * selectivities and value skew match the real catalog.
 */
function syntheticSnapshot(base: Snapshot, n: number, seed: number): Snapshot {
  const random = rng(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const m = base.models;
  const jitter = (iso: string | null): string | null =>
    iso === null ? null : new Date(Date.parse(iso) + Math.floor((random() - 0.5) * 30 * 86_400_000)).toISOString();
  const models: ModelRecord[] = [];
  for (let i = 0; i < n; i++) {
    const author = pick(m).author ?? 'anon';
    const shape = pick(m);
    const template = pick(m);
    models.push({
      ...template,
      id: `${author}/${pick(m).id.split('/').pop()}-${i.toString(36)}`,
      author,
      pipelineTag: pick(m).pipelineTag,
      library: pick(m).library,
      license: pick(m).license,
      languages: pick(m).languages,
      datasets: pick(m).datasets,
      tags: pick(m).tags,
      gated: pick(m).gated,
      modelType: shape.modelType,
      architectures: shape.architectures,
      downloads: Math.floor(pick(m).downloads * (0.5 + random())),
      likes: Math.floor(pick(m).likes * (0.5 + random())),
      trendingScore: pick(m).trendingScore,
      createdAt: jitter(pick(m).createdAt),
      lastModified: jitter(pick(m).lastModified),
    });
  }
  return { ...base, models, aliases: { models: {}, datasets: {} } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (ms: number): string => `${ms.toFixed(3)} ms`;

async function benchQueries(catalog: Catalog, runs: number): Promise<number[]> {
  // Search needles vary (a cold lookup each walk), drawn from words common in model ids.
  const needles = ['qwen', 'llama', 'bert', 'gguf', 'instruct', 'flan-t5', 'whisper', 'mini', 'coder', 'vl-', '7b', 'diffusion'];
  const combos: Array<[string, ModelListQuery | ((walk: number) => ModelListQuery)]> = [
    ['no filter, downloads desc', {}],
    ['task=text-generation (+text2text), likes desc', { task: 'text-generation', sort: 'likes' }],
    ['library=transformers license=apache-2.0, created desc', { library: 'transformers', license: 'apache-2.0', sort: 'created' }],
    ['language=en gated=false, updated asc', { language: 'en', gated: false, sort: 'updated', direction: 'asc' }],
    ['search=<12 needles: qwen, llama, 7b, ...>, downloads desc', (walk) => ({ search: needles[walk % needles.length]! })],
    ['tags=gguf task=text-generation, trending desc', { tags: ['gguf'], task: 'text-generation', sort: 'trending' }],
    ['servable=true, id asc', { servable: true, sort: 'id', direction: 'asc' }],
    ['author=google library=transformers', { author: 'google', library: 'transformers' }],
    [
      'task=image-text-to-text license=apache-2.0 gated=false language=en, likes asc',
      {
        task: 'image-text-to-text',
        license: 'apache-2.0',
        gated: false,
        language: 'en',
        sort: 'likes',
        direction: 'asc',
      },
    ],
  ];
  const all: number[] = [];
  console.log('\n(a) filtered + sorted listModels, limit 20, through the catalog facade (remembered answers off)');
  console.log('    query'.padEnd(86) + 'p50'.padStart(12) + 'p99'.padStart(12) + 'total'.padStart(9));
  for (const [name, query] of combos) {
    const times: number[] = [];
    let total: number | null = null;
    // Pages 1..5 in turn: later pages resume from a cursor, as a browsing user does.
    let cursor: string | undefined;
    for (let i = 0; i < runs; i++) {
      if (i % 5 === 0) cursor = undefined;
      const filters = typeof query === 'function' ? query(Math.floor(i / 5)) : query;
      const t0 = process.hrtime.bigint();
      const page = await catalog.listModels({ ...filters, limit: 20, cursor });
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      total = page.total;
      cursor = page.nextCursor ?? undefined;
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(
      `    ${name}`.padEnd(86) +
        fmt(percentile(times, 50)).padStart(12) +
        fmt(percentile(times, 99)).padStart(12) +
        String(total).padStart(9),
    );
  }
  const facetTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = process.hrtime.bigint();
    await catalog.modelFacets(i % 2 ? { library: 'transformers' } : {});
    facetTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  facetTimes.sort((a, b) => a - b);
  console.log(
    `    (info) modelFacets over all / library=transformers: p50 ${fmt(percentile(facetTimes, 50))}, p99 ${fmt(percentile(facetTimes, 99))}`,
  );
  return all.sort((a, b) => a - b);
}

async function benchSingleFlight(): Promise<{ upstream: number; answers: number }> {
  const body = readFileSync(FIXTURE);
  let upstream = 0;
  const server = createServer((req, res) => {
    upstream++;
    // A slow upstream, so all 100 requests are in flight together.
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const catalog = await createCatalog({ sources: ['huggingface'], huggingface: { hubUrl: `http://127.0.0.1:${port}` } });
    const answers = await Promise.all(Array.from({ length: 100 }, () => catalog.getModel('google/flan-t5-small')));
    await catalog.close();
    return { upstream, answers: answers.filter((a) => a.result.id === 'google/flan-t5-small').length };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const LIST_PATH = '/v3/mlhub/models?limit=100';

/** The child process's server: the hub as `server.ts` builds it, or a bare Fastify route sending fixed bytes. */
async function serve(kind: string): Promise<void> {
  let app;
  if (kind === 'hub') {
    app = await buildHubApp({ config: hubConfig.load(process.env) });
  } else {
    const body = readFileSync(args.body!);
    app = Fastify();
    app.get('/v3/mlhub/models', (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
  }
  serveForParent(app, await app.listen({ port: 0, host: '127.0.0.1' }));
}

/**
 * (c) The cached top-100 list through the hub (embedded defaults: shipped snapshot + an empty store, the dev
 * tenant, rate limits on) against a bare Fastify route sending the very bytes the hub answered, same run.
 */
async function benchHttp(seconds: number, rounds: number, connections: number, logLevel: string): Promise<{ ratio: number; p99: number }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlhub-bench-'));
  const servers: Array<{ stop(): void }> = [];
  try {
    const token = await mintDevToken({ dataDir, tenant: 'dev', username: 'bench' });
    const hub = await startChildServer(fileURLToPath(import.meta.url), ['--serve', 'hub'], {
      MLHUB_DATA_DIR: dataDir,
      MLHUB_DEV_TENANT: 'dev',
      MLHUB_HOST: '127.0.0.1',
      // At info (the default) every request line is logged; at warn none are, as the bare route logs nothing.
      MLHUB_LOG_LEVEL: logLevel,
      // Rate limiting still runs on every request; the bench must not be the one it stops.
      MLHUB_RATE_LIMIT_MAX: '1000000000',
    });
    servers.push(hub);
    const answer = await fetch(`${hub.url}${LIST_PATH}`, { headers: { 'x-tapis-token': token } });
    const bytes = Buffer.from(await answer.arrayBuffer());
    const items = (JSON.parse(bytes.toString('utf8')) as { result: unknown[] }).result.length;
    if (answer.status !== 200 || items !== 100) throw new Error(`the hub answered ${answer.status} with ${items} items`);
    const bodyFile = path.join(dataDir, 'top-100.json');
    writeFileSync(bodyFile, bytes);
    const bare = await startChildServer(fileURLToPath(import.meta.url), ['--serve', 'bare', '--body', bodyFile], {});
    servers.push(bare);

    const targets = { bare: `${bare.url}${LIST_PATH}`, hub: `${hub.url}${LIST_PATH}` };
    console.log(
      `\n(c) MLHUB_LOG_LEVEL=${logLevel}: cached top-100 list (${bytes.length} bytes), autocannon ${connections} connections, loopback, 2 s warm-up, ${rounds} x ${seconds} s alternating`,
    );
    const seen = await alternatingRounds(targets, token, { rounds, seconds, connections });
    const summary = (name: 'hub' | 'bare') => {
      const r = seen[name];
      return { rps: mean(r.map((x) => x.rps)), p50: mean(r.map((x) => x.p50)), p99: Math.max(...r.map((x) => x.p99)) };
    };
    const h = summary('hub');
    const b = summary('bare');
    for (const [label, s, rs] of [
      ['bare Fastify route', b, seen.bare],
      ['hub (token, envelope, ETag)', h, seen.hub],
    ] as const) {
      const perRound = rs.map((x) => x.rps.toFixed(0)).join(' / ');
      console.log(
        `    ${label.padEnd(30)} ${s.rps.toFixed(0).padStart(7)} req/s (rounds ${perRound})   p50 ${s.p50.toFixed(1)} ms   p99 (worst round) ${s.p99.toFixed(1)} ms`,
      );
    }
    const ratio = medianPairedRatio(seen.hub, seen.bare);
    console.log(
      `    median ratio hub/bare of ${rounds} paired rounds ${ratio.toFixed(3)} (target >= 0.7: ${ratio >= 0.7 ? 'MET' : 'MISSED'}), hub p99 ${h.p99.toFixed(1)} ms (target <= 25 ms: ${h.p99 <= 25 ? 'MET' : 'MISSED'})`,
    );
    return { ratio, p99: h.p99 };
  } finally {
    for (const server of servers) server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (args.only !== 'c') await benchCatalog();
  for (const level of (args['log-levels'] ?? 'info,warn').split(',')) {
    await benchHttp(Number(args.seconds), Number(args.rounds), Number(args.connections), level.trim());
  }
}

async function benchCatalog(): Promise<void> {
  const n = Number(args.models);
  const runs = Number(args.runs);
  const base = loadSnapshot();
  console.log(`bench:hub, node ${process.version}`);
  const t0 = performance.now();
  const synthetic = syntheticSnapshot(base, n, Number(args.seed));
  const t1 = performance.now();
  // Remembered answers off: every query of (a) is answered by the index, as a query seen first is.
  const catalog = await createCatalog({ snapshot: synthetic, sources: ['snapshot'], rememberedAnswers: 0 });
  const t2 = performance.now();
  console.log(
    `synthetic catalog: ${n} models drawn from ${base.models.length} snapshot models in ${(t1 - t0).toFixed(0)} ms; index built in ${(t2 - t1).toFixed(0)} ms`,
  );

  const all = await benchQueries(catalog, runs);
  const p50 = percentile(all, 50);
  const p99 = percentile(all, 99);
  console.log(`    ALL ${all.length} queries: p50 ${fmt(p50)} (target <= 5 ms: ${p50 <= 5 ? 'MET' : 'MISSED'}), p99 ${fmt(p99)}`);

  const flight = await benchSingleFlight();
  console.log(
    `\n(b) 100 identical concurrent misses -> ${flight.upstream} upstream request(s), ${flight.answers} answers (target 1: ${flight.upstream === 1 ? 'MET' : 'MISSED'})`,
  );

  await catalog.close();
}

if (args.serve) await serve(args.serve);
else await main();
