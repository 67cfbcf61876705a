import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { modelEnvelope, modelListPage, modelSummary } from './fixtures.js';
import { failure, sendJson, startLoopback, type Loopback } from './loopback.js';

// The published shape of @mlhub/sdk: pack it as npm would publish it, check the tarball (publint,
// are-the-types-wrong), install it into a fresh project outside the workspace, type-check a program
// that uses it with the TypeScript a user would have, and run that program against a loopback hub.

const run = promisify(execFile);
const sdkDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(sdkDir, '..');
const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const MINUTES = 60_000;

const program = (baseUrl: string) => `
import { createMlHubClient, MlHubError, paginate, streamInference, unwrap, type Model, type MlHubErrorCode } from '@mlhub/sdk';

const client = createMlHubClient({ baseUrl: ${JSON.stringify(baseUrl)}, getToken: async () => 'tok-pack' });

const model: Model = unwrap(await client.GET('/v3/mlhub/models/{modelId}', { params: { path: { modelId: 'google/flan-t5-small' } } }));
console.log(JSON.stringify({ model: model.id, files: model.files }));

const ids: string[] = [];
for await (const page of paginate(client, '/v3/mlhub/models', { query: { limit: 2 } })) ids.push(...page.result.map((m) => m.id));
console.log(JSON.stringify({ ids }));

let text = '';
for await (const event of streamInference(client, 'google/flan-t5-small', { inputs: 'Translate English to German: How old are you?' })) {
  text += event.token.text;
}
console.log(JSON.stringify({ text }));

try {
  unwrap(await client.GET('/v3/mlhub/models/{modelId}', { params: { path: { modelId: 'nobody/nothing' } } }));
} catch (error) {
  if (!(error instanceof MlHubError)) throw error;
  const code: MlHubErrorCode = error.code;
  console.log(JSON.stringify({ status: error.status, code, requestId: error.requestId }));
}
`;

// Lines that must NOT type-check: if the published types were missing or \`any\`, these would pass
// and tsc would fail on the unused @ts-expect-error.
const wrongUses = `
import { createMlHubClient, unwrap } from '@mlhub/sdk';
const client = createMlHubClient({ baseUrl: 'http://127.0.0.1:1' });
export async function wrong() {
  // @ts-expect-error: not a path of the hub
  await client.GET('/v3/mlhub/no-such-path');
  // @ts-expect-error: the model id is required
  await client.GET('/v3/mlhub/models/{modelId}', { params: { path: {} } });
  const model = unwrap(await client.GET('/v3/mlhub/models/{modelId}', { params: { path: { modelId: 'gpt2' } } }));
  // @ts-expect-error: downloads is a number
  model.downloads.toUpperCase();
}
`;

// The CommonJS entry, as a jest (CJS) or older Node user loads it.
const commonJsUser = `
const sdk = require('@mlhub/sdk');
const client = sdk.createMlHubClient({ baseUrl: 'http://127.0.0.1:1', token: 't' });
console.log(JSON.stringify({ cjs: typeof client.GET, error: new sdk.MlHubError({ status: 404, code: 'NOT_FOUND', message: 'x' }).code }));
`;

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    types: [],
    outDir: 'out',
  },
  include: ['src'],
};

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs;
    }),
  );
}

function builtBefore(time: number): boolean {
  return ['dist/esm/index.js', 'dist/cjs/index.js'].some((file) => {
    const full = path.join(sdkDir, file);
    return !existsSync(full) || statSync(full).mtimeMs < time;
  });
}

