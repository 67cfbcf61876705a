import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { datasetFromApiBody } from '@mlhub/services/snapshot';
import { modelFromApiBody } from '@mlhub/services/snapshot';
import { loadSnapshot } from '@mlhub/services/hub';
import { repoRoot } from '../src/spec/paths.js';
import { mirrorSnapshot } from '../src/catalog/mirror.js';
import { readFixtureBodies, startLoopbackHub, type LoopbackHub } from './catalog-loopback-hub.js';

const run = promisify(execFile);
const fixtureModel = (id: string) => readFixtureBodies('models').find((e) => e.body.id === id)!.body;
const fixtureDataset = (id: string) => readFixtureBodies('datasets').find((e) => e.body.id === id)!.body;

describe('catalog mirror against a loopback hub answering with recorded Hugging Face bodies', () => {
  let hub: LoopbackHub;
  let out: string;
  beforeAll(async () => {
    hub = await startLoopbackHub(2);
    out = mkdtempSync(path.join(os.tmpdir(), 'catalog-mirror-'));
  });
  afterAll(async () => {
    await hub.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('`npm run catalog:mirror -- --top 3` writes the top 3 models and datasets in the snapshot format', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        'scripts/bin/catalog-mirror.ts',
        '--top',
        '3',
        '--hub-url',
        hub.url,
        '--token',
        'site-token-1',
        '--out',
        out,
      ],
      { cwd: repoRoot },
    );
    expect(stdout).toContain('3 models, 3 datasets');
    const snapshot = loadSnapshot(out);
    expect(snapshot.models.map((m) => m.id)).toEqual(['google-t5/t5-small', 'google/flan-t5-base', 'google/flan-t5-small']);
    expect(snapshot.datasets.map((d) => d.id)).toEqual(['openai/gsm8k', 'legacy-datasets/c4', 'cimec/lambada']);
    expect(snapshot.meta).toMatchObject({ kind: 'mirror', hubUrl: hub.url, counts: { models: 3, datasets: 3 } });
    expect(readFileSync(path.join(out, 'ATTRIBUTION.md'), 'utf8')).toContain(hub.url);
  });

  it('gives records equal to the build normalising the same bodies', async () => {
    const { snapshot } = await mirrorSnapshot({ hubUrl: hub.url, top: 3, token: 'site-token-2' });
    expect(snapshot.models).toEqual(
      ['google-t5/t5-small', 'google/flan-t5-base', 'google/flan-t5-small'].map((id) => modelFromApiBody(fixtureModel(id), 'snapshot')),
    );
    expect(snapshot.datasets).toEqual(
      ['openai/gsm8k', 'legacy-datasets/c4', 'cimec/lambada'].map((id) => datasetFromApiBody(fixtureDataset(id), 'snapshot')),
    );
    const flan = snapshot.models.find((m) => m.id === 'google/flan-t5-small')!;
    expect(flan).toMatchObject({ sha: '0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab', pipelineTag: 'text2text-generation', downloads: 388379 });
    expect(flan.tags).toEqual(expect.arrayContaining(['text2text-generation', 'text-generation']));
    expect(flan.files).toHaveLength(12);
  });

  it('sends the token on every request, follows Link pages and pins details to the listed commit', async () => {
    hub.requests.length = 0;
    await mirrorSnapshot({ hubUrl: hub.url, top: 3, token: 'site-token-3' });
    expect(hub.requests.length).toBeGreaterThan(0);
    expect(hub.requests.every((r) => r.authorization === 'Bearer site-token-3')).toBe(true);
    const listPages = hub.requests.filter((r) => r.url.startsWith('/api/models?'));
    expect(listPages).toHaveLength(2);
    expect(listPages[1]!.url).toContain('cursor=2');
    expect(hub.requests.map((r) => r.url)).toContainEqual(
      expect.stringMatching(/^\/api\/models\/google\/flan-t5-small\/revision\/0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab\?/),
    );
  });

  it('records a renamed id asked for by name as an alias of its canonical record', async () => {
    const { snapshot } = await mirrorSnapshot({
      hubUrl: hub.url,
      top: 1,
      extraModels: ['t5-small', 'google/mt5-small'],
      extraDatasets: ['openbmb/ultrafeedback'],
    });
    expect(snapshot.aliases).toEqual({
      models: { 't5-small': 'google-t5/t5-small' },
      datasets: { 'openbmb/ultrafeedback': 'openbmb/UltraFeedback' },
    });
    // t5-small is the top model already: asked again by its old name, it stays one record.
    expect(snapshot.models.map((m) => m.id)).toEqual(['google-t5/t5-small', 'google/mt5-small']);
  });

  it('fails, naming the status, when the hub does not know an id it was asked for', async () => {
    await expect(mirrorSnapshot({ hubUrl: hub.url, top: 1, extraModels: ['nobody/nothing'] })).rejects.toMatchObject({ statusCode: 404 });
  });
});
