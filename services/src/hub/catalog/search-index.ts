import { SORT_KEYS, type Direction, type FacetCount, type SortKey } from './types.js';
import { comparePositions, sortValue, type Sortable, type SortPosition } from './query/sort.js';

/** The values of a categorical field of a document, lower-cased by the index. */
export type FieldExtractor<T> = (doc: T) => string | readonly string[] | null;

/** One filter clause: the document has at least one of `anyOf` in `field`. Clauses combine with AND. */
export interface Clause {
  field: string;
  anyOf: string[];
}

export interface IndexQuery {
  clauses: Clause[];
  /** Case-insensitive substring of the id. */
  search?: string;
}

export interface IndexPage<T> {
  items: T[];
  /** True when no item follows the last one returned. */
  exhausted: boolean;
}

const DIRECTIONS: Direction[] = ['desc', 'asc'];

/** A set of documents matching a query; `null` docs = every document. */
export interface Selection {
  docs: Int32Array | null;
  count: number;
}

function trigramKey(text: string, at: number): number {
  return text.charCodeAt(at) * 4294967296 + text.charCodeAt(at + 1) * 65536 + text.charCodeAt(at + 2);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toValues(value: string | readonly string[] | null): readonly string[] {
  if (value === null) return [];
  return typeof value === 'string' ? [value] : value;
}

/** Intersection of two ascending doc-id lists. */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

function union(lists: Int32Array[]): Int32Array {
  return lists.reduce((a, b) => {
    const out = new Int32Array(a.length + b.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < a.length || j < b.length) {
      const x = i < a.length ? a[i]! : Infinity;
      const y = j < b.length ? b[j]! : Infinity;
      if (x <= y) {
        out[n++] = x;
        i++;
        if (x === y) j++;
      } else {
        out[n++] = y;
        j++;
      }
    }
    return out.subarray(0, n);
  });
}

const EMPTY = new Int32Array(0);

/**
 * An immutable in-memory index over documents: an inverted index (sorted doc-id postings) per categorical
 * field, the ids concatenated once for substring search, and every sort order precomputed in both directions,
 * so a query is postings intersection (smallest first) plus a walk of a precomputed order; nothing sorts all
 * documents per query.
 */
export class CatalogIndex<T extends Sortable> {
  readonly docs: readonly T[];
  private readonly postings = new Map<string, Map<string, Int32Array>>();
  private readonly orders = new Map<string, Int32Array>();
  private readonly ranks = new Map<string, Int32Array>();
  private readonly values = new Map<SortKey, Float64Array>();
  private readonly ids: string[];
  private readonly byId = new Map<string, number>();
  private readonly lowerIds: string[];
  /** Postings of every 3-character substring of the lower-cased ids, keyed by its three char codes. */
  private readonly trigrams = new Map<number, Int32Array>();
  private readonly marks: Uint32Array;
  private stamp = 0;

  constructor(
    docs: readonly T[],
    private readonly fields: Record<string, FieldExtractor<T>>,
  ) {
    this.docs = docs;
    this.ids = docs.map((d) => d.id);
    const n = docs.length;
    this.marks = new Uint32Array(n);
    for (const [name, extract] of Object.entries(fields)) {
      const lists = new Map<string, number[]>();
      docs.forEach((doc, i) => {
        for (const raw of toValues(extract(doc))) {
          const value = raw.toLowerCase();
          let list = lists.get(value);
          if (!list) lists.set(value, (list = []));
          if (list[list.length - 1] !== i) list.push(i);
        }
      });
      const frozen = new Map<string, Int32Array>();
      for (const [value, list] of lists) frozen.set(value, Int32Array.from(list));
      this.postings.set(name, frozen);
    }
    this.lowerIds = docs.map((d) => d.id.toLowerCase());
    const grams = new Map<number, number[]>();
    this.lowerIds.forEach((id, doc) => {
      this.byId.set(docs[doc]!.id, doc);
      for (let i = 0; i + 3 <= id.length; i++) {
        const key = trigramKey(id, i);
        let list = grams.get(key);
        if (!list) grams.set(key, (list = []));
        if (list[list.length - 1] !== doc) list.push(doc);
      }
    });
    for (const [key, list] of grams) this.trigrams.set(key, Int32Array.from(list));
    // Sort values as typed arrays (NaN = unknown) and one id rank, so building and comparing never touch objects.
    const idOrder = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => compareStrings(this.ids[a]!, this.ids[b]!));
    const idRank = new Int32Array(n);
    idOrder.forEach((doc, r) => (idRank[doc] = r));
    for (const key of SORT_KEYS) {
      if (key === 'id') {
        this.store(key, 'asc', idOrder);
        this.store(key, 'desc', idOrder.slice().reverse());
        continue;
      }
      const values = new Float64Array(n);
      docs.forEach((doc, i) => {
        const v = sortValue(doc, key);
        values[i] = typeof v === 'number' ? v : Number.NaN;
      });
      this.values.set(key, values);
      for (const direction of DIRECTIONS) {
        const sign = direction === 'asc' ? 1 : -1;
        const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
          const va = values[a]!;
          const vb = values[b]!;
          if (va !== vb) {
            if (Number.isNaN(va)) return Number.isNaN(vb) ? idRank[a]! - idRank[b]! : 1;
            if (Number.isNaN(vb)) return -1;
            return va < vb ? -sign : sign;
          }
          return idRank[a]! - idRank[b]!;
        });
        this.store(key, direction, order);
      }
    }
  }

  private store(key: SortKey, direction: Direction, order: Int32Array): void {
    const rank = new Int32Array(order.length);
    order.forEach((doc, r) => (rank[doc] = r));
    this.orders.set(`${key}:${direction}`, order);
    this.ranks.set(`${key}:${direction}`, rank);
  }

  /** `comparePositions(position of doc, after)`, from the typed arrays. */
  private compareDoc(doc: number, sort: SortKey, direction: Direction, after: SortPosition): number {
    const values = this.values.get(sort);
    const raw = values ? values[doc]! : this.ids[doc]!;
    const v = typeof raw === 'number' && Number.isNaN(raw) ? null : raw;
    return comparePositions({ v, id: this.ids[doc]! }, after, direction);
  }

  select(query: IndexQuery): Selection {
    const lists: Int32Array[] = [];
    for (const clause of query.clauses) {
      const field = this.postings.get(clause.field);
      if (!field) throw new Error(`No index on field ${clause.field}`);
      const matches = clause.anyOf.map((v) => field.get(v.toLowerCase())).filter((l): l is Int32Array => !!l);
      if (matches.length === 0) return { docs: EMPTY, count: 0 };
      lists.push(union(matches));
    }
    lists.sort((a, b) => a.length - b.length);
    let docs: Int32Array | null = lists[0] ?? null;
    for (let i = 1; i < lists.length && docs!.length > 0; i++) docs = intersect(docs!, lists[i]!);
    // The substring check runs last, on the fewest candidates.
    if (query.search) docs = this.searchIds(query.search.toLowerCase(), docs);
    return docs === null ? { docs: null, count: this.docs.length } : { docs, count: docs.length };
  }

  /**
   * Documents whose lower-cased id contains `needle`: the intersection of its trigrams' postings (exact for
   * three characters), each candidate then checked; needles shorter than three characters scan the ids.
   */
  private searchIds(needle: string, within: Int32Array | null): Int32Array {
    if (needle.length < 3) {
      const out: number[] = [];
      const candidates = within ?? Int32Array.from({ length: this.lowerIds.length }, (_, i) => i);
      for (const d of candidates) {
        if (this.lowerIds[d]!.includes(needle)) out.push(d);
      }
      return Int32Array.from(out);
    }
    const lists: Int32Array[] = within ? [within] : [];
    for (let i = 0; i + 3 <= needle.length; i++) {
      const list = this.trigrams.get(trigramKey(needle, i));
      if (!list) return EMPTY;
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    let docs = lists[0]!;
    for (let i = 1; i < lists.length && docs.length > 0; i++) docs = intersect(docs, lists[i]!);
    if (needle.length === 3) return docs;
    const out = new Int32Array(docs.length);
    let n = 0;
    for (const d of docs) if (this.lowerIds[d]!.includes(needle)) out[n++] = d;
    return out.subarray(0, n);
  }

  /**
   * Up to `limit` documents of the selection strictly after `after` in (sort, direction), skipping ids in
   * `exclude`. Large selections walk the precomputed order; small ones sort their few members by rank.
   */
  page(
    selection: Selection,
    sort: SortKey,
    direction: Direction,
    after: SortPosition | null,
    limit: number,
    exclude?: ReadonlySet<string>,
  ): IndexPage<T> {
    const key = `${sort}:${direction}`;
    const order = this.orders.get(key)!;
    const items: T[] = [];
    const accept = (doc: number): boolean => {
      const item = this.docs[doc]!;
      if (exclude && exclude.has(item.id)) return false;
      items.push(item);
      return items.length > limit;
    };
    const firstAfter = (list: ArrayLike<number>): number => {
      if (!after) return 0;
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.compareDoc(list[mid]!, sort, direction, after) <= 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    // One item more than asked tells whether the list is exhausted.
    if (selection.docs === null) {
      for (let i = firstAfter(order); i < order.length; i++) if (accept(order[i]!)) break;
    } else if (selection.docs.length * 32 < order.length) {
      const rank = this.ranks.get(key)!;
      const sorted = Int32Array.from(selection.docs).sort((a, b) => rank[a]! - rank[b]!);
      for (let i = firstAfter(sorted); i < sorted.length; i++) if (accept(sorted[i]!)) break;
    } else {
      const stamp = this.nextStamp();
      for (const d of selection.docs) this.marks[d] = stamp;
      for (let i = firstAfter(order); i < order.length; i++) {
        const doc = order[i]!;
        if (this.marks[doc] === stamp && accept(doc)) break;
      }
    }
    const exhausted = items.length <= limit;
    if (!exhausted) items.pop();
    return { items, exhausted };
  }

  /** How many members of the selection have an id in `ids` (to subtract shadowed documents from a total). */
  countIds(selection: Selection, ids: Iterable<string>): number {
    let count = 0;
    const stamp = selection.docs === null ? 0 : this.nextStamp();
    if (selection.docs !== null) for (const d of selection.docs) this.marks[d] = stamp;
    for (const id of ids) {
      const doc = this.byId.get(id);
      if (doc !== undefined && (selection.docs === null || this.marks[doc] === stamp)) count++;
    }
    return count;
  }

  /**
   * Value counts of `field` over the selection, each document counted once per value: every posting of the
   * field is counted against the selection's marks, a tight loop over typed arrays. `exclude` ids are
   * subtracted afterwards (few: the store's).
   */
  facetCounts(selection: Selection, field: string, exclude?: ReadonlySet<string>): Map<string, number> {
    const lists = this.postings.get(field);
    const extract = this.fields[field];
    if (!lists || !extract) throw new Error(`No index on field ${field}`);
    const counts = new Map<string, number>();
    if (selection.docs === null) {
      for (const [value, list] of lists) counts.set(value, list.length);
    } else {
      const stamp = this.nextStamp();
      const marks = this.marks;
      for (const d of selection.docs) marks[d] = stamp;
      for (const [value, list] of lists) {
        let c = 0;
        for (let i = 0; i < list.length; i++) if (marks[list[i]!] === stamp) c++;
        if (c > 0) counts.set(value, c);
      }
    }
    if (exclude && exclude.size > 0) {
      const stamp = selection.docs === null ? 0 : this.nextStamp();
      if (selection.docs !== null) for (const d of selection.docs) this.marks[d] = stamp;
      for (const id of exclude) {
        const doc = this.byId.get(id);
        if (doc === undefined || (selection.docs !== null && this.marks[doc] !== stamp)) continue;
        for (const value of new Set(toValues(extract(this.docs[doc]!)).map((v) => v.toLowerCase()))) {
          const c = (counts.get(value) ?? 0) - 1;
          if (c > 0) counts.set(value, c);
          else counts.delete(value);
        }
      }
    }
    return counts;
  }

  private nextStamp(): number {
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    if (this.stamp === 1) this.marks.fill(0);
    return this.stamp;
  }
}

/** Adds per-source value counts and keeps the `top` most frequent (ties by value, for a stable answer). */
export function mergeFacetCounts(parts: Iterable<Map<string, number>>, top: number): FacetCount[] {
  const total = new Map<string, number>();
  for (const part of parts) for (const [v, c] of part) total.set(v, (total.get(v) ?? 0) + c);
  return [...total]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, top);
}
