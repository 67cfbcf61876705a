import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ApiError } from '../../../src/common/errors.js';
import { createCatalog } from '../../../src/hub/catalog/catalog.js';
import type { Catalog, CatalogConfig } from '../../../src/hub/catalog/types.js';

export const HUB = 'https://huggingface.co';
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/hf-api');

type Json = Record<string, unknown>;

export function fixture(rel: string): Json {
  return JSON.parse(readFileSync(path.join(FIXTURES, rel), 'utf8')) as Json;
}

/** Recorded `GET /api/models/{id}` bodies by the id that was requested. */
export const MODEL_BODIES: Record<string, Json> = {
  'google/flan-t5-small': fixture('models/google__flan-t5-small.json'),
  'google/flan-t5-base': fixture('models/google__flan-t5-base.json'),
  'google/mt5-small': fixture('models/google__mt5-small.json'),
  'openai-community/gpt2': fixture('models/openai-community__gpt2.json'),
  'Qwen/Qwen3-0.6B': fixture('models/Qwen__Qwen3-0.6B.json'),
  'meta-llama/Llama-3.1-8B-Instruct': fixture('models/meta-llama__Llama-3.1-8B-Instruct.json'),
  'google-t5/t5-small': fixture('models/t5-small.json'),
};

export const DATASET_BODIES: Record<string, Json> = {
  'openai/gsm8k': fixture('datasets/gsm8k.json'),
  'cimec/lambada': fixture('datasets/lambada.json'),
};

/** What a list answer carries of a model or dataset body alike. */
const COMMON_LIST_KEYS = [
  '_id',
  'id',
  'author',
  'likes',
  'trendingScore',
  'private',
  'gated',
  'downloads',
  'tags',
  'createdAt',
  'lastModified',
];

const DATASET_LIST_KEYS = [...COMMON_LIST_KEYS, 'paperswithcode_id', 'description'];

/** What a list answer carries of a model body (the list shape SOURCES.md describes, plus the expanded fields). */
const LIST_KEYS = [...COMMON_LIST_KEYS, 'pipeline_tag', 'library_name', 'config', 'safetensors', 'usedStorage'];

export function listItem(body: Json): Json {
  const item = Object.fromEntries(LIST_KEYS.filter((k) => k in body).map((k) => [k, body[k]]));
  // Some recorded bodies carry the task only in transformersInfo; a list answer has it as pipeline_tag.
  const info = body.transformersInfo as { pipeline_tag?: string } | undefined;
  if (item.pipeline_tag === undefined && info?.pipeline_tag) item.pipeline_tag = info.pipeline_tag;
  return item;
}

/** The list items every list handler serves, in downloads order (the only order these tests ask for). */
export const LISTED = Object.entries(MODEL_BODIES)
  .filter(([id]) => id !== 'google-t5/t5-small')
  .map(([, body]) => listItem(body))
  .sort((a, b) => (b.downloads as number) - (a.downloads as number));

/** Counts requests by a label so tests can assert how many reached "Hugging Face". */
export class Hits {
  readonly counts = new Map<string, number>();
  readonly urls: string[] = [];
  hit(label: string, url: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    this.urls.push(url);
  }
  get(label: string): number {
    return this.counts.get(label) ?? 0;
  }
}

/**
 * Happy-path handlers: model and dataset info by id (a legacy id redirects the way the Hub does, 307 to the
 * canonical path), paged lists `pageSize` items at a time with `Link: <...>; rel="next"`, trees, README 404.
 */
export function happyHandlers(hits: Hits, pageSize = 3) {
  return [
    http.get(`${HUB}/api/models`, ({ request }) => {
      hits.hit('list', request.url);
      const url = new URL(request.url);
      const from = Number(url.searchParams.get('cursor') ?? '0');
      const task = url.searchParams.get('pipeline_tag');
      // Today's Hub files text2text-generation under text-generation; the recorded bodies predate the retag.
      const listed = task
        ? LISTED.filter((m) => m.pipeline_tag === task || (task === 'text-generation' && m.pipeline_tag === 'text2text-generation'))
        : LISTED;
      const items = listed.slice(from, from + pageSize);
      const headers: Record<string, string> = {};
      if (from + pageSize < listed.length) {
        url.searchParams.set('cursor', String(from + pageSize));
        headers.Link = `<${url.href}>; rel="next"`;
      }
      return HttpResponse.json(items, { headers });
    }),
    http.get(`${HUB}/api/datasets`, ({ request }) => {
      hits.hit('dataset-list', request.url);
      const items = Object.values(DATASET_BODIES).map((body) =>
        Object.fromEntries(DATASET_LIST_KEYS.filter((k) => k in body).map((k) => [k, body[k]])),
      );
      return HttpResponse.json(items);
    }),
    http.get(`${HUB}/api/models/t5-small/revision/:rev`, ({ request, params }) => {
      hits.hit('info', request.url);
      const query = new URL(request.url).search;
      return new HttpResponse(null, {
        status: 307,
        headers: { Location: `${HUB}/api/models/google-t5/t5-small/revision/${String(params.rev)}${query}` },
      });
    }),
    http.get(`${HUB}/api/models/:owner/:name/revision/:rev`, ({ request, params }) => {
      hits.hit('info', request.url);
      const body = MODEL_BODIES[`${String(params.owner)}/${String(params.name)}`];
      return body ? HttpResponse.json(body) : HttpResponse.json({ error: 'Repository not found' }, { status: 401 });
    }),
    http.get(`${HUB}/api/datasets/:owner/:name/revision/:rev`, ({ request, params }) => {
      hits.hit('dataset-info', request.url);
      const body = DATASET_BODIES[`${String(params.owner)}/${String(params.name)}`];
      return body ? HttpResponse.json(body) : HttpResponse.json({ error: 'Repository not found' }, { status: 401 });
    }),
    http.get(`${HUB}/api/models/:owner/:name/tree/:rev`, ({ request }) => {
      hits.hit('tree', request.url);
      return HttpResponse.json([]);
    }),
    http.get(`${HUB}/:owner/:name/raw/:rev/README.md`, ({ request }) => {
      hits.hit('readme', request.url);
      return new HttpResponse('Entry not found', { status: 404 });
    }),
  ];
}

/** The ApiError a promise rejects with (fails the test when it resolves or throws something else). */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/**
 * An msw "Hugging Face" with the happy handlers for a test file (no request escapes to the network), and a
 * maker of Hugging Face catalogs that are closed after each test; `hits` counts what reached upstream.
 */
export function hfTestbed(defaults: Partial<CatalogConfig> = {}) {
  const hits = new Hits();
  const server = setupServer(...happyHandlers(hits));
  const catalogs: Catalog[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    server.resetHandlers();
    hits.counts.clear();
    hits.urls.length = 0;
    await Promise.all(catalogs.splice(0).map((c) => c.close()));
  });
  afterAll(() => server.close());
  async function hfCatalog(extra: Partial<CatalogConfig> = {}): Promise<Catalog> {
    const catalog = await createCatalog({
      sources: ['huggingface'],
      ...defaults,
      ...extra,
      huggingface: { hubUrl: HUB, timeoutMs: 5000, fetch: (r, i) => globalThis.fetch(r, i), ...defaults.huggingface, ...extra.huggingface },
    });
    catalogs.push(catalog);
    return catalog;
  }
  return { hits, server, hfCatalog };
}
