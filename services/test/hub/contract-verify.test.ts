import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../../src/common/paths.js';
import { startHub, type RunningHub } from './routes/harness.js';

const root = repoRoot();

/** Runs `npm run contract:verify` the way a gateway's CI would: its own process, its exit code. */
function verify(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [path.join(root, 'scripts', 'bin', 'contract-verify.ts'), ...args],
      { cwd: root, env: { ...process.env, TAPIS_TOKEN: '' } },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run contract:verify against a local hub', () => {
  let hub: RunningHub;
  let tmp: string;

  beforeAll(async () => {
    hub = await startHub();
    tmp = mkdtempSync(path.join(tmpdir(), 'mlhub-verify-'));
  });
  afterAll(async () => {
    await hub.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('walks every read operation (inference aside) and exits 0', async () => {
    const run = await verify(['--base-url', hub.url, '--token', hub.token, '--skip-tag', 'Inference']);
    // Every line an `ok`: no FAIL, and no operation skipped for want of an id.
    expect(run.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('ok ') && !l.includes('verified against'))).toEqual([]);
    expect(run.code).toBe(0);
    const verified = new Set([...run.stdout.matchAll(/^ok {3}(\w+) /gm)].map((m) => m[1]));
    // The 20 discovery/service operations of /v3/mlhub (the store holds files, so the two downloads are
    // tried too) and the 25 legacy operations.
    expect(verified.size).toBe(45);
    expect(verified).toContain('downloadModelFile');
    expect(verified).toContain('legacyListDatasetsBySizeCategory');
  }, 120_000);

  it('exits 1 and names the operation when an answer does not match the spec', async () => {
    const spec = JSON.parse(readFileSync(path.join(root, 'openapi', 'dist', 'hub.openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, { required: string[] }> };
    };
    spec.components.schemas['ModelSummary']!.required.push('colour');
    const file = path.join(tmp, 'tampered.openapi.json');
    writeFileSync(file, JSON.stringify(spec));
    const run = await verify(['--base-url', hub.url, '--token', hub.token, '--skip-tag', 'Inference', '--spec', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL listModels 200 /m);
    expect(run.stdout).toContain("must have required property 'colour'");
  }, 120_000);

  it('exits 1 when an answer carries a field the spec does not document', async () => {
    // The hub sends `trendingScore` in every dataset summary; a spec without it must not pass it unseen.
    const spec = JSON.parse(readFileSync(path.join(root, 'openapi', 'dist', 'hub.openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, { required: string[]; properties: Record<string, unknown> }> };
    };
    const summary = spec.components.schemas['DatasetSummary']!;
    delete summary.properties['trendingScore'];
    summary.required = summary.required.filter((name) => name !== 'trendingScore');
    const file = path.join(tmp, 'undocumented.openapi.json');
    writeFileSync(file, JSON.stringify(spec));
    const run = await verify(['--base-url', hub.url, '--token', hub.token, '--skip-tag', 'Inference', '--spec', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL listDatasets 200 /m);
    expect(run.stdout).toContain('must NOT have unevaluated properties {"unevaluatedProperty":"trendingScore"}');
  }, 120_000);

  it('exits 1 when the token is refused', async () => {
    const run = await verify(['--base-url', hub.url, '--token', 'not-a-token', '--skip-tag', 'Inference']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL getModel|^FAIL listModels 401/m);
  }, 120_000);

  it('exits 2 without a base URL or token', async () => {
    const run = await verify(['--token', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage');
  }, 60_000);
});
