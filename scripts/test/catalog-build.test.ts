import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { filesFromTree, modelFromApiBody } from '@mlhub/services/snapshot';
import { createCatalog, loadSnapshot, SnapshotError } from '@mlhub/services/hub';
import { cardNamesItselfBy } from '../src/catalog/cards.js';
import { buildAttribution } from '../src/catalog/attribution.js';
import { buildSnapshot } from '../src/catalog/build.js';
import { enrichFiles } from '../src/catalog/files.js';
import { readBuildInputs } from '../src/catalog/inputs.js';
import { defaultDataDir, defaultSnapshotOutDir } from '../src/catalog/locations.js';
import { snapshotFiles, writeSnapshot } from '../src/catalog/serialise.js';

if (!existsSync(path.join(defaultDataDir, 'SOURCES.md'))) {
  throw new Error(`the recorded data is not at ${defaultDataDir}; set CATALOG_DATA_DIR to the folder holding SOURCES.md`);
}

const fresh = () => {
  const snapshot = buildSnapshot(readBuildInputs(defaultDataDir));
  return { snapshot, files: snapshotFiles(snapshot, buildAttribution(snapshot.meta)) };
};
const readData = (rel: string) => JSON.parse(readFileSync(path.join(defaultDataDir, rel), 'utf8'));
const { snapshot, files } = fresh();
const model = (id: string) => snapshot.models.find((m) => m.id === id);
const dataset = (id: string) => snapshot.datasets.find((d) => d.id === id);

describe('catalog build', () => {
  it('is deterministic: two builds give the same bytes', () => {
    expect(fresh().files).toEqual(files);
  });

  it('matches the committed snapshot in services/catalog (run `npm run catalog:build` after changing the build or the data)', () => {
    for (const [name, content] of files) {
      expect({ name, content: readFileSync(path.join(defaultSnapshotOutDir, name), 'utf8') }).toEqual({ name, content });
    }
  });

  it('holds at least the 500 ranked models and 500 ranked datasets, ids unique', () => {
    expect(snapshot.models.length).toBeGreaterThanOrEqual(500);
    expect(snapshot.datasets.length).toBeGreaterThanOrEqual(500);
    expect(new Set(snapshot.models.map((m) => m.id)).size).toBe(snapshot.models.length);
    expect(snapshot.meta.counts.models).toBe(snapshot.models.length);
  });

  it('carries google/flan-t5-small from its recorded API body: sha, downloads, files', () => {
    const body = readData('hf-api/models/google__flan-t5-small.json');
    const flan = model('google/flan-t5-small');
    expect(flan).toMatchObject({
      sha: '0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab',
      downloads: 388379,
      likes: 424,
      modelType: 't5',
      license: 'apache-2.0',
    });
    expect(flan?.files?.map((f) => f.path)).toEqual(body.siblings.map((s: { rfilename: string }) => s.rfilename));
    expect(flan?.files).toContainEqual({ path: 'config.json', size: null, oid: null, lfs: null });
    expect(flan?.cardData).toEqual(body.cardData);
  });

  it('keeps FLAN-T5 under text2text-generation and lets a text-generation filter find it too', () => {
    const flan = model('google/flan-t5-small')!;
    expect(flan.pipelineTag).toBe('text2text-generation');
    const textGeneration = snapshot.models
      .filter((m) => m.pipelineTag === 'text-generation' || m.tags.includes('text-generation'))
      .map((m) => m.id);
    expect(textGeneration).toEqual(expect.arrayContaining(['google/flan-t5-small', 'google/flan-t5-base', 'google/flan-t5-large']));
    // A pipeline the Hub chose more precisely stays; a non-T5 seq2seq model gets no text-generation tag.
    expect(model('google-t5/t5-small')?.pipelineTag).toBe('translation');
    expect(model('Helsinki-NLP/opus-mt-en-fr')?.tags).not.toContain('text-generation');
  });

  it('resolves renamed ids through aliases.json to records it holds', () => {
    expect(snapshot.aliases.models['t5-small']).toBe('google-t5/t5-small');
    expect(model('google-t5/t5-small')?.sha).toBe('df1b051c49625cf57a3d0d8d3863ed4d13564fe4');
    expect(snapshot.aliases.datasets).toMatchObject({
      gsm8k: 'openai/gsm8k',
      c4: 'legacy-datasets/c4',
      'openbmb/ultrafeedback': 'openbmb/UltraFeedback',
    });
    expect(snapshot.datasets.some((d) => d.id === 'gsm8k')).toBe(false);
  });

  it('merges a full body over its top-500 entry: the body wins, the ranking fills what the body lacks', () => {
    const gemma = model('google/gemma-3-1b-it')!;
    const radar = readData('catalog/models-top500-2026-08.json').entries.find((e: { id: string }) => e.id === 'google/gemma-3-1b-it');
    expect(gemma.gated).toBe('manual');
    expect(gemma.downloads).toBe(2586520);
    expect(gemma.trendingScore).toBe(radar.trending_score);
    const ranked = model('sentence-transformers/all-MiniLM-L6-v2')!;
    expect(ranked).toMatchObject({ downloads: 257229302, sha: null, files: null, cardData: null, parameters: 22713728 });
  });

  it('records a model the top-500 export only calls gated as gated "manual"', () => {
    const radar = readData('catalog/models-top500-2026-08.json').entries.find(
      (e: { id: string }) => e.id === 'pyannote/speaker-diarization-3.1',
    );
    expect(radar.gated).toBe(true);
    expect(model('pyannote/speaker-diarization-3.1')).toMatchObject({ gated: 'manual', sha: null });
  });

  it('merges the 2023 dataset ranking with the full dataset bodies', () => {
    // Size from the Hub's `size_categories:` tag (its card still claims 1K<n<10K); the task from the card, since
    // the Hub no longer tags text2text-generation. See `tagOrCard` in services/src/hub/catalog/normalise/values.ts.
    expect(dataset('openai/gsm8k')).toMatchObject({
      taskCategories: ['text2text-generation'],
      sizeCategories: ['10K<n<100K'],
      benchmarks: ['gsm8k'],
      downloads: 396498,
      likes: 867,
      description: null,
    });
    expect(dataset('openai/gsm8k')?.tags).toContain('domain:nlp');
    expect(dataset('glue')).toMatchObject({
      author: 'huggingface',
      taskCategories: ['text-classification'],
      tags: ['task_categories:text-classification', 'domain:nlp'],
      createdAt: '2022-01-25T15:34:03.000Z',
      likes: null,
      gated: null,
      downloads: 1140355,
    });
  });

  it('writes the attribution the sources ask for and the inputs it was built from', () => {
    const attribution = files.find(([name]) => name === 'ATTRIBUTION.md')![1];
    expect(attribution).toContain('Radar HuggingFace Dataset / HF//RADAR');
    expect(attribution).toContain('CC-BY-4.0');
    expect(attribution).toContain('MIT');
    expect(attribution).toContain('Apache-2.0');
    expect(snapshot.meta.inputs.map((i) => i.path)).toEqual(
      expect.arrayContaining(['catalog/models-top500-2026-08.json', 'hf-api/models/google__flan-t5-small.json']),
    );
    expect(snapshot.meta.inputs.every((i) => /^[0-9a-f]{64}$/.test(i.sha256 ?? ''))).toBe(true);
  });
});

