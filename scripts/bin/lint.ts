// `npm run lint [-- eslint|prettier|knip ...]`: typescript-eslint (type-checked rules), the formatter check and knip
// (unused files, exports, dependencies) over every package, with the configs in scripts/lint/. Prints each tool's
// findings and a count per tool; exits 1 when any tool finds something or cannot run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../src/spec/paths.js';

interface ToolResult {
  tool: string;
  findings: string[];
  /** Set when the tool itself failed (crashed, bad config), not when it found something. */
  failure?: string;
}

const lintDir = path.join(repoRoot, 'scripts', 'lint');
const bin = (...parts: string[]) => path.join(repoRoot, 'node_modules', ...parts);

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * Runs `node_modules/<tool>/bin/<tool>.js --config scripts/lint/<config> ...args`, whose report is JSON on stdout;
 * a report that is not JSON means the tool itself failed.
 */
function runJson<T>(tool: string, config: string, args: string[]): { report: T } | { failed: ToolResult } {
  const { status, stdout, stderr } = run([bin(tool, 'bin', `${tool}.js`), '--config', path.join(lintDir, config), ...args]);
  try {
    return { report: JSON.parse(stdout) as T };
  } catch {
    return { failed: { tool, findings: [], failure: `exit ${status}: ${stderr.trim() || stdout.slice(0, 2000)}` } };
  }
}

type EslintReport = { filePath: string; messages: { line?: number; column?: number; ruleId: string | null; message: string }[] }[];

function eslint(): ToolResult {
  const ran = runJson<EslintReport>('eslint', 'eslint.config.js', ['--format', 'json', '.']);
  if ('failed' in ran) return ran.failed;
  const reports = ran.report;
  const findings = reports.flatMap((r) =>
    r.messages.map((m) => `${path.relative(repoRoot, r.filePath)}:${m.line ?? 0}:${m.column ?? 0} ${m.ruleId ?? 'parse'}: ${m.message}`),
  );
  return { tool: 'eslint', findings };
}

const FORMATTED = /\.(ts|tsx|js|mjs|cjs|json|ya?ml|md)$/;

/**
 * The files `prettier --check` looks at: what git tracks or would track (so .gitignore applies), with a source
 * extension, minus scripts/lint/prettierignore. That file's lines are paths from the repository root: `dir/` leaves
 * out a folder, anything else one file; `#` starts a comment. (Prettier itself would read them relative to the
 * ignore file's folder.)
 */
function formattedFiles(): string[] {
  const patterns = readFileSync(path.join(lintDir, 'prettierignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.replace(/^\//, ''));
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return listed.stdout
    .split('\n')
    .filter((file) => FORMATTED.test(file) && existsSync(path.join(repoRoot, file)))
    .filter((file) => !patterns.some((p) => (p.endsWith('/') ? file.startsWith(p) || file.includes(`/${p}`) : file === p)));
}

function prettier(): ToolResult {
  const { status, stdout, stderr } = run([bin('prettier', 'bin', 'prettier.cjs'), '--list-different', ...formattedFiles()]);
  // --list-different exits 1 when it lists files, 2 when it fails.
  if (status !== 0 && status !== 1) return { tool: 'prettier', findings: [], failure: `exit ${status}: ${stderr.trim()}` };
  const findings = stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((file) => `${file}: not formatted (npx prettier --write ${file})`);
  return { tool: 'prettier', findings };
}

function knip(): ToolResult {
  const ran = runJson<{ issues?: Record<string, unknown>[]; files?: string[] }>('knip', 'knip.json', [
    '--reporter',
    'json',
    '--no-progress',
  ]);
  if ('failed' in ran) return ran.failed;
  const report = ran.report;
  const findings: string[] = (report.files ?? []).map((file) => `${file}: unused file`);
  for (const issue of report.issues ?? []) {
    const file = String(issue.file);
    for (const [kind, value] of Object.entries(issue)) {
      if (kind === 'file' || kind === 'owners' || kind === 'files') continue;
      const entries = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
      for (const entry of entries as { name?: string; line?: number }[]) {
        if (entry && typeof entry === 'object' && typeof entry.name === 'string')
          findings.push(`${file}:${entry.line ?? 0} ${kind}: ${entry.name}`);
      }
    }
  }
  return { tool: 'knip', findings };
}

const TOOLS: Record<string, () => ToolResult> = { eslint, prettier, knip };
const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((name) => !(name in TOOLS));
if (unknown.length > 0) {
  console.error(`npm run lint: unknown tool ${unknown.join(', ')} (known: ${Object.keys(TOOLS).join(', ')})`);
  process.exit(2);
}

const results = (wanted.length > 0 ? wanted : Object.keys(TOOLS)).map((name) => TOOLS[name]!());
for (const result of results) {
  for (const line of result.findings) console.log(`${result.tool}  ${line}`);
  if (result.failure) console.log(`${result.tool}  could not run: ${result.failure}`);
}
console.log();
for (const result of results) {
  console.log(
    `${result.failure ? 'FAIL' : result.findings.length === 0 ? 'ok  ' : 'FAIL'} ${result.tool}: ${result.failure ? 'could not run' : `${result.findings.length} finding(s)`}`,
  );
}
process.exitCode = results.some((r) => r.failure || r.findings.length > 0) ? 1 : 0;
