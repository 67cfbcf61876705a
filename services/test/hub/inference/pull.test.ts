import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../../../src/common/paths.js';
import { pullModel, PullError } from '../../../src/hub/inference/pull.js';
import { call, putTinyModel, removeTinyCache, startControlHub, tempDataDir, waitFor, type ControlHub } from './harness.js';
import { filesOf, LoopbackHf } from './loopback-hf.js';

const COMMIT = '0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab';
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const run = promisify(execFile);

/** Every file under a folder, relative paths. */
function listed(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return [...filesOf(dir).keys()].sort();
}

describe('pulling a model from a Hugging Face-compatible hub into the store', () => {
  const data = tempDataDir();
  const hf = new LoopbackHf();
  let tiny: Map<string, Buffer>;
  let hub: ControlHub;
  let alice: string;

  beforeAll(async () => {
    const source = tempDataDir();
    tiny = filesOf(putTinyModel(source.storeDir, 'src/tiny'));
    source.remove();
    hf.repos.set('Xenova/tiny-t5', { files: tiny, commit: COMMIT });
    hf.repos.set('Xenova/bad-t5', { files: tiny, wrongSha: new Set(['onnx/decoder_model_merged_quantized.onnx']) });
    hf.repos.set('Xenova/flaky-t5', { files: tiny, cutOnce: new Set(['onnx/decoder_model_merged.onnx']) });
    hf.repos.set('Xenova/no-onnx', { files: new Map([...tiny].filter(([p]) => !p.endsWith('.onnx'))) });
    await hf.start();
    hub = await startControlHub(data.dataDir, { MLHUB_PULL_HUB_URL: hf.url });
    alice = await hub.token('alice');
  });
  afterAll(async () => {
    await hub?.close();
    await hf.close();
    data.remove();
    removeTinyCache();
  });

  const pullThroughApi = async (body: Record<string, unknown>): Promise<any> => {
    const started = await call(hub, 'POST', '/v3/mlhub/inference/pulls', alice, body);
    expect(started.status).toBe(202);
    expect(started.body.result).toMatchObject({ state: 'queued', modelId: body['modelId'], bytesDone: 0, files: [] });
    return waitFor('the pull to end', async () => {
      const job = (await call(hub, 'GET', `/v3/mlhub/inference/pulls/${started.body.result.id}`, alice)).body.result;
      return job.state === 'done' || job.state === 'failed' ? job : undefined;
    });
  };

  it('pulls config, tokenizer and the q8 graphs, each checked, and the model becomes servable', async () => {
    const job = await pullThroughApi({ modelId: 'Xenova/tiny-t5', dtype: 'q8' });
    expect(job.state).toBe('done');
    expect(job.message).toBeNull();
    expect(job.bytesDone).toBe(job.bytesTotal);
    const dir = path.join(data.storeDir, 'models', 'Xenova', 'tiny-t5');
    const expected = [
      '.mlhub.json',
      'README.md',
      'config.json',
      'generation_config.json',
      'onnx/decoder_model_merged_quantized.onnx',
      'onnx/encoder_model_quantized.onnx',
      'special_tokens_map.json',
      'tokenizer.json',
      'tokenizer_config.json',
    ];
    expect(listed(dir)).toEqual(expected);
    for (const p of expected.slice(1)) expect(sha(readFileSync(path.join(dir, p)))).toBe(sha(tiny.get(p)!));
    // The commit the hub resolved `main` to, for the inference server's `model_sha`.
    expect(JSON.parse(readFileSync(path.join(dir, '.mlhub.json'), 'utf8'))).toEqual({ sha: COMMIT, revision: 'main' });
    // The catalog names that commit too, for the details, the file list and the card of the pulled folder.
    const pulled = `/v3/mlhub/models/${encodeURIComponent('Xenova/tiny-t5')}`;
    expect((await call(hub, 'GET', pulled, alice)).body.result).toMatchObject({ source: 'store', sha: COMMIT });
    expect((await call(hub, 'GET', `${pulled}/files`, alice)).body.result.sha).toBe(COMMIT);
    expect((await call(hub, 'GET', `${pulled}/card`, alice)).body.result.sha).toBe(COMMIT);
    const graph = job.files.find((f: { path: string }) => f.path === 'onnx/encoder_model_quantized.onnx');
    expect(graph).toMatchObject({ sha256: sha(tiny.get('onnx/encoder_model_quantized.onnx')!), done: true });
    const availability = await call(hub, 'GET', `/v3/mlhub/inference/models/${encodeURIComponent('Xenova/tiny-t5')}`, alice);
    expect(availability.body.result).toMatchObject({ servable: true, reason: null });
  });

  it('fails on a wrong sha256 and leaves nothing of the model visible in the store', async () => {
    const job = await pullThroughApi({ modelId: 'Xenova/bad-t5', dtype: 'q8' });
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(
      /^sha256 of onnx\/decoder_model_merged_quantized\.onnx is [0-9a-f]{64}, the hub lists f{64}; nothing was kept$/,
    );
    expect(existsSync(path.join(data.storeDir, 'models', 'Xenova', 'bad-t5'))).toBe(false);
    const staged = listed(path.join(data.storeDir, '.pulls'));
    expect(staged.filter((p) => p.startsWith('Xenova--bad-t5@main/onnx/decoder'))).toEqual([]);
  });

  it('resumes a download that broke off, with Range, and still checks the whole file', async () => {
    const job = await pullThroughApi({ modelId: 'Xenova/flaky-t5', dtype: 'fp32' });
    expect(job.state).toBe('done');
    const file = 'onnx/decoder_model_merged.onnx';
    const ranged = hf.requests.filter((r) => r.path === `/Xenova/flaky-t5/resolve/main/${file}`);
    // The second request continues from the bytes that reached the disk (at most the half that was sent).
    expect(ranged).toHaveLength(2);
    expect(ranged[0]?.range).toBeUndefined();
    const from = Number(/^bytes=(\d+)-$/.exec(ranged[1]?.range ?? '')?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(Math.floor(tiny.get(file)!.length / 2));
    expect(sha(readFileSync(path.join(data.storeDir, 'models', 'Xenova', 'flaky-t5', file)))).toBe(sha(tiny.get(file)!));
  });

  it('resumes across pulls: a pull that gave up leaves its bytes staged, the next one continues them', async () => {
    const store = tempDataDir();
    hf.repos.set('Xenova/resume-t5', { files: tiny, cutOnce: new Set(['onnx/encoder_model.onnx']) });
    try {
      await expect(
        pullModel({ hubUrl: hf.url, storeDir: store.storeDir, modelId: 'Xenova/resume-t5', dtype: 'fp32', attempts: 1 }),
      ).rejects.toThrow(/broke off|terminated|other side closed|aborted/i);
      expect(existsSync(path.join(store.storeDir, 'models', 'Xenova', 'resume-t5'))).toBe(false);
      const half = Math.floor(tiny.get('onnx/encoder_model.onnx')!.length / 2);
      await pullModel({ hubUrl: hf.url, storeDir: store.storeDir, modelId: 'Xenova/resume-t5', dtype: 'fp32', attempts: 1 });
      const encoder = hf.requests.filter((r) => r.path === '/Xenova/resume-t5/resolve/main/onnx/encoder_model.onnx');
      const from = Number(/^bytes=(\d+)-$/.exec(encoder.at(-1)?.range ?? '')?.[1]);
      expect(from).toBeGreaterThan(0);
      expect(from).toBeLessThanOrEqual(half);
      expect(sha(readFileSync(path.join(store.storeDir, 'models', 'Xenova', 'resume-t5', 'onnx', 'encoder_model.onnx')))).toBe(
        sha(tiny.get('onnx/encoder_model.onnx')!),
      );
      expect(readdirSync(path.join(store.storeDir, '.pulls'))).toEqual([]);
    } finally {
      store.remove();
    }
  });

  it('refuses a repository without an ONNX export, naming what is missing', async () => {
    await expect(pullModel({ hubUrl: hf.url, storeDir: data.storeDir, modelId: 'Xenova/no-onnx', dtype: 'q8' })).rejects.toThrow(PullError);
    const job = await pullThroughApi({ modelId: 'Xenova/no-onnx' });
    expect(job.message).toBe(
      'The repository has no onnx/encoder_model.onnx, onnx/encoder_model_quantized.onnx, onnx/decoder_model_merged.onnx, onnx/decoder_model_merged_quantized.onnx',
    );
  });

  it('runs from the command line too (npm run model:pull)', async () => {
    const store = tempDataDir();
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'scripts/bin/model-pull.ts', 'Xenova/tiny-t5', '--dtype', 'q8', '--hub', hf.url, '--store', store.storeDir],
        {
          cwd: repoRoot(),
        },
      );
      expect(stdout).toMatch(/^pulled Xenova\/tiny-t5 \(8 files, [\d.]+ MB, checked\) into /);
      expect(listed(path.join(store.storeDir, 'models', 'Xenova', 'tiny-t5'))).toContain('onnx/encoder_model_quantized.onnx');
    } finally {
      store.remove();
    }
  });
});
