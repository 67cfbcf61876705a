import { etagOf } from './cache.js';
import { inPlay, storeFailure, type CatalogContext, type KindState } from './context.js';
import type { Shapes } from './kinds.js';
import { filtersOf } from './list.js';
import { mergeFacetCounts, type CatalogIndex } from './search-index.js';
import type { FacetCount, FacetsResult, SourceStatus } from './types.js';

/** Values counted per facet (the spec's `FacetCounts` holds the top ones). */
const FACET_TOP = 50;

/**
 * Facet counts over the filtered set of the local sources (Hugging Face cannot count, so with it in play the
 * answer says `partial: true`). Remembered per store version, unless the store failed.
 */
export async function facetCounts<T extends Shapes>(
  ctx: CatalogContext,
  state: KindState<T>,
  filters: T['filters'],
): Promise<FacetsResult<Record<keyof T['facets'], FacetCount[]>>> {
  const { table } = state;
  const clean = filtersOf(filters);
  const sources = inPlay(ctx, clean.source);
  let store: CatalogIndex<T['summary']> | null = null;
  let failure: SourceStatus | null = null;
  if (sources.includes('store')) {
    try {
      store = await state.storeIndex();
    } catch (error) {
      failure = storeFailure(error);
    }
  }
  const facets = Object.entries<string>(table.facets);
  const answer = async (): Promise<FacetsResult<Record<keyof T['facets'], FacetCount[]>>> => {
    const query = table.toQuery(clean);
    const statuses: SourceStatus[] = failure ? [failure] : [];
    const parts = new Map<string, Array<Map<string, number>>>(facets.map(([facet]) => [facet, []]));
    let storeIds = new Set<string>();
    if (store) {
      storeIds = new Set(store.docs.map((d) => d.id));
      const selection = store.select(query);
      for (const [facet, field] of facets) parts.get(facet)?.push(store.facetCounts(selection, field));
      statuses.push({ source: 'store', ok: true });
    }
    if (sources.includes('huggingface')) {
      statuses.push({
        source: 'huggingface',
        ok: false,
        error: 'Hugging Face does not count facets; the counts cover the snapshot and the store',
      });
    }
    if (sources.includes('snapshot')) {
      const index = state.snapshotIndex;
      const selection = index.select(query);
      for (const [facet, field] of facets) parts.get(facet)?.push(index.facetCounts(selection, field, storeIds));
      statuses.push({ source: 'snapshot', ok: true });
    }
    const result = Object.fromEntries([...parts].map(([facet, counts]) => [facet, mergeFacetCounts(counts, FACET_TOP)])) as Record<
      keyof T['facets'],
      FacetCount[]
    >;
    const partial = statuses.some((s) => !s.ok);
    return { facets: result, partial, sources: statuses, etag: etagOf({ result, partial, statuses }) };
  };
  if (failure) return answer();
  return ctx.localAnswers.answer(JSON.stringify(['facets', table.kind, clean, sources]), store, answer);
}