describe('file sizes and oids', () => {
  it('come from a blobs=true body', () => {
    const { body } = readData('hf-api/model-info-blobs.json');
    const record = modelFromApiBody(body, 'snapshot');
    expect(record?.files).toContainEqual({
      path: 'pytorch_model.bin',
      size: 22,
      oid: 'cd1c6d8bde5006076655711a49feae66f07d707e',
      lfs: { oid: 'f9343d7d7ec5c3d8bcced056c438fc9f1d3819e9ca3d42418a40857050e10e20', size: 22, pointerSize: 127 },
    });
  });

  it('are filled from a tree listing of the same commit', () => {
    const tree = filesFromTree(readData('hf-api/tree_bert-base-uncased.json').tree_plain);
    const siblings = [
      { path: 'config.json', size: null, oid: null, lfs: null },
      { path: 'not-in-tree.txt', size: null, oid: null, lfs: null },
    ];
    expect(enrichFiles(siblings, tree)).toEqual([
      { path: 'config.json', size: 313, oid: 'fca794a5f07ff8f963fe8b61e3694b0fb7f955df', lfs: null },
      { path: 'not-in-tree.txt', size: null, oid: null, lfs: null },
    ]);
  });
});

describe('offline card texts', () => {
  const card = (id: string) => readFileSync(path.join(defaultDataDir, 'cards', 'models', `${id.replace('/', '__')}.md`), 'utf8');

  it('ships the real card of google/flan-t5-small, byte for byte, and getModelCard answers it offline with its sections', async () => {
    expect(snapshot.cards?.models['google/flan-t5-small']).toBe(card('google/flan-t5-small'));
    const catalog = await createCatalog({ snapshot: loadSnapshot(), sources: ['snapshot'] });
    const { result, source } = await catalog.getModelCard('google/flan-t5-small', undefined);
    expect(source).toBe('snapshot');
    expect(result.text).toContain('FLAN-T5');
    expect(result.metadata).toMatchObject({ license: 'apache-2.0' });
    expect(result.sections.present.length).toBeGreaterThanOrEqual(4);
    expect(result.sections.present).toEqual(expect.arrayContaining(['Uses', 'Citation']));
  });

  it('ships a dataset card under the pre-namespace id the snapshot holds (the copy was saved under it)', () => {
    expect(dataset('squad')).toBeDefined();
    expect(snapshot.cards?.datasets['squad']).toContain('SQuAD');
  });

  it('holds only cards of repositories in the snapshot, each attributed with its source, commit and licence', () => {
    const ids = { models: new Set(snapshot.models.map((m) => m.id)), datasets: new Set(snapshot.datasets.map((d) => d.id)) };
    for (const kind of ['models', 'datasets'] as const)
      for (const id of Object.keys(snapshot.cards?.[kind] ?? {})) expect(ids[kind].has(id)).toBe(true);
    const shipped = Object.keys(snapshot.cards?.models ?? {}).length + Object.keys(snapshot.cards?.datasets ?? {}).length;
    expect(shipped).toBeGreaterThan(50);
    expect(snapshot.meta.cards).toHaveLength(shipped);
    const attribution = files.find(([name]) => name === 'ATTRIBUTION.md')?.[1] ?? '';
    expect(attribution).toMatch(
      /\| model \| \[google\/flan-t5-small\]\(https:\/\/huggingface\.co\/google\/flan-t5-small\) \| apache-2\.0 \| daniel-p-green\/alain-ai-learning-platform \|/,
    );
  });

  it('resolves a bare legacy id offline only where a shipped card proves the rename', async () => {
    // openai-community/gpt2's own card (captured from that repository) loads it as 'gpt2'.
    expect(cardNamesItselfBy(card('openai-community/gpt2'), 'gpt2')).toBe(true);
    expect(cardNamesItselfBy(card('openai-community/gpt2'), 'gpt')).toBe(false);
    expect(snapshot.aliases.models).toMatchObject({ gpt2: 'openai-community/gpt2', distilgpt2: 'distilbert/distilgpt2' });
    const catalog = await createCatalog({ snapshot: loadSnapshot(), sources: ['snapshot'] });
    expect((await catalog.getModel('gpt2')).result).toMatchObject({ id: 'openai-community/gpt2' });
    // bert-base-uncased: its card proves the name, but the recorded data holds no record of the repository
    // (no downloads or likes anywhere), so there is nothing to resolve it to.
    expect(model('google-bert/bert-base-uncased')).toBeUndefined();
    expect(snapshot.aliases.models['bert-base-uncased']).toBeUndefined();
  });

  it('refuses a card of a repository the snapshot does not hold', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'catalog-cards-'));
    try {
      writeSnapshot(dir, files);
      writeFileSync(path.join(dir, 'cards.json'), JSON.stringify({ models: { 'nobody/nothing': '# x' }, datasets: {} }));
      expect(() => loadSnapshot(dir)).toThrow(
        /cards\.json: models\.nobody\/nothing is the card of a repository that is not in the snapshot/,
      );
      rmSync(path.join(dir, 'cards.json'));
      expect(loadSnapshot(dir).cards).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('snapshot loader', () => {
  it('loads the shipped snapshot by default', () => {
    const loaded = loadSnapshot();
    expect(loaded.models).toHaveLength(snapshot.models.length);
    expect(loaded.aliases.models['t5-small']).toBe('google-t5/t5-small');
    expect(loaded.meta.kind).toBe('build');
  });

  it('refuses a broken file, naming the file, record and field', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'catalog-broken-'));
    try {
      writeSnapshot(dir, files);
      const lines = readFileSync(path.join(dir, 'models.json'), 'utf8').split('\n');
      lines[1] = lines[1]!.replace(/"downloads":\d+/, '"downloads":"many"');
      writeFileSync(path.join(dir, 'models.json'), lines.join('\n'));
      expect(() => loadSnapshot(dir)).toThrow(SnapshotError);
      expect(() => loadSnapshot(dir)).toThrow(/models\.json: record 0 \(sentence-transformers\/all-MiniLM-L6-v2\): field "downloads"/);

      writeFileSync(path.join(dir, 'models.json'), lines.slice(0, 5).join('\n'));
      expect(() => loadSnapshot(dir)).toThrow(/models\.json: is not valid JSON/);

      writeSnapshot(dir, files);
      writeFileSync(path.join(dir, 'aliases.json'), JSON.stringify({ models: { 't5-small': 'google-t5/t5-tiny' }, datasets: {} }));
      expect(() => loadSnapshot(dir)).toThrow(/aliases\.json: models\.t5-small points to google-t5\/t5-tiny, which is not in the snapshot/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
