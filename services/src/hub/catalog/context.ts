import { ApiError } from '../../common/errors.js';
import { HuggingFaceSource } from '../sources/huggingface.js';
import { ModelStore, type StoreRepo } from '../sources/store.js';
import { AnswerMemo } from './answer-memo.js';
import { UpstreamCache } from './cache.js';
import { CursorSeal } from './cursor.js';
import { DATASETS, MODELS, type DatasetShapes, type Kind, type ModelShapes, type Shapes } from './kinds.js';
import type { Snapshot } from './records.js';
import { CatalogIndex } from './search-index.js';
import { loadSnapshot } from './snapshot-loader.js';
import type { CatalogConfig, SourceName } from './types.js';

/** One kind's data on this catalog: its table, the snapshot's entries and index, the store's index. */
export interface KindState<T extends Shapes> {
  table: Kind<T>;
  snapshotById: Map<string, T['entry']>;
  snapshotIndex: CatalogIndex<T['summary']>;
  aliases: Record<string, string>;
  /** The store's index, rebuilt only when a new scan of the folder comes back; rejects when the folder cannot be read. */
  storeIndex(): Promise<CatalogIndex<T['summary']>>;
}

/** What every catalog operation reads: the enabled sources, their indexes, the cache and the cursor seal. */
export interface CatalogContext {
  enabled: SourceName[];
  snapshot: Snapshot | null;
  store: ModelStore | null;
  storeDir: string | undefined;
  hf: HuggingFaceSource;
  hfEnabled: boolean;
  cache: UpstreamCache;
  localAnswers: AnswerMemo;
  seal: CursorSeal;
  now: () => number;
  publicBaseUrl: string | undefined;
  models: KindState<ModelShapes>;
  datasets: KindState<DatasetShapes>;
}

/**
 * The sources of a catalog. Sources default to every one configured: the snapshot when `snapshot` is given,
 * the store when `storeDir` is, Hugging Face when `huggingface` is.
 */
export function openContext(config: CatalogConfig): CatalogContext {
  const configured = [config.snapshot ? 'snapshot' : null, config.storeDir ? 'store' : null, config.huggingface ? 'huggingface' : null];
  const enabled: SourceName[] = config.sources ?? configured.filter((s): s is SourceName => typeof s === 'string');
  const snapshot = enabled.includes('snapshot') ? (config.snapshot ?? loadSnapshot()) : null;
  if (enabled.includes('store') && !config.storeDir) throw new Error("The 'store' source needs storeDir");
  const store = enabled.includes('store') && config.storeDir ? new ModelStore(config.storeDir, config.storeRescanMs) : null;
  const now = config.now ?? Date.now;
  return {
    enabled,
    snapshot,
    store,
    storeDir: config.storeDir,
    hf: new HuggingFaceSource({ now, ...config.huggingface }),
    hfEnabled: enabled.includes('huggingface'),
    cache: new UpstreamCache(config.cache, now),
    localAnswers: new AnswerMemo(config.rememberedAnswers),
    seal: new CursorSeal(config.cursorKey),
    now,
    publicBaseUrl: config.publicBaseUrl,
    models: kindState(MODELS, snapshot, store),
    datasets: kindState(DATASETS, snapshot, store),
  };
}

function kindState<T extends Shapes>(table: Kind<T>, snapshot: Snapshot | null, store: ModelStore | null): KindState<T> {
  const entries = snapshot ? table.snapshotEntries(snapshot) : [];
  const storeIndexes = new WeakMap<Map<string, StoreRepo>, CatalogIndex<T['summary']>>();
  return {
    table,
    snapshotById: new Map(entries.map((e) => [e.id, e])),
    snapshotIndex: new CatalogIndex(
      entries.map((e) => table.summary(e)),
      table.fields,
    ),
    aliases: snapshot ? table.aliases(snapshot) : {},
    async storeIndex() {
      if (!store) throw new Error('This hub has no model store');
      const repos = await store.repos(table.kind);
      let index = storeIndexes.get(repos);
      if (!index) {
        index = new CatalogIndex(
          [...repos.values()].map((r) => table.summary(table.fromStore(r))),
          table.fields,
        );
        storeIndexes.set(repos, index);
      }
      return index;
    },
  };
}

/** The sources a query asks: all enabled ones, or the one its `source` filter names (which must be enabled). */
export function inPlay(ctx: CatalogContext, source: SourceName | undefined): SourceName[] {
  // An empty answer would read as "that source has nothing", not "this hub does not ask it".
  if (source !== undefined && !ctx.enabled.includes(source)) {
    throw new ApiError(
      'INVALID_PARAMETER',
      `Invalid parameter 'source': '${source}' is not enabled on this hub (enabled: ${ctx.enabled.join(', ')})`,
      { parameter: 'source', allowed: [...ctx.enabled] },
    );
  }
  return ctx.enabled.filter((s) => source === undefined || s === source);
}

/** The failure of a store folder that cannot be read, as a list's source status. */
export function storeFailure(error: unknown): { source: 'store'; ok: false; error: string } {
  return { source: 'store', ok: false, error: `The model store cannot be read: ${error instanceof Error ? error.message : String(error)}` };
}
