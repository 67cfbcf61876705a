import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SNAPSHOT_FILES, type Snapshot } from '@mlhub/services/snapshot';

/** One record per line: small diffs when the catalog changes, and still plain JSON for the loader. */
const recordLines = (records: unknown[]): string =>
  records.length === 0 ? '[]\n' : `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;

/** The snapshot folder's files as (name, content) pairs, in a fixed order. */
export function snapshotFiles(snapshot: Snapshot, attribution: string): [string, string][] {
  return [
    [SNAPSHOT_FILES.models, recordLines(snapshot.models)],
    [SNAPSHOT_FILES.datasets, recordLines(snapshot.datasets)],
    [SNAPSHOT_FILES.aliases, `${JSON.stringify(snapshot.aliases, null, 2)}\n`],
    [SNAPSHOT_FILES.meta, `${JSON.stringify(snapshot.meta, null, 2)}\n`],
    ...(snapshot.cards ? ([[SNAPSHOT_FILES.cards, cardLines(snapshot.cards)]] as [string, string][]) : []),
    [SNAPSHOT_FILES.attribution, attribution],
  ];
}

/** One card per line, ids sorted, so a changed card is a one-line diff. */
function cardLines(cards: NonNullable<Snapshot['cards']>): string {
  const part = (map: Record<string, string>) =>
    Object.keys(map)
      .sort()
      .map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(map[id])}`)
      .join(',\n');
  return `{\n  "models": {\n${part(cards.models)}\n  },\n  "datasets": {\n${part(cards.datasets)}\n  }\n}\n`;
}

export function writeSnapshot(dir: string, files: [string, string][]): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) writeFileSync(path.join(dir, name), content);
}
