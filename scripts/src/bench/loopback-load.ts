import { fork } from 'node:child_process';
import autocannon from 'autocannon';

export interface ChildServer {
  url: string;
  stop(): void;
}

/**
 * Fork `script` with `argv` as the server under test and wait for the URL it reports with `process.send({url})`.
 * A separate process, so the server never shares an event loop with the load generator.
 */
export function startChildServer(script: string, argv: string[], env: Record<string, string>): Promise<ChildServer> {
  const child = fork(script, argv, { env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server ${argv.join(' ')} exited with ${code}`)));
    child.once('message', (message) => resolve({ url: (message as { url: string }).url, stop: () => child.kill('SIGTERM') }));
  });
}

/** Report the listening URL to the parent and close when it goes away; the child side of startChildServer. */
export function serveForParent(app: { close(): Promise<unknown> }, url: string): void {
  process.send?.({ url });
  process.on('disconnect', () => void app.close());
}

export interface Round {
  /** Mean requests per second. */
  rps: number;
  p50: number;
  p99: number;
}

/** One autocannon round on loopback with a Tapis token; any non-2xx answer or error fails the bench. */
async function loadRound(url: string, token: string, seconds: number, connections: number): Promise<Round> {
  const result = await autocannon({ url, connections, duration: seconds, headers: { 'x-tapis-token': token } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

export const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Warm both targets up for 2 s, then run `rounds` alternating rounds of each, so drift of the machine's speed
 * hits both alike. Answers the rounds per target, in the order of `targets`.
 */
export async function alternatingRounds<K extends string>(
  targets: Record<K, string>,
  token: string,
  options: { rounds: number; seconds: number; connections: number },
): Promise<Record<K, Round[]>> {
  const names = Object.keys(targets) as K[];
  for (const name of names) await loadRound(targets[name], token, 2, options.connections);
  const seen = Object.fromEntries(names.map((name) => [name, [] as Round[]])) as Record<K, Round[]>;
  for (let round = 0; round < options.rounds; round++) {
    for (const name of names) seen[name].push(await loadRound(targets[name], token, options.seconds, options.connections));
  }
  return seen;
}

/**
 * The median over rounds of `numerator[i].rps / denominator[i].rps`. Each pair ran back to back, so a change of
 * the machine's speed between rounds (seen here: the same route 11k req/s in one round, 22k in another) cancels
 * within a pair instead of skewing a ratio of means.
 */
export function medianPairedRatio(numerator: Round[], denominator: Round[]): number {
  const ratios = numerator.map((round, i) => round.rps / denominator[i]!.rps).sort((a, b) => a - b);
  const mid = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
}
