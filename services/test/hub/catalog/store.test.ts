import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCatalog } from '../../../src/hub/catalog/catalog.js';
import { loadSnapshot } from '../../../src/hub/catalog/snapshot-loader.js';
import type { Catalog, Direction, SortKey } from '../../../src/hub/catalog/types.js';
import { SORT_KEYS } from '../../../src/hub/catalog/types.js';
import { failure, fixture } from './hf-fixtures.js';

// The `config` the Hub answered for google/flan-t5-small (recorded fixture) stands as the repo's config.json.
const FLAN_CONFIG_TEXT = JSON.stringify(fixture('models/google__flan-t5-small.json').config);

const README = `---
language: [en, fr]
license: apache-2.0
tags: [text2text-generation, local]
datasets: [gsm8k]
---
# Tiny T5

## Model Details

A T5 with random weights, made in the store.

## Uses

Tests.

\`\`\`python
# Training Details (inside code: not a heading)
\`\`\`

## Bias, Risks and Limitations

None known.
`;

let work: string;
let store: string;
let outside: string;
let catalog: Catalog;
const snapshot = loadSnapshot();

async function put(file: string, content: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'mlhub-store-'));
  store = path.join(work, 'store');
  outside = path.join(work, 'outside');
  const config = FLAN_CONFIG_TEXT;
  // Shadows the snapshot's entry of the same id.
  await put(path.join(store, 'models/google/flan-t5-small/config.json'), config);
  await put(path.join(store, 'models/google/flan-t5-small/onnx/encoder_model.onnx'), Buffer.alloc(1000, 7));
  await put(path.join(store, 'models/lab/tiny-t5/config.json'), config);
  await put(path.join(store, 'models/lab/tiny-t5/README.md'), README);
  await put(path.join(store, 'models/lab/tiny-t5/.mlhub.json'), JSON.stringify({ downloads: 5, likes: 3 }));
  await put(path.join(store, 'models/bare-model/config.json'), JSON.stringify({ model_type: 'gpt2', architectures: ['GPT2LMHeadModel'] }));
  await put(
    path.join(store, 'datasets/lab/tiny-set/README.md'),
    '---\nlicense: mit\ntask_categories: [text-generation]\n---\n# Tiny\n\n## Dataset Structure\n\nRows.\n',
  );
  await put(path.join(store, 'datasets/lab/tiny-set/data/train.jsonl'), '{"x": 1}\n');
  await put(path.join(outside, 'secret.txt'), 'not for you');
  await put(path.join(store, 'shared/blob.bin'), 'shared blob');
  await symlink(path.join(outside, 'secret.txt'), path.join(store, 'models/lab/tiny-t5/escape.txt'));
  await symlink(outside, path.join(store, 'models/lab/tiny-t5/escape-dir'));
  await symlink(path.join(store, 'shared/blob.bin'), path.join(store, 'models/lab/tiny-t5/linked.bin'));
  catalog = await createCatalog({ snapshot, storeDir: store, sources: ['store', 'snapshot'] });
});

afterAll(async () => {
  await catalog.close();
  await rm(work, { recursive: true, force: true });
});

