import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { happyHandlers, Hits, HUB, MODEL_BODIES, DATASET_BODIES } from '../catalog/hf-fixtures.js';
import { get, startHub, type RunningHub } from './harness.js';
import { SpecValidator } from './spec-validator.js';

// The images of Hugging Face cards through the hub's `resolve` route, Hugging Face (and its CDN) answered by msw.
const hits = new Hits();
const server = setupServer(...happyHandlers(hits));
const FLAN_SHA = MODEL_BODIES['google/flan-t5-small']?.sha as string;
const GSM_SHA = DATASET_BODIES['openai/gsm8k']?.sha as string;
const CDN = 'https://cdn-lfs.huggingface.co';
const MAX = 4096;

/** A PNG as far as its first bytes go, `size` bytes long. */
function png(size = 64): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) bytes[i] = (i * 7) % 256;
  return bytes;
}

/** Hugging Face's `resolve/{rev}/{path}` of flan-t5-small answering `answer` for one path, counting what it is asked. */
function flanFile(file: string, answer: () => Response) {
  return http.get(`${HUB}/google/flan-t5-small/resolve/:rev/*`, ({ request }) => {
    const url = new URL(request.url);
    if (!url.pathname.endsWith(`/${file}`)) return undefined;
    hits.hit(`file:${file}`, request.url);
    return answer();
  });
}

const imageOf =
  (bytes: Uint8Array<ArrayBuffer>, type = 'image/png', headers: Record<string, string> = {}) =>
  () =>
    new HttpResponse(bytes, { headers: { 'Content-Type': type, 'Content-Length': String(bytes.length), ...headers } });

