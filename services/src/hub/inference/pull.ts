import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { encodeRepoId, hasControlCharacters, validateRepoId } from '../ids.js';
import { isCommitSha, STORE_METADATA_FILE } from '../../common/index.js';
import { hasOnnxExport, modelDirOf, ONNX_GRAPHS } from './availability.js';
import type { ModelPull, PullFile } from './state.js';

export type PullDtype = ModelPull['dtype'];

/** A `GET /api/models/{id}/tree/{revision}` entry, as the Hugging Face Hub answers it. */
interface TreeEntry {
  type: 'file' | 'directory';
  path: string;
  size: number;
  oid: string;
  lfs?: { oid: string; size: number; pointerSize?: number };
}

export interface PullOptions {
  /** Base URL of the Hugging Face-compatible hub (`https://huggingface.co`). */
  hubUrl: string;
  token?: string;
  storeDir: string;
  modelId: string;
  revision?: string;
  dtype?: PullDtype;
  fetch?: typeof fetch;
  /** Attempts per file when a download breaks off (each resumes with `Range`). */
  attempts?: number;
  signal?: AbortSignal;
  /** Progress, at most every `progressMs` and at every state change. */
  onProgress?: (progress: PullProgress) => void;
  progressMs?: number;
}

export interface PullProgress {
  state: ModelPull['state'];
  bytesDone: number;
  bytesTotal: number | null;
  files: PullFile[];
}

/** A pull that cannot succeed as asked (a missing file, a wrong checksum); its message is the job's reason. */
export class PullError extends Error {
  override readonly name = 'PullError';
}

/** Files a server needs besides the graphs; the first three are required. */
const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const OPTIONAL = ['generation_config.json', 'special_tokens_map.json', 'README.md'];

/** The files of a pull, from the repository's tree: config, tokenizer and the ONNX graphs of the dtype. */
function selectFiles(tree: TreeEntry[], dtype: PullDtype): TreeEntry[] {
  const byPath = new Map(tree.filter((e) => e.type === 'file').map((e) => [e.path, e]));
  const suffixes = dtype === 'fp32' ? [''] : dtype === 'q8' ? ['_quantized'] : ['', '_quantized'];
  const wanted = [...REQUIRED, ...ONNX_GRAPHS.flatMap((g) => suffixes.map((s) => `${g}${s}.onnx`))];
  const missing = wanted.filter((p) => !byPath.has(p));
  if (missing.length) {
    const hint = hasOnnxExport(new Set(byPath.keys())) ? ` (try dtype ${dtype === 'q8' ? 'fp32' : 'q8'})` : '';
    throw new PullError(`The repository has no ${missing.join(', ')}${hint}`);
  }
  return [...wanted, ...OPTIONAL.filter((p) => byPath.has(p))].map((p) => byPath.get(p)!);
}

/** A path from a tree answer, checked before it names a file on disk. */
function safeRelative(p: string): string[] {
  const segments = p.split('/');
  if (p.length > 512 || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || hasControlCharacters(s))) {
    throw new PullError(`The hub listed an unsafe path '${p.slice(0, 80)}'`);
  }
  return segments;
}

/** Git's blob id of a small file (sha1 of `blob <size>\0` + bytes), which the tree gives as `oid`. */
function gitBlobHash(size: number): Hash {
  return createHash('sha1').update(`blob ${size}\0`);
}

