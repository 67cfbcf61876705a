// `npm run bench:auth`: what Tapis authentication costs. One server (a child process, so the load
// generator does not share its event loop) serves the same trivial route twice, `/bench/public`
// (config.public) and `/bench/private` (token verified); autocannon drives both on loopback in the same
// run, alternating, and the median over rounds of private/public is printed (target >= 0.85). Pass `--seconds N`,
// `--connections N`.
import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { SignJWT } from 'jose';
import { foundationConfig } from '@mlhub/services';
import { envelope } from '@mlhub/services';
import { foundationPlugin } from '@mlhub/services';
import { serverOptions } from '@mlhub/services';
import { alternatingRounds, mean, medianPairedRatio, serveForParent, startChildServer } from '../src/bench/loopback-load.js';

const BASE_URL = 'https://bench.tapis.io';

async function serve(): Promise<void> {
  const config = foundationConfig.load(process.env);
  const app = Fastify(serverOptions(config));
  await app.register(foundationPlugin, { config, version: 'bench' });
  app.get('/bench/public', { config: { public: true } }, async (request) => envelope(request, { ok: true }));
  app.get('/bench/private', async (request) => envelope(request, { ok: true, user: request.tapis.username }));
  serveForParent(app, await app.listen({ port: 0, host: '127.0.0.1' }));
}

async function measure(
  label: string,
  env: Record<string, string>,
  token: string,
  options: { rounds: number; seconds: number; connections: number },
): Promise<number> {
  const server = await startChildServer(fileURLToPath(import.meta.url), ['--serve'], env);
  try {
    const seen = await alternatingRounds({ open: `${server.url}/bench/public`, authed: `${server.url}/bench/private` }, token, options);
    const open = seen.open.map((r) => r.rps);
    const authed = seen.authed.map((r) => r.rps);
    const ratio = medianPairedRatio(seen.authed, seen.open);
    console.log(
      `${label.padEnd(34)} no auth ${mean(open).toFixed(0).padStart(7)} req/s   auth ${mean(authed).toFixed(0).padStart(7)} req/s   median ratio of ${options.rounds} paired rounds ${ratio.toFixed(3)}`,
    );
    return ratio;
  } finally {
    server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '50' },
      serve: { type: 'boolean' },
    },
  });
  if (values.serve) return serve();
  const options = { rounds: Number(values.rounds), seconds: Number(values.seconds), connections: Number(values.connections) };
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    'tapis/tenant_id': 'bench',
    'tapis/token_type': 'access',
    'tapis/username': 'bench-user',
    'tapis/account_type': 'user',
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(`${BASE_URL}/v3/tokens`)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
  const env = {
    MLHUB_LOG_LEVEL: 'warn',
    MLHUB_RATE_LIMIT_MAX: '1000000000',
    MLHUB_STATIC_KEYS: JSON.stringify({ bench: { public_key: publicKey.export({ type: 'spki', format: 'pem' }), base_url: BASE_URL } }),
  };
  console.log(
    `autocannon on loopback, ${options.connections} connections, ${options.rounds} x ${options.seconds} s per route after a 2 s warm-up, node ${process.version}`,
  );
  const ratio = await measure('default (verified-token cache on)', env, token, options);
  await measure('every request verified (cache 0)', { ...env, MLHUB_TOKEN_CACHE_SIZE: '0' }, token, options);
  console.log(ratio >= 0.85 ? `PASS: ratio ${ratio.toFixed(3)} >= 0.85` : `FAIL: ratio ${ratio.toFixed(3)} < 0.85`);
  if (ratio < 0.85) process.exitCode = 1;
}

await main();
