import type { Direction, SortKey } from '../types.js';

/** A position in a sorted list: the sort value of an item and its id (ties break by id, ascending). */
export interface SortPosition {
  /** Numbers for counts and dates (epoch ms), the id itself for `id`; null sorts last in both directions. */
  v: number | string | null;
  id: string;
}

export interface Sortable {
  id: string;
  downloads: number;
  likes: number | null;
  trendingScore: number | null;
  createdAt: string | null;
  lastModified: string | null;
}

function dateValue(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

export function sortValue(item: Sortable, key: SortKey): number | string | null {
  switch (key) {
    case 'downloads':
      return item.downloads;
    case 'likes':
      return item.likes;
    case 'trending':
      return item.trendingScore;
    case 'created':
      return dateValue(item.createdAt);
    case 'updated':
      return dateValue(item.lastModified);
    case 'id':
      return item.id;
  }
}

export function positionOf(item: Sortable, key: SortKey): SortPosition {
  return { v: sortValue(item, key), id: item.id };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The one order every source and the merge agree on: value in `direction`, nulls last, then id ascending. */
export function comparePositions(a: SortPosition, b: SortPosition, direction: Direction): number {
  if (a.v !== b.v) {
    if (a.v === null) return 1;
    if (b.v === null) return -1;
    const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    if (c !== 0) return direction === 'asc' ? c : -c;
  }
  return compareIds(a.id, b.id);
}
