import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';

/**
 * A loopback stand-in for the Hugging Face Hub API, answering with the recorded bodies in
 * `services/test/fixtures/hf-api/` (the one copy, its README names their origins) the way the Hub does: lists
 * sorted by downloads, reduced to the `expand` keys asked for and paged through `Link: <...>; rel="next"`;
 * details under `/{id}/revision/{rev}` that also answer a renamed id (`t5-small`) with the canonical body.
 */
const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../services/test/fixtures/hf-api');

/**
 * The bodies this hub serves: the T5 family and four renamed or case-folded datasets. The folder holds more
 * (gpt2, Qwen, Llama for the hub's tests); serving them would change which repos are the top ones.
 */
const SERVED = new Set([
  'models/t5-small.json',
  'models/google__flan-t5-base.json',
  'models/google__flan-t5-small.json',
  'models/google__mt5-small.json',
  'datasets/lambada.json',
  'datasets/c4.json',
  'datasets/gsm8k.json',
  'datasets/openbmb__ultrafeedback.json',
]);

type Body = { _id: string; id: string; sha: string; downloads: number } & Record<string, unknown>;
type Kind = 'models' | 'datasets';

export function readFixtureBodies(kind: Kind): { requested: string; body: Body }[] {
  const index = JSON.parse(readFileSync(path.join(fixturesDir, 'INDEX.json'), 'utf8')) as { file: string; requested: string }[];
  return index
    .filter((e) => e.file.startsWith(`${kind}/`) && SERVED.has(e.file))
    .map((e) => ({
      requested: e.requested.replace(`GET /api/${kind}/`, ''),
      body: JSON.parse(readFileSync(path.join(fixturesDir, e.file), 'utf8')) as Body,
    }));
}

// Query values arrive as strings or arrays of strings (Fastify's query parser).
const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

/** The body reduced to what `expand` asks for, as the Hub does; the whole body when nothing is asked. */
function expanded(body: Body, expand: string[]): Record<string, unknown> {
  if (expand.length === 0) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => k === '_id' || k === 'id' || expand.includes(k)));
}

export interface LoopbackHub {
  url: string;
  /** Every request the hub saw, with its Authorization header. */
  requests: { url: string; authorization: string | undefined }[];
  close: () => Promise<void>;
}

export async function startLoopbackHub(pageSize = 2): Promise<LoopbackHub> {
  const app = Fastify();
  const requests: LoopbackHub['requests'] = [];
  app.addHook('onRequest', async (req) => {
    requests.push({ url: req.url, authorization: req.headers.authorization });
  });
  for (const kind of ['models', 'datasets'] as const) {
    const entries = readFixtureBodies(kind);
    const ranked = entries.map((e) => e.body).sort((a, b) => b.downloads - a.downloads);
    app.get(`/api/${kind}`, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const limit = Number(q.limit ?? 1000);
      const start = Number(q.cursor ?? 0);
      const page = ranked.slice(start, start + Math.min(limit, pageSize));
      if (start + page.length < ranked.length) {
        const next = new URL(req.url, `http://${req.headers.host}`);
        next.searchParams.set('cursor', String(start + page.length));
        reply.header('Link', `<${next.href}>; rel="next"`);
      }
      return page.map((b) => expanded(b, asList(q.expand)));
    });
    app.get(`/api/${kind}/*`, async (req, reply) => {
      const rest = (req.params as { '*': string })['*'];
      const m = /^(.+?)(?:\/revision\/([^/]+))?$/.exec(rest)!;
      const [name, revision = 'HEAD'] = [decodeURIComponent(m[1]!), m[2] && decodeURIComponent(m[2])];
      const hit = entries.find((e) => e.body.id === name || e.requested.toLowerCase() === name.toLowerCase());
      if (!hit) return reply.code(404).send({ error: 'Repository not found' });
      if (revision !== 'HEAD' && revision !== hit.body.sha) return reply.code(404).send({ error: 'Invalid rev id' });
      return expanded(hit.body, asList((req.query as Record<string, unknown>).expand));
    });
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, requests, close: () => app.close() };
}