describe('the packed @mlhub/sdk', () => {
  let work: string;
  let tarball: string;
  let hub: Loopback;

  beforeAll(async () => {
    // `npm test` builds first; build here too when run on its own after a change to the sources.
    if (builtBefore(newestSource(path.join(sdkDir, 'src')))) {
      await run(process.execPath, [path.join(sdkDir, 'build.mjs')], { cwd: sdkDir });
    }
    work = mkdtempSync(path.join(tmpdir(), 'mlhub-sdk-pack-'));
    const { stdout } = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: sdkDir });
    const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
    tarball = path.join(work, packed.filename);
    writeFileSync(path.join(work, 'files.json'), JSON.stringify(packed.files.map((f) => f.path)));

    hub = await startLoopback((req, res) => {
      const url = new URL(req.url ?? '', 'http://x');
      if (url.pathname === '/v3/mlhub/models/google%2Fflan-t5-small') return sendJson(res, 200, modelEnvelope);
      if (url.pathname === '/v3/mlhub/models') {
        const second = url.searchParams.get('cursor') === 'c2';
        return sendJson(res, 200, {
          ...modelListPage,
          result: (second ? ['gpt2'] : ['google/flan-t5-small', 'google/flan-t5-base']).map(modelSummary),
          metadata: { ...modelListPage.metadata, nextCursor: second ? null : 'c2' },
        });
      }
      if (url.pathname === '/v3/mlhub/inference/models/google%2Fflan-t5-small/generate') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const words = ['Wie', ' alt', ' sind', ' Sie?'];
        words.forEach((text, index) => {
          const last = index === words.length - 1;
          const event = {
            index,
            token: { id: index, text, logprob: 0, special: false },
            generated_text: last ? words.join('') : null,
            details: last ? { finish_reason: 'eos_token', generated_tokens: words.length } : null,
          };
          res.write(`data: ${JSON.stringify(event)}\n\n`);
        });
        return res.end();
      }
      return sendJson(res, 404, failure('NOT_FOUND', "Model 'nobody/nothing' not found", 'req-pack-404'));
    });
  }, 2 * MINUTES);

  afterAll(async () => {
    await hub?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the builds, the react subpath shim, the README and the LICENSE, and no sources or tests', () => {
    const files = JSON.parse(readFileSync(path.join(work, 'files.json'), 'utf8')) as string[];
    for (const wanted of [
      'package.json',
      'README.md',
      'LICENSE',
      'react/package.json',
      'dist/esm/index.js',
      'dist/esm/index.d.ts',
      'dist/esm/react/index.js',
      'dist/cjs/index.js',
      'dist/cjs/index.d.ts',
      'dist/cjs/package.json',
    ]) {
      expect(files).toContain(wanted);
    }
    expect(files.filter((f) => /^(src|test)\/|typecheck|tsbuildinfo|\.test\./.test(f))).toEqual([]);
  });

  it('passes publint with no messages', async () => {
    const bytes = readFileSync(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
      strict: true,
    });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it('passes are-the-types-wrong with no problems, in every resolution mode', async () => {
    const { stdout } = await run(bin('attw'), [tarball, '--format', 'json'], { cwd: work }).catch((error: { stdout?: string }) => ({
      stdout: error.stdout ?? '',
    }));
    const report = JSON.parse(stdout) as { analysis: { problems: unknown[]; entrypoints: Record<string, unknown> } };
    expect(report.analysis.problems).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './package.json', './react']);
  });

  it(
    'installs into a fresh project, type-checks a program that uses it, and runs it against a hub',
    async () => {
      const project = path.join(work, 'project');
      await run('mkdir', ['-p', path.join(project, 'src')]);
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'mlhub-sdk-user', private: true, type: 'module' }, null, 2));
      await run(npm, ['install', tarball, 'typescript@5.9', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
        cwd: project,
        env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
      });
      // Optional peers stay out: a user without React must still be able to load the main entry.
      expect(existsSync(path.join(project, 'node_modules/react'))).toBe(false);
      expect(existsSync(path.join(project, 'node_modules/@tanstack/react-query'))).toBe(false);

      writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
      writeFileSync(path.join(project, 'src/main.ts'), program(hub.url));
      writeFileSync(path.join(project, 'src/wrong.ts'), wrongUses);
      writeFileSync(path.join(project, 'src/user.cjs'), commonJsUser);
      const tsc = path.join(project, 'node_modules/typescript/bin/tsc');
      await run(process.execPath, [tsc, '-p', project]).catch((error: { stdout?: string; message?: string }) => {
        throw new Error(`tsc failed on the user's program:\n${error.stdout ?? error.message ?? 'no output'}`);
      });

      const { stdout } = await run(process.execPath, [path.join(project, 'out/main.js')], { cwd: project });
      const lines = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown);
      expect(lines).toEqual([
        { model: 'google/flan-t5-small', files: 19 },
        { ids: ['google/flan-t5-small', 'google/flan-t5-base', 'gpt2'] },
        { text: 'Wie alt sind Sie?' },
        { status: 404, code: 'NOT_FOUND', requestId: 'req-pack-404' },
      ]);
      expect(hub.seen.every((r) => r.headers['x-tapis-token'] === 'tok-pack')).toBe(true);

      const cjs = await run(process.execPath, [path.join(project, 'src/user.cjs')], { cwd: project });
      expect(JSON.parse(cjs.stdout)).toEqual({ cjs: 'function', error: 'NOT_FOUND' });
    },
    4 * MINUTES,
  );
});
