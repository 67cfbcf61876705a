/**
 * @jest-environment node
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

// The published shape of @mlhub/plugin, checked as the SDK's is (sdk/test/package.test.ts): pack it, then
// publint and are-the-types-wrong on the tarball.
const run = promisify(execFile);
const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const attw = path.resolve(pluginDir, '../node_modules/.bin/attw');

describe('the packed @mlhub/plugin', () => {
  let work: string;
  let tarball: string;
  let files: string[];

  beforeAll(async () => {
    await run(process.execPath, [path.join(pluginDir, 'build.mjs'), '--lib'], { cwd: pluginDir });
    work = mkdtempSync(path.join(tmpdir(), 'mlhub-plugin-pack-'));
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: pluginDir });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
    tarball = path.join(work, packed.filename);
    files = packed.files.map((f) => f.path);
  }, 4 * 60_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds ESM, CJS and their types, and no sources, tests or the standalone page', () => {
    for (const wanted of [
      'dist/esm/index.js',
      'dist/esm/index.d.ts',
      'dist/cjs/index.js',
      'dist/cjs/index.d.ts',
      'dist/cjs/package.json',
      'README.md',
    ]) {
      expect(files).toContain(wanted);
    }
    expect(files.filter((f) => /^(src|test|standalone)\/|dist\/standalone|typecheck|\.test\./.test(f))).toEqual([]);
  });

  it('passes publint with no messages', async () => {
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      strict: true,
    });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it('passes are-the-types-wrong in every resolution mode', async () => {
    const { stdout } = await run(attw, [tarball, '--format', 'json'], { cwd: work }).catch((error: { stdout?: string }) => ({
      stdout: error.stdout ?? '',
    }));
    const report = JSON.parse(stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './package.json']);
  });
});
