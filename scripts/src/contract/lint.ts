import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundledSpecPath, repoRoot, specDocuments } from '../spec/paths.js';
import type { CheckResult } from './check.js';
import { isObject } from './json.js';

const redoclyCli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

interface RedoclyProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location?: { source?: { ref?: string }; pointer?: string }[];
}

function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Telemetry and the update notice would reach for the network; CI has only the npm registry.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const child = spawn(process.execPath, [redoclyCli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Lint both bundled documents of the repository at `root` with Redocly's CLI and the rules of
 * `openapi/redocly.yaml`. Redocly 2 ships only as a bundled CLI (its programmatic core is a different major),
 * so it runs as a child process with JSON output. Errors fail the check; warnings are notes.
 */
export async function lintSpecs(root: string = repoRoot): Promise<CheckResult> {
  const result: CheckResult = { name: 'lint', problems: [], notes: [] };
  const config = path.join(root, 'openapi', 'redocly.yaml');
  const files = specDocuments.map((doc) => bundledSpecPath(doc, root));
  for (const f of [config, ...files]) if (!existsSync(f)) result.problems.push(`${path.relative(root, f)}: missing`);
  if (result.problems.length) return result;

  // One run per document: with several, the JSON format prints one JSON value per document back to back.
  const args = ['lint', '--config', config, '--format', 'json', '--max-problems', '10000', '--lint-config', 'error'];
  const runs = await Promise.all(files.map((f) => run([...args, path.relative(root, f)], root)));
  for (const { code, stdout, stderr } of runs) {
    let report: unknown;
    try {
      report = JSON.parse(stdout);
    } catch {
      result.problems.push(`redocly lint did not answer JSON (exit ${code}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`);
      continue;
    }
    const problems = isObject(report) && Array.isArray(report.problems) ? (report.problems as RedoclyProblem[]) : [];
    let errors = 0;
    const totals = isObject(report) && isObject(report.totals) ? report.totals : {};
    if (typeof totals.ignored === 'number' && totals.ignored > 0) {
      result.notes.push(`${totals.ignored} accepted finding(s) listed in openapi/.redocly.lint-ignore.yaml`);
    }
    for (const p of problems) {
      const loc = p.location?.[0];
      const line = `${loc?.source?.ref ?? '?'}${loc?.pointer ?? ''}: ${p.ruleId}: ${p.message}`;
      if (p.severity === 'error') errors++;
      (p.severity === 'error' ? result.problems : result.notes).push(line);
    }
    if (code !== 0 && errors === 0) {
      result.problems.push(`redocly lint exited ${code} without reporting an error: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    }
  }
  result.notes.unshift(`linted ${files.map((f) => path.relative(root, f)).join(', ')} with openapi/redocly.yaml`);
  return result;
}