describe('the model store as a source', () => {
  it('lists store models with source store, shadowing the snapshot entry of the same id', async () => {
    const page = await catalog.listModels({ source: 'store', limit: 10, sort: 'id', direction: 'asc' });
    expect(page.items.map((m) => m.id)).toEqual(['bare-model', 'google/flan-t5-small', 'lab/tiny-t5']);
    expect(page.items.every((m) => m.source === 'store')).toBe(true);
    const tiny = page.items.find((m) => m.id === 'lab/tiny-t5')!;
    expect(tiny).toMatchObject({
      pipelineTag: 'text2text-generation',
      library: 'transformers',
      license: 'apache-2.0',
      languages: ['en', 'fr'],
      datasets: ['gsm8k'],
      downloads: 5,
      likes: 3,
      servable: true,
    });
    const flan = await catalog.listModels({ search: 'flan-t5-small', limit: 10 });
    expect(flan.items).toHaveLength(1);
    expect(flan.items[0]!.source).toBe('store');
  });

  const sorts = SORT_KEYS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => [sort, direction] as const));
  it.each(sorts)('pages store + snapshot by %s %s with no duplicate and no gap', async (sort: SortKey, direction: Direction) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let total: number | null = null;
    do {
      const page = await catalog.listModels({ sort, direction, limit: 7, cursor });
      ids.push(...page.items.map((m) => m.id));
      total = page.total;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = new Set([...snapshot.models.map((m) => m.id), 'bare-model', 'lab/tiny-t5']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(expected);
    expect(total).toBe(expected.size);
  });

  it('counts facets over store and snapshot once per id', async () => {
    const { facets, sources } = await catalog.modelFacets({ task: 'text2text-generation' });
    const text2text = facets.task.find((f) => f.value === 'text2text-generation')!;
    const inSnapshot = snapshot.models.filter((m) => m.pipelineTag === 'text2text-generation').length;
    // flan-t5-small moves from the snapshot to the store; tiny-t5 is new.
    expect(text2text.count).toBe(inSnapshot + 1);
    expect(sources).toEqual([
      { source: 'store', ok: true },
      { source: 'snapshot', ok: true },
    ]);
  });

  it('gives details, files with sizes and a card split into metadata and text with its sections', async () => {
    const model = await catalog.getModel('lab/tiny-t5');
    expect(model.source).toBe('store');
    expect(model.result).toMatchObject({ modelType: 't5', architectures: ['T5ForConditionalGeneration'], sha: null });
    const files = await catalog.listModelFiles('lab/tiny-t5');
    expect(files.result.files.map((f) => f.path)).toEqual(['README.md', 'config.json', 'linked.bin']);
    expect(model.result.files).toBe(3);
    const card = await catalog.getModelCard('lab/tiny-t5');
    expect(card.result.metadata).toEqual({
      language: ['en', 'fr'],
      license: 'apache-2.0',
      tags: ['text2text-generation', 'local'],
      datasets: ['gsm8k'],
    });
    expect(card.result.text.startsWith('# Tiny T5')).toBe(true);
    expect(card.result.sections.present).toEqual(['Model Details', 'Uses', 'Bias, Risks, and Limitations']);
    expect(card.result.sections.missing).toEqual([
      'Training Details',
      'Evaluation',
      'Environmental Impact',
      'Citation',
      'How to Get Started with the Model',
    ]);
  });

  it('serves datasets from the store with their card sections', async () => {
    const list = await catalog.listDatasets({ source: 'store' });
    expect(list.items.map((d) => d.id)).toEqual(['lab/tiny-set']);
    expect(list.items[0]).toMatchObject({ license: 'mit', taskCategories: ['text-generation'] });
    const card = await catalog.getDatasetCard('lab/tiny-set');
    expect(card.result.sections.present).toEqual(['Dataset Structure']);
  });

  it('links store downloads to the hub with each file sha256', async () => {
    const download = await catalog.getModelDownload('google/flan-t5-small', undefined, 'https://hub.example.org');
    const onnx = download.result.files.find((f) => f.path === 'onnx/encoder_model.onnx')!;
    expect(onnx).toEqual({
      path: 'onnx/encoder_model.onnx',
      size: 1000,
      url: 'https://hub.example.org/v3/mlhub/models/google%2Fflan-t5-small/resolve?path=onnx%2Fencoder_model.onnx',
      source: 'store',
      sha256: createHash('sha256').update(Buffer.alloc(1000, 7)).digest('hex'),
    });
  });
});

describe('the store path resolver', () => {
  it('resolves a file inside a repository, with size, etag and sha256', async () => {
    const file = await catalog.resolveStoreFile('model', 'lab/tiny-t5', 'config.json');
    const bytes = Buffer.from(FLAN_CONFIG_TEXT);
    expect(file.size).toBe(bytes.length);
    expect(await file.sha256()).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(file.etag).toMatch(/^".+"$/);
    expect(file.absolutePath.startsWith(path.join(work, 'store'))).toBe(true);
  });

  it('follows a symlink that stays inside the store', async () => {
    const file = await catalog.resolveStoreFile('model', 'lab/tiny-t5', 'linked.bin');
    expect(await readFile(file.absolutePath, 'utf8')).toBe('shared blob');
  });

  it.each([
    ['../../../outside/secret.txt'],
    ['../bare-model/config.json'],
    ['onnx/../config.json'],
    ['/etc/passwd'],
    ['./config.json'],
    ['config.json\u0000.png'],
    ['config.json\n'],
    ['onnx//config.json'],
    ['..\\..\\outside\\secret.txt'],
    ['C:/Windows/win.ini'],
    [''],
  ])('refuses the path %j with 400', async (bad) => {
    const error = await failure(catalog.resolveStoreFile('model', 'lab/tiny-t5', bad));
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(error.statusCode).toBe(400);
  });

  it('refuses symlinks whose real path leaves the store, and folders, with 404', async () => {
    for (const p of ['escape.txt', 'escape-dir/secret.txt', 'onnx', 'missing.bin', '.mlhub.json']) {
      const error = await failure(catalog.resolveStoreFile('model', 'lab/tiny-t5', p));
      expect([p, error.code]).toEqual([p, 'NOT_FOUND']);
    }
  });

  it('does not list the escaping symlinks as files', async () => {
    const files = await catalog.listModelFiles('lab/tiny-t5');
    expect(files.result.files.map((f) => f.path)).not.toContain('escape.txt');
  });

  it('refuses ids that leave the kind folder', async () => {
    const error = await failure(catalog.resolveStoreFile('model', '../datasets', 'lab/tiny-set/README.md'));
    expect(error.code).toBe('INVALID_ID');
    const unknown = await failure(catalog.resolveStoreFile('model', 'lab/none', 'config.json'));
    expect(unknown.code).toBe('NOT_FOUND');
  });
});

