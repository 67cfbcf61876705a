import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../src/common/errors.js';
import { createCatalog } from '../../../src/hub/catalog/catalog.js';
import type { ModelRecord, DatasetRecord } from '../../../src/hub/catalog/records.js';
import { loadSnapshot } from '../../../src/hub/catalog/snapshot-loader.js';
import type { Catalog, DatasetListQuery, Direction, ModelListQuery, SortKey } from '../../../src/hub/catalog/types.js';
import { SORT_KEYS } from '../../../src/hub/catalog/types.js';

// The oracle: the spec's semantics written the plain way (filter everything, sort everything), against
// which the index's answers on the real snapshot are checked.
const snapshot = loadSnapshot();
let catalog: Catalog;
beforeAll(async () => {
  catalog = await createCatalog({ snapshot, sources: ['snapshot'] });
});
afterAll(async () => {
  await catalog.close();
});

type Rec = ModelRecord | DatasetRecord;
const lower = (s: string | null | undefined): string => (s ?? '').toLowerCase();
const has = (values: readonly string[], wanted: string): boolean => values.some((v) => lower(v) === lower(wanted));

function value(r: Rec, sort: SortKey): number | string | null {
  switch (sort) {
    case 'downloads':
      return r.downloads;
    case 'likes':
      return r.likes;
    case 'trending':
      return r.trendingScore;
    case 'created':
      return r.createdAt ? Date.parse(r.createdAt) : null;
    case 'updated':
      return r.lastModified ? Date.parse(r.lastModified) : null;
    case 'id':
      return r.id;
  }
}

function oracleSort<R extends Rec>(records: R[], sort: SortKey, direction: Direction): string[] {
  return [...records]
    .sort((a, b) => {
      const va = value(a, sort);
      const vb = value(b, sort);
      if (va !== vb) {
        if (va === null) return 1;
        if (vb === null) return -1;
        const c = va < vb ? -1 : 1;
        return direction === 'asc' ? c : -c;
      }
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    })
    .map((r) => r.id);
}

const isT5Text2Text = (m: ModelRecord): boolean =>
  (m.modelType === 't5' || (m.modelType === null && m.tags.includes('t5'))) &&
  (m.architectures.length === 0 || m.architectures.includes('T5ForConditionalGeneration')) &&
  (m.pipelineTag === 'text2text-generation' || m.pipelineTag === 'text-generation');

const TEXT_TASKS = ['text-generation', 'text2text-generation'];

const MODEL_CASES: Array<[string, ModelListQuery, (m: ModelRecord) => boolean]> = [
  ['search', { search: 'FLAN' }, (m) => lower(m.id).includes('flan')],
  ['search of three characters', { search: 'Qwe' }, (m) => lower(m.id).includes('qwe')],
  ['search of two characters', { search: 't5' }, (m) => lower(m.id).includes('t5')],
  ['search across the slash', { search: 'google/flan' }, (m) => lower(m.id).includes('google/flan')],
  ['author', { author: 'google' }, (m) => lower(m.author) === 'google'],
  ['task text-generation finds text2text too', { task: 'text-generation' }, (m) => TEXT_TASKS.includes(m.pipelineTag ?? '')],
  // text2text-generation is a subtask of text-generation, not the other way round: asking for it must not
  // list every chat model.
  [
    'task text2text-generation finds only text-to-text models',
    { task: 'text2text-generation' },
    (m) => m.pipelineTag === 'text2text-generation',
  ],
  ['task other', { task: 'image-text-to-text' }, (m) => m.pipelineTag === 'image-text-to-text'],
  ['library', { library: 'transformers' }, (m) => m.library === 'transformers'],
  ['language', { language: 'fr' }, (m) => has(m.languages, 'fr')],
  ['license', { license: 'mit' }, (m) => m.license === 'mit'],
  ['dataset', { dataset: 'nvidia/nemotron-post-training-v3' }, (m) => m.datasets.includes('nvidia/nemotron-post-training-v3')],
  ['tags (all)', { tags: ['gguf', 'text-generation'] }, (m) => m.tags.includes('gguf') && m.tags.includes('text-generation')],
  ['gated', { gated: true }, (m) => m.gated !== false],
  ['ungated', { gated: false }, (m) => m.gated === false],
  ['servable', { servable: true }, isT5Text2Text],
  ['not servable', { servable: false }, (m) => !isT5Text2Text(m)],
  ['source snapshot', { source: 'snapshot' }, () => true],
  [
    'combined',
    { task: 'text-generation', library: 'transformers', license: 'apache-2.0', gated: false, search: 'q' },
    (m) =>
      TEXT_TASKS.includes(m.pipelineTag ?? '') &&
      m.library === 'transformers' &&
      m.license === 'apache-2.0' &&
      m.gated === false &&
      lower(m.id).includes('q'),
  ],
  ['nothing matches', { author: 'nobody-at-all' }, () => false],
];

