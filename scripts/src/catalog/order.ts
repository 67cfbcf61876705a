import type { SnapshotAliases } from '@mlhub/services/snapshot';

// Code-unit comparison, not localeCompare: the order must not depend on the machine's locale.
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most downloaded first, ties by id: the order the hub's default listing uses. */
export const sortRecords = <T extends { id: string; downloads: number }>(records: T[]): T[] =>
  [...records].sort((a, b) => b.downloads - a.downloads || byString(a.id, b.id));

export const sortAliases = (a: SnapshotAliases): SnapshotAliases => ({
  models: Object.fromEntries(Object.entries(a.models).sort(([x], [y]) => byString(x, y))),
  datasets: Object.fromEntries(Object.entries(a.datasets).sort(([x], [y]) => byString(x, y))),
});
