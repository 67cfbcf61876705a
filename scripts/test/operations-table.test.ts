import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { operationsTable, TABLE_END, TABLE_START, withOperationsTable } from '../src/spec/operations-table.js';
import { bundledSpecPath, sdkReadmePath } from '../src/spec/paths.js';

const hub = JSON.parse(readFileSync(bundledSpecPath('hub'), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string }>> };

describe("the SDK README's operations table", () => {
  const table = operationsTable(hub);

  it('has a row for every /v3/mlhub operation of the spec, and none for the legacy ones', () => {
    const ids = Object.entries(hub.paths).flatMap(([route, item]) =>
      route.startsWith('/v3/mlhub/') ? Object.values(item).flatMap((op) => (op?.operationId ? [op.operationId] : [])) : [],
    );
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(table).toContain(`| \`${id}\` |`);
    expect(table).not.toContain('legacyListModels');
    expect(table).toMatch(/The \d+ legacy `\/v3\/ml-hub\/\.\.\.` operations/);
  });

  it('names each parameter where it goes, required or optional (?), and the body schema', () => {
    expect(table).toMatch(
      /\| `getModelCard` \| `GET \/v3\/mlhub\/models\/\{modelId\}\/card` \| path: `modelId`; query: `revision\?` \| yes \|/,
    );
    expect(table).toMatch(/\| `downloadModelFile` \|[^\n]*query: `path`, `revision\?`; header: `Range\?`/);
    expect(table).toMatch(/\| `runInference` \|[^\n]*body: `InferenceRequest`/);
    // Path-level parameters count too.
    expect(table).toMatch(/\| `getInferenceServer` \|[^\n]*path: `serverId`/);
    // Public operations need no token.
    expect(table).toMatch(/\| `getHealth` \|[^\n]*\| no \|/);
  });

  it('is what the committed README holds between its markers', () => {
    const readme = readFileSync(sdkReadmePath(), 'utf8');
    expect(withOperationsTable(readme, table, 'sdk/README.md')).toBe(readme);
    expect(() => withOperationsTable(readme.replace(TABLE_END, ''), table, 'x')).toThrow(/markers/);
    expect(readme.indexOf(TABLE_START)).toBeGreaterThan(0);
  });
});