async function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/** Reads the repository's file list (following `Link: rel="next"` on the same origin). */
async function listTree(
  options: Pick<PullOptions, 'hubUrl' | 'token' | 'fetch' | 'signal'>,
  modelId: string,
  revision: string,
): Promise<TreeEntry[]> {
  const doFetch = options.fetch ?? fetch;
  const base = new URL(options.hubUrl);
  const entries: TreeEntry[] = [];
  let url: URL | null = new URL(
    `/api/models/${modelId.split('/').map(encodeURIComponent).join('/')}/tree/${encodeURIComponent(revision)}?recursive=true`,
    base,
  );
  while (url) {
    const response: Response = await doFetch(url, {
      headers: authHeaders(options.token),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (response.status === 401 || response.status === 403)
      throw new PullError(`The hub refused the file list of '${modelId}' (${response.status}: gated or private; a token is needed)`);
    if (response.status === 404) throw new PullError(`The hub has no model '${modelId}' at revision '${revision}'`);
    if (!response.ok) throw new Error(`The hub answered ${response.status} to the file list of '${modelId}'`);
    const page = (await response.json()) as unknown;
    if (!Array.isArray(page)) throw new Error(`The hub's file list of '${modelId}' is not a list`);
    entries.push(...(page as TreeEntry[]));
    const next: string | undefined = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
    url = next ? new URL(next, base) : null;
    if (url && url.origin !== base.origin) url = null;
  }
  return entries;
}

function authHeaders(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * Pulls a model's serving files into the store. Every file is streamed into a staging folder outside
 * `models/` (`{store}/.pulls/<id>@<revision>/`), checked against the tree's size and sha256 (`lfs.oid`; git's
 * blob id for small files) while it streams, and resumed with `Range` when the connection breaks, also by
 * a later pull. Only when every file checked out is the folder moved to `models/<id>` (one rename), so the
 * store never shows a half or a wrong model.
 */
export async function pullModel(options: PullOptions): Promise<{ dir: string; files: PullFile[] }> {
  const modelId = validateRepoId(options.modelId);
  const revision = options.revision ?? 'main';
  const dtype = options.dtype ?? 'both';
  const doFetch = options.fetch ?? fetch;
  const attempts = options.attempts ?? 4;
  const staging = path.join(options.storeDir, '.pulls', `${modelId.replace('/', '--')}@${revision}`);
  const target = modelDirOf(options.storeDir, modelId);

  let state: ModelPull['state'] = 'downloading';
  let files: PullFile[] = [];
  let lastReport = 0;
  const report = (force = false): void => {
    const now = Date.now();
    if (!force && now - lastReport < (options.progressMs ?? 250)) return;
    lastReport = now;
    const bytesDone = files.reduce((n, f) => n + f.bytesDone, 0);
    options.onProgress?.({ state, bytesDone, bytesTotal: files.reduce((n, f) => n + f.size, 0), files: files.map((f) => ({ ...f })) });
  };

  // A revision that is a commit names itself; a branch or tag is resolved by the hub, which says to what in `X-Repo-Commit`.
  let commit = isCommitSha(revision) ? revision : null;
  const tree = await listTree(options, modelId, revision);
  const chosen = selectFiles(tree, dtype);
  files = chosen.map((e) => ({ path: e.path, size: e.lfs?.size ?? e.size, bytesDone: 0, sha256: e.lfs?.oid ?? null, done: false }));
  report(true);

  for (const [i, entry] of chosen.entries()) {
    const file = files[i]!;
    const segments = safeRelative(entry.path);
    const finalFile = path.join(staging, ...segments);
    const part = `${finalFile}.part`;
    await mkdir(path.dirname(finalFile), { recursive: true });
    if ((await sizeOf(finalFile)) === file.size && file.size > 0) {
      // Checked and kept by an earlier pull that stopped later on.
      file.bytesDone = file.size;
      file.done = true;
      report();
      continue;
    }
    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      try {
        const served = await downloadOne({ doFetch, options, modelId, revision, entry, file, part, report });
        if (isCommitSha(served)) commit ??= served;
        break;
      } catch (error) {
        if (error instanceof PullError || options.signal?.aborted || attempt >= attempts) {
          if (error instanceof PullError) await rm(part, { force: true });
          throw error;
        }
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
      }
    }
    await rename(part, finalFile);
    file.done = true;
    report(true);
  }

  state = 'verifying';
  report(true);
  // What `model_sha` of the inference server's `GET /info` reports.
  if (commit !== null) await writeFile(path.join(staging, STORE_METADATA_FILE), `${JSON.stringify({ sha: commit, revision })}\n`);
  // Every file was checked as it streamed; what is left is to make them visible, at once.
  await mkdir(path.dirname(target), { recursive: true });
  const previous = `${staging}.previous`;
  const hadTarget = (await stat(target).catch(() => null)) !== null;
  if (hadTarget) {
    await rm(previous, { recursive: true, force: true });
    await rename(target, previous);
  }
  await rename(staging, target);
  if (hadTarget) await rm(previous, { recursive: true, force: true });
  state = 'done';
  report(true);
  return { dir: target, files };
}

interface DownloadArgs {
  doFetch: typeof fetch;
  options: PullOptions;
  modelId: string;
  revision: string;
  entry: TreeEntry;
  file: PullFile;
  part: string;
  report: () => void;
}

/**
 * One file into its `.part`, resumed from what is there; checks size and hash at the end. Returns the commit
 * the hub served it from (`X-Repo-Commit`), if it said.
 */
async function downloadOne({ doFetch, options, modelId, revision, entry, file, part, report }: DownloadArgs): Promise<string | null> {
  let have = await sizeOf(part);
  if (have > file.size) {
    await rm(part, { force: true });
    have = 0;
  }
  const hash = file.sha256 ? createHash('sha256') : gitBlobHash(file.size);
  const url = new URL(
    `/${encodeRepoId(modelId).replace('%2F', '/')}/resolve/${encodeURIComponent(revision)}/${entry.path.split('/').map(encodeURIComponent).join('/')}`,
    options.hubUrl,
  );
  const headers: Record<string, string> = { ...authHeaders(options.token), ...(have > 0 ? { Range: `bytes=${have}-` } : {}) };
  const response = await doFetch(url, { headers, redirect: 'follow', ...(options.signal ? { signal: options.signal } : {}) });
  if (response.status === 416 && have === file.size) {
    await response.body?.cancel();
  } else if (response.status === 206 && have > 0) {
    // The bytes already there count towards the hash.
    await pipeline(createReadStream(part), async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) hash.update(chunk);
      yield* [];
    });
  } else if (response.status === 200) {
    have = 0;
  } else {
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403 || response.status === 404) {
      throw new PullError(`The hub answered ${response.status} for ${entry.path} of '${modelId}'`);
    }
    throw new Error(`The hub answered ${response.status} for ${entry.path}`);
  }
  file.bytesDone = have;
  if (response.body && response.status !== 416) {
    const out = createWriteStream(part, { flags: have > 0 ? 'a' : 'w' });
    try {
      for await (const chunk of Readable.fromWeb(
        response.body as import('node:stream/web').ReadableStream<Uint8Array>,
      ) as AsyncIterable<Buffer>) {
        if (file.bytesDone + chunk.length > file.size)
          throw new PullError(`${entry.path} is larger than the ${file.size} bytes the hub listed`);
        hash.update(chunk);
        file.bytesDone += chunk.length;
        report();
        if (!out.write(chunk)) await once(out, 'drain');
      }
    } finally {
      // Every byte that arrived reaches the disk, also when the connection broke (a pipeline would drop the
      // writes still queued): the next attempt resumes right after them.
      out.end();
      await finished(out);
    }
  } else if (response.status === 416) {
    await pipeline(createReadStream(part), async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) hash.update(chunk);
      yield* [];
    });
  }
  const size = await sizeOf(part);
  if (size !== file.size) throw new Error(`${entry.path} broke off at ${size} of ${file.size} bytes`);
  const digest = hash.digest('hex');
  const expected = file.sha256 ?? entry.oid;
  if (digest !== expected) {
    throw new PullError(
      `${file.sha256 ? 'sha256' : 'git blob id'} of ${entry.path} is ${digest}, the hub lists ${expected}; nothing was kept`,
    );
  }
  return response.headers.get('x-repo-commit');
}