describe('card images of Hugging Face repositories through resolve', () => {
  let hub: RunningHub;
  const validator = new SpecValidator();

  /** The route's answer with its bytes. */
  async function resolve(pathAndQuery: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${hub.url}${pathAndQuery}`, { headers: { 'X-Tapis-Token': hub.token, ...headers } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const type = res.headers.get('content-type');
    const body = type?.includes('json') ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
    return { status: res.status, headers: res.headers, bytes, body };
  }
  const flan = (path: string, revision?: string) =>
    `/v3/mlhub/models/google%2Fflan-t5-small/resolve?path=${encodeURIComponent(path)}${revision ? `&revision=${encodeURIComponent(revision)}` : ''}`;
  const expectError = (answer: { status: number; headers: Headers; body: unknown }, status: number, code: string) => {
    expect([answer.status, (answer.body as { metadata?: { code?: string } } | undefined)?.metadata?.code]).toEqual([status, code]);
    expect(validator.check('downloadModelFile', status, answer.headers.get('content-type'), answer.body)).toEqual([]);
  };

  beforeAll(async () => {
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    });
    hub = await startHub(
      {
        MLHUB_SOURCES: 'huggingface,snapshot,store',
        MLHUB_HUGGINGFACE_URL: HUB,
        MLHUB_HUGGINGFACE_TIMEOUT_MS: '2000',
        MLHUB_CARD_IMAGE_MAX_BYTES: String(MAX),
      },
      { huggingfaceFetch: (input, init) => globalThis.fetch(input, init) },
    );
  });
  afterEach(() => {
    server.resetHandlers();
    hits.counts.clear();
    hits.urls.length = 0;
  });
  afterAll(async () => {
    await hub.close();
    server.close();
  });

  it('an image of a Hugging Face model comes through with its type, read at the revision the details came from', async () => {
    const bytes = png();
    server.use(flanFile('assets/fig.png', imageOf(bytes)));
    const answer = await resolve(flan('assets/fig.png'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(Buffer.from(answer.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(hits.urls.filter((u) => u.includes('/resolve/'))).toEqual([`${HUB}/google/flan-t5-small/resolve/${FLAN_SHA}/assets/fig.png`]);
    // Asked again with its ETag: 304, from the cache.
    const again = await resolve(flan('assets/fig.png'), { 'If-None-Match': answer.headers.get('etag') ?? '' });
    expect(again.status).toBe(304);
    expect(hits.get('file:assets/fig.png')).toBe(1);
  });

  it('reads the revision asked for, a branch with a slash percent-encoded upstream', async () => {
    server.use(flanFile('branch.png', imageOf(png())));
    const answer = await resolve(flan('branch.png', 'refs/pr/1'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('private, max-age=300');
    expect(hits.urls.filter((u) => u.includes('/resolve/'))).toEqual([`${HUB}/google/flan-t5-small/resolve/refs%2Fpr%2F1/branch.png`]);
  });

  it("a dataset's image comes from the dataset's resolve URL", async () => {
    const bytes = png(32);
    server.use(
      http.get(`${HUB}/datasets/openai/gsm8k/resolve/${GSM_SHA}/card/plot.png`, ({ request }) => {
        hits.hit('dataset-file', request.url);
        return imageOf(bytes)();
      }),
    );
    const answer = await resolve('/v3/mlhub/datasets/openai%2Fgsm8k/resolve?path=card/plot.png');
    expect([answer.status, answer.headers.get('content-type'), answer.bytes.length]).toEqual([200, 'image/png', 32]);
    expect(hits.get('dataset-file')).toBe(1);
  });

  it('follows a redirect to an allow-listed CDN host, without the path the card named ever becoming a URL', async () => {
    const bytes = png(100);
    server.use(
      flanFile('lfs.png', () => new HttpResponse(null, { status: 302, headers: { Location: `${CDN}/repos/ab/cd/signed?X-Amz=1` } })),
      http.get(`${CDN}/repos/ab/cd/signed`, ({ request }) => {
        hits.hit('cdn', request.url);
        return imageOf(bytes)();
      }),
    );
    const answer = await resolve(flan('lfs.png'));
    expect([answer.status, answer.headers.get('content-type'), answer.bytes.length]).toEqual([200, 'image/png', 100]);
    expect(hits.get('cdn')).toBe(1);
  });

  it('refuses a redirect to a host that is not on the allow-list, and never calls it', async () => {
    server.use(
      flanFile('elsewhere.png', () => new HttpResponse(null, { status: 302, headers: { Location: 'https://evil.example/x.png' } })),
      http.get('https://evil.example/*', ({ request }) => {
        hits.hit('evil', request.url);
        return imageOf(png())();
      }),
    );
    const answer = await resolve(flan('elsewhere.png'));
    expectError(answer, 502, 'UPSTREAM_ERROR');
    expect(answer.body.message).toContain('evil.example');
    expect(hits.get('evil')).toBe(0);
  });

  it('refuses a path that is not an image (403 naming path) before Hugging Face is asked for the file', async () => {
    for (const path of ['model.safetensors', 'config.json', 'README.md', 'assets/fig.png.bin']) {
      const answer = await resolve(flan(path));
      expectError(answer, 403, 'FORBIDDEN');
      expect(answer.body.metadata.details).toEqual({ parameter: 'path' });
    }
    expect(hits.urls.filter((u) => u.includes('/resolve/'))).toEqual([]);
  });

  it('refuses a path with .. or a control character (400), and a bad revision (400), asking nothing upstream', async () => {
    for (const path of ['../secret.png', 'a/./b.png', '/abs.png', 'a\u0001.png']) {
      const answer = await resolve(flan(path));
      expectError(answer, 400, 'INVALID_PARAMETER');
      expect(answer.body.metadata.details.parameter).toBe('path');
    }
    for (const revision of ['main..x', '-x', 'a b', 'x.lock', 'a~1']) {
      const answer = await resolve(flan('ok.png', revision));
      expectError(answer, 400, 'INVALID_PARAMETER');
      expect(answer.body.metadata.details.parameter).toBe('revision');
    }
    expect(hits.urls.filter((u) => u.includes('/resolve/'))).toEqual([]);
  });

  it('refuses an image over MLHUB_CARD_IMAGE_MAX_BYTES by its Content-Length and by the bytes counted (422)', async () => {
    const big = png(MAX + 1);
    server.use(
      flanFile('declared.png', imageOf(big)),
      // A body whose Content-Length lies: the bytes are counted as they come.
      flanFile(
        'lying.png',
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                for (let at = 0; at < big.length; at += 1024) controller.enqueue(big.subarray(at, at + 1024));
                controller.close();
              },
            }),
            { headers: { 'Content-Type': 'image/png' } },
          ),
      ),
    );
    for (const path of ['declared.png', 'lying.png']) {
      const answer = await resolve(flan(path));
      expectError(answer, 422, 'UNPROCESSABLE');
      expect(answer.body.metadata.details).toEqual({ parameter: 'path', maxBytes: MAX });
    }
  });

  it('refuses what is not the image its extension says (502): another type, or other bytes under the image type', async () => {
    server.use(
      flanFile('page.png', () => new HttpResponse('<html>login</html>', { headers: { 'Content-Type': 'text/html' } })),
      flanFile('fake.png', imageOf(new TextEncoder().encode('<script>alert(1)</script>'))),
    );
    expectError(await resolve(flan('page.png')), 502, 'UPSTREAM_ERROR');
    expectError(await resolve(flan('fake.png')), 502, 'UPSTREAM_ERROR');
  });

  it('sends an SVG as bytes to save, never as image/svg+xml', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    server.use(flanFile('badge.svg', imageOf(svg, 'image/svg+xml')));
    const answer = await resolve(flan('badge.svg'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/octet-stream');
    expect(answer.headers.get('content-disposition')).toBe('attachment');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a failing Hugging Face with a 5xx envelope and keeps serving what it holds', async () => {
    server.use(flanFile('held.png', imageOf(png())));
    expect((await resolve(flan('held.png'))).status).toBe(200);
    server.use(
      flanFile('down.png', () => new HttpResponse('upstream broke', { status: 500 })),
      flanFile('gone.png', () => HttpResponse.error()),
      flanFile('held.png', () => new HttpResponse('upstream broke', { status: 500 })),
    );
    expectError(await resolve(flan('down.png')), 502, 'UPSTREAM_ERROR');
    expectError(await resolve(flan('gone.png')), 502, 'UPSTREAM_ERROR');
    // An image read before is still served, and so is everything the hub holds itself.
    const held = await resolve(flan('held.png'));
    expect([held.status, held.headers.get('content-type')]).toEqual([200, 'image/png']);
    const store = await get(hub, '/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=config.json');
    expect(store.status).toBe(200);
    const page = await get(hub, '/v3/mlhub/models?limit=2&source=store');
    expect(page.status).toBe(200);
  });

  it('still serves any file of a store model (the store is not limited to images)', async () => {
    const answer = await resolve('/v3/mlhub/models/acme%2Ftiny-t5/resolve?path=onnx/encoder_model.onnx');
    expect([answer.status, answer.headers.get('content-type'), answer.bytes.length]).toEqual([200, 'application/octet-stream', 4096]);
  });
});
