import path from 'node:path';
import { parseArgs } from 'node:util';
import { mirrorAttribution } from '../src/catalog/attribution.js';
import { defaultSnapshotOutDir } from '../src/catalog/locations.js';
import { mirrorSnapshot } from '../src/catalog/mirror.js';
import { snapshotFiles, writeSnapshot } from '../src/catalog/serialise.js';

const usage =
  'usage: npm run catalog:mirror -- --top N [--hub-url URL] [--token T] [--out DIR] [--models id,id] [--datasets id,id] [--timeout-ms MS]';
const { values } = parseArgs({
  options: {
    top: { type: 'string' },
    'hub-url': { type: 'string', default: 'https://huggingface.co' },
    token: { type: 'string' },
    out: { type: 'string', default: defaultSnapshotOutDir },
    models: { type: 'string' },
    datasets: { type: 'string' },
    'timeout-ms': { type: 'string', default: '30000' },
  },
});
const top = Number(values.top);
const timeoutMs = Number(values['timeout-ms']);
if (!Number.isInteger(top) || top < 1 || !Number.isInteger(timeoutMs) || timeoutMs < 1) {
  console.error(usage);
  process.exit(2);
}
const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

const mirrored = await mirrorSnapshot({
  hubUrl: values['hub-url'].replace(/\/+$/, ''),
  top,
  // The environment variable keeps the token out of shell history and process listings.
  token: values.token ?? process.env.HF_TOKEN,
  extraModels: list(values.models),
  extraDatasets: list(values.datasets),
  timeoutMs,
}).catch((err: unknown) => {
  // HubApiError carries the status and URL; a network failure its cause. Either way one line, no stack.
  const e = err as Error & { statusCode?: number; url?: string; cause?: { message?: string } };
  const where = e.url ? ` (${e.statusCode ?? ''} ${e.url})` : '';
  console.error(`catalog mirror failed: ${e.message}${e.cause?.message ? `: ${e.cause.message}` : ''}${where}`);
  process.exit(1);
});
const { snapshot, capturedAt } = mirrored;
const files = snapshotFiles(snapshot, mirrorAttribution(snapshot.meta, capturedAt));
writeSnapshot(path.resolve(values.out), files);
for (const [name, content] of files) console.log(`${path.join(values.out, name)}  ${Buffer.byteLength(content)} bytes`);
console.log(`${snapshot.meta.counts.models} models, ${snapshot.meta.counts.datasets} datasets from ${snapshot.meta.hubUrl}`);