async function walk<T extends { id: string }>(
  list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null; total: number | null }>,
): Promise<{ ids: string[]; total: number | null; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let total: number | null = null;
  let pages = 0;
  do {
    const page = await list(cursor);
    ids.push(...page.items.map((i) => i.id));
    total = page.total;
    cursor = page.nextCursor ?? undefined;
    pages++;
    if (pages > 1000) throw new Error('the cursor never ends');
  } while (cursor);
  return { ids, total, pages };
}

describe('listModels on the real snapshot', () => {
  it.each(MODEL_CASES)('filter %s: every page, in order, total and no duplicate', async (_name, filters, predicate) => {
    const expected = oracleSort(snapshot.models.filter(predicate), 'downloads', 'desc');
    const { ids, total } = await walk((cursor) => catalog.listModels({ ...filters, limit: 50, cursor }));
    expect(ids).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('actually finds something for each filter that should', () => {
    for (const [name, , predicate] of MODEL_CASES) {
      if (!['nothing matches'].includes(name)) {
        expect([name, snapshot.models.filter(predicate).length > 0]).toEqual([name, true]);
      }
    }
  });

  it('refuses a source this hub does not ask, naming the enabled ones, instead of an empty answer', async () => {
    for (const ask of [() => catalog.listModels({ source: 'store' }), () => catalog.modelFacets({ source: 'huggingface' })]) {
      const refusal = await ask().then(
        () => null,
        (error: unknown) => error,
      );
      expect(refusal).toBeInstanceOf(ApiError);
      expect((refusal as ApiError).code).toBe('INVALID_PARAMETER');
      expect((refusal as ApiError).message).toMatch(/is not enabled on this hub \(enabled: snapshot\)/);
      expect((refusal as ApiError).details).toEqual({ parameter: 'source', allowed: ['snapshot'] });
    }
  });

  const sorts = SORT_KEYS.flatMap((sort) => (['asc', 'desc'] as const).map((direction) => [sort, direction] as const));
  it.each(sorts)('sort %s %s walks every model once, ties broken by id', async (sort, direction) => {
    const expected = oracleSort(snapshot.models, sort, direction);
    const { ids, total, pages } = await walk((cursor) => catalog.listModels({ sort, direction, limit: 33, cursor }));
    expect(ids).toEqual(expected);
    expect(total).toBe(snapshot.models.length);
    expect(pages).toBe(Math.ceil(snapshot.models.length / 33));
  });

  it('answers the first page with the spec shape and an etag that follows the content', async () => {
    const page = await catalog.listModels({ limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(Object.keys(page.items[0]!).sort()).toEqual(
      [
        'id',
        'author',
        'source',
        'pipelineTag',
        'library',
        'tags',
        'languages',
        'license',
        'datasets',
        'downloads',
        'likes',
        'trendingScore',
        'createdAt',
        'lastModified',
        'gated',
        'private',
        'servable',
        'parameters',
        'storageBytes',
        'baseModel',
      ].sort(),
    );
    expect(page).toMatchObject({ limit: 1, total: snapshot.models.length, partial: false, sources: [{ source: 'snapshot', ok: true }] });
    const again = await catalog.listModels({ limit: 1 });
    const other = await catalog.listModels({ limit: 2 });
    expect(again.etag).toBe(page.etag);
    expect(other.etag).not.toBe(page.etag);
  });

  it('refuses a cursor of another query, a forged cursor and a limit out of range', async () => {
    const first = await catalog.listModels({ limit: 5, sort: 'likes' });
    const errors = await Promise.all([
      catalog.listModels({ limit: 5, sort: 'downloads', cursor: first.nextCursor! }).catch((e: unknown) => e),
      catalog.listModels({ limit: 5, cursor: 'not-a-cursor' }).catch((e: unknown) => e),
      catalog.listModels({ limit: 0 }).catch((e: unknown) => e),
      catalog.listModels({ limit: 101 }).catch((e: unknown) => e),
      catalog.listModels({ sort: 'stars' as SortKey }).catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('INVALID_PARAMETER');
    }
    expect((errors[4] as ApiError).details).toEqual({ parameter: 'sort', allowed: [...SORT_KEYS] });
  });

  it('keeps the same next page when the limit changes between pages', async () => {
    const first = await catalog.listModels({ limit: 10 });
    const next = await catalog.listModels({ limit: 3, cursor: first.nextCursor! });
    const all = oracleSort(snapshot.models, 'downloads', 'desc');
    expect(next.items.map((m) => m.id)).toEqual(all.slice(10, 13));
  });
});

const DATASET_CASES: Array<[string, DatasetListQuery, (d: DatasetRecord) => boolean]> = [
  ['search', { search: 'glue' }, (d) => lower(d.id).includes('glue')],
  ['author', { author: 'huggingface' }, (d) => lower(d.author) === 'huggingface'],
  ['task', { task: 'question-answering' }, (d) => d.taskCategories.includes('question-answering')],
  ['task text-generation finds text2text too', { task: 'text-generation' }, (d) => d.taskCategories.some((t) => TEXT_TASKS.includes(t))],
  ['size', { size: '10K<n<100K' }, (d) => d.sizeCategories.includes('10K<n<100K')],
  ['language', { language: 'en' }, (d) => has(d.languages, 'en')],
  ['license', { license: 'mit' }, (d) => d.license === 'mit'],
  ['benchmark', { benchmark: 'gsm8k' }, (d) => d.benchmarks.includes('gsm8k')],
  ['tags', { tags: ['domain:nlp'] }, (d) => d.tags.includes('domain:nlp')],
  ['gated false', { gated: false }, (d) => d.gated !== 'auto' && d.gated !== 'manual'],
  ['source', { source: 'snapshot' }, () => true],
  [
    'combined',
    { task: 'text-classification', search: 'a' },
    (d) => d.taskCategories.includes('text-classification') && lower(d.id).includes('a'),
  ],
];

describe('listDatasets on the real snapshot', () => {
  it.each(DATASET_CASES)('filter %s', async (_name, filters, predicate) => {
    const expected = oracleSort(snapshot.datasets.filter(predicate), 'downloads', 'desc');
    expect(expected.length).toBeGreaterThan(0);
    const { ids, total } = await walk((cursor) => catalog.listDatasets({ ...filters, limit: 40, cursor }));
    expect(ids).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it.each(SORT_KEYS.map((s) => [s] as const))('sort %s ascending walks every dataset once', async (sort) => {
    // Datasets without likes (the 2023 ranking) answer 0 likes, so the oracle sorts them as 0 too.
    const records = snapshot.datasets.map((d) => ({ ...d, likes: d.likes ?? 0 }));
    const { ids } = await walk((cursor) => catalog.listDatasets({ sort, direction: 'asc', limit: 60, cursor }));
    expect(ids).toEqual(oracleSort(records, sort, 'asc'));
  });
});

describe('facets on the real snapshot', () => {
  function count(values: Array<string | null | readonly string[]>): Map<string, number> {
    const out = new Map<string, number>();
    for (const v of values) {
      const list = v === null ? [] : typeof v === 'string' ? [v] : [...new Set(v.map(lower))];
      for (const x of list) out.set(lower(x), (out.get(lower(x)) ?? 0) + 1);
    }
    return out;
  }

  it('counts each model facet over the current filters, top 50, most frequent first', async () => {
    const { facets, partial, sources } = await catalog.modelFacets({ library: 'transformers' });
    const chosen = snapshot.models.filter((m) => m.library === 'transformers');
    const tasks = count(chosen.map((m) => m.pipelineTag));
    expect(facets.task).toHaveLength(Math.min(50, tasks.size));
    for (const { value, count: n } of facets.task) expect(tasks.get(value)).toBe(n);
    expect(facets.library).toEqual([{ value: 'transformers', count: chosen.length }]);
    const languages = count(chosen.map((m) => m.languages));
    expect(facets.language.length).toBe(Math.min(50, languages.size));
    const top = [...languages.values()].sort((a, b) => b - a).slice(0, 50);
    expect(facets.language.map((f) => f.count)).toEqual(top);
    expect(partial).toBe(false);
    expect(sources).toEqual([{ source: 'snapshot', ok: true }]);
  });

  it('counts dataset facets', async () => {
    const { facets } = await catalog.datasetFacets({});
    const tasks = count(snapshot.datasets.map((d) => d.taskCategories));
    expect(facets.task[0]).toEqual({ value: 'text-classification', count: tasks.get('text-classification') });
    expect(facets.size.reduce((s, f) => s + f.count, 0)).toBe(snapshot.datasets.reduce((s, d) => s + new Set(d.sizeCategories).size, 0));
  });
});

describe('details from the snapshot', () => {
  it('resolves an alias to the canonical id and pins files and downloads to the sha', async () => {
    const model = await catalog.getModel('t5-small');
    expect(model.result.id).toBe('google-t5/t5-small');
    expect(model.result.requestedId).toBe('t5-small');
    expect(model.source).toBe('snapshot');
    const files = await catalog.listModelFiles('google/flan-t5-small');
    expect(files.result.sha).toBe('0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab');
    const download = await catalog.getModelDownload('google/flan-t5-small');
    expect(download.result.files.length).toBe(files.result.files.length);
    for (const link of download.result.files) {
      expect(link.url).toBe(`https://huggingface.co/google/flan-t5-small/resolve/0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab/${link.path}`);
    }
    const dataset = await catalog.getDataset('gsm8k');
    expect(dataset.result.id).toBe('openai/gsm8k');
    expect(dataset.result.requestedId).toBe('gsm8k');
  });

  it('answers NOT_FOUND for an unknown id and for a revision the snapshot does not hold', async () => {
    await expect(catalog.getModel('nobody/nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(catalog.listModelFiles('google/flan-t5-small', 'main')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives the shipped card text of the snapshot with its sections (issue 8 item 17)', async () => {
    const card = await catalog.getModelCard('google/flan-t5-small');
    expect(card.result.text).toContain('# Model Card for FLAN-T5 small');
    expect(card.result.metadata).toMatchObject({ license: 'apache-2.0' });
    expect(card.result.sections.present).toEqual(expect.arrayContaining(['Model Details', 'Uses', 'Citation']));
  });

  it('gives the snapshot card as metadata only where no card text is shipped, every recommended section missing', async () => {
    const card = await catalog.getModelCard('facebook/opt-125m');
    expect(card.result.text).toBe('');
    expect(Object.keys(card.result.metadata).length).toBeGreaterThan(0);
    expect(card.result.sections.present).toEqual([]);
    expect(card.result.sections.missing).toContain('How to Get Started with the Model');
  });
});