describe('store availability', () => {
  it('treats a store folder that does not exist yet as an empty store', async () => {
    const empty = await createCatalog({ snapshot, storeDir: path.join(work, 'no-such-store'), sources: ['store', 'snapshot'] });
    const page = await empty.listModels({ limit: 1 });
    expect(page).toMatchObject({ partial: false, total: snapshot.models.length });
    expect((await empty.readiness()).checks).toEqual([
      { name: 'snapshot', ok: true, detail: `${snapshot.models.length} models, ${snapshot.datasets.length} datasets` },
      { name: 'store', ok: true, detail: `${path.join(work, 'no-such-store')} does not exist yet (an empty store)` },
    ]);
    await empty.close();
  });

  it('answers from the other sources, partial, when the store cannot be read', async () => {
    // A store "folder" below a regular file: realpath fails with ENOTDIR, like a broken mount.
    const broken = await createCatalog({
      snapshot,
      storeDir: path.join(work, 'outside', 'secret.txt', 'store'),
      sources: ['store', 'snapshot'],
    });
    const page = await broken.listModels({ limit: 3 });
    expect(page.partial).toBe(true);
    expect(page.items).toHaveLength(3);
    expect(page.sources).toEqual([
      { source: 'store', ok: false, error: expect.stringContaining('The model store cannot be read') },
      { source: 'snapshot', ok: true },
    ]);
    const facets = await broken.modelFacets({});
    expect(facets.partial).toBe(true);
    const ready = (await broken.readiness()).checks;
    expect(ready.find((c) => c.name === 'store')?.ok).toBe(false);
    await broken.close();
  });

  it('lists and counts a model placed in the store after the same query was answered', async () => {
    const storeDir = path.join(work, 'growing-store');
    // Every call rescans the folder, as a call after the rescan interval does.
    const growing = await createCatalog({ snapshot, storeDir, sources: ['store', 'snapshot'], storeRescanMs: 0 });
    const before = await growing.listModels({ search: 'late-t5', limit: 5 });
    const facetsBefore = await growing.modelFacets({ search: 'late-t5' });
    expect(before.items).toEqual([]);
    expect(await growing.listModels({ search: 'late-t5', limit: 5 })).toEqual(before);
    await put(path.join(storeDir, 'models/lab/late-t5/config.json'), FLAN_CONFIG_TEXT);
    const after = await growing.listModels({ search: 'late-t5', limit: 5 });
    expect(after.items.map((m) => [m.id, m.source])).toEqual([['lab/late-t5', 'store']]);
    expect(after.total).toBe(1);
    expect(after.etag).not.toBe(before.etag);
    const facetsAfter = await growing.modelFacets({ search: 'late-t5' });
    expect(facetsAfter.etag).not.toBe(facetsBefore.etag);
    expect(JSON.stringify(facetsAfter.facets)).not.toBe(JSON.stringify(facetsBefore.facets));
    await growing.close();
  });

  it('keeps listing the models of an owner folder that holds a hidden file (.DS_Store, .nfs*)', async () => {
    const storeDir = path.join(work, 'hidden-file-store');
    await put(path.join(storeDir, 'models/lab/one-t5/config.json'), FLAN_CONFIG_TEXT);
    await put(path.join(storeDir, 'models/lab/two-t5/config.json'), FLAN_CONFIG_TEXT);
    await put(path.join(storeDir, 'models/lab/.DS_Store'), Buffer.alloc(16));
    await put(path.join(storeDir, 'datasets/lab/.nfs0000000001'), 'left over');
    await put(path.join(storeDir, 'datasets/lab/some-set/train.csv'), 'a,b\n');
    const hidden = await createCatalog({ snapshot, storeDir, sources: ['store'] });
    const models = await hidden.listModels({ limit: 10, sort: 'id', direction: 'asc' });
    expect(models.items.map((m) => m.id)).toEqual(['lab/one-t5', 'lab/two-t5']);
    const datasets = await hidden.listDatasets({ limit: 10 });
    expect(datasets.items.map((d) => d.id)).toEqual(['lab/some-set']);
    await hidden.close();
  });
});
