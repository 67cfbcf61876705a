import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/errors.js';
import { splitCard } from '../catalog/card.js';
import { datasetFromApiBody } from '../catalog/normalise/dataset.js';
import { modelFromApiBody } from '../catalog/normalise/model.js';
import { TEXT2TEXT, TEXT_GENERATION } from '../catalog/normalise/text2text.js';
import { num, obj, str, strings, type Json } from '../catalog/normalise/values.js';
import type { DatasetEntry, ModelEntry } from '../catalog/summaries.js';
import type { RepoFile, RepoKind, StoreFileHandle } from '../catalog/types.js';
import { commitOf, STORE_METADATA_FILE } from '../../common/store-metadata.js';
import { validateRepoId, validateRepoPath } from '../ids.js';

const KIND_DIR: Record<RepoKind, string> = { model: 'models', dataset: 'datasets' };
// C0/C1 control characters (NUL included) and DEL.
const SKIP_DIRS = new Set(['.git', '.cache']);

export interface StoreRepo {
  kind: RepoKind;
  id: string;
  /** Real path of the repository folder. */
  dir: string;
  files: RepoFile[];
  /** The README, when there is one. */
  readme: string | null;
  config: Record<string, unknown> | null;
  meta: Record<string, unknown>;
  /** Latest mtime of its files (epoch ms). */
  lastModifiedMs: number;
  createdMs: number;
}

async function readJson(file: string): Promise<Json | null> {
  try {
    return obj(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * The local model store: `<root>/models/<owner>/<name>/` or `<root>/models/<name>/`, and `<root>/datasets/...`
 * alike. A folder directly under `models/` holding any file that is not hidden is a bare repository; otherwise
 * its subfolders are.
 * Scans are cached for `rescanMs`; hashes are computed on demand and cached by (real path, size, mtime).
 */
export class ModelStore {
  private scans = new Map<RepoKind, { at: number; repos: Promise<Map<string, StoreRepo>> }>();
  private readonly hashes = new Map<string, Promise<string>>();
  private rootReal: string | null = null;

  constructor(
    readonly root: string,
    private readonly rescanMs = 2000,
  ) {}

  /**
   * Real path of the store root; null while the folder does not exist (an empty store: the embedded default
   * creates it only when a model is first placed). Other failures (permissions, a stale NFS handle) throw.
   */
  async realRoot(): Promise<string | null> {
    if (this.rootReal) return this.rootReal;
    try {
      this.rootReal = await realpath(this.root);
      return this.rootReal;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async repos(kind: RepoKind): Promise<Map<string, StoreRepo>> {
    const cached = this.scans.get(kind);
    if (cached && Date.now() - cached.at < this.rescanMs) return cached.repos;
    const repos = this.scan(kind);
    this.scans.set(kind, { at: Date.now(), repos });
    repos.catch(() => this.scans.delete(kind));
    return repos;
  }

  async repo(kind: RepoKind, id: string): Promise<StoreRepo | undefined> {
    return (await this.repos(kind)).get(id);
  }

  /**
   * Resolves a file of a store repository for streaming. Refuses (400) paths with `..`, `.`, empty segments,
   * backslashes, absolute paths or control characters, and (404) anything whose real path, symlinks
   * followed, is not a regular file inside the store root.
   */
  async resolveFile(kind: RepoKind, id: string, filePath: string): Promise<StoreFileHandle> {
    validateRepoId(id, kind);
    const segments = validateRepoPath(filePath);
    const notFound = (): never => {
      throw new ApiError('NOT_FOUND', `File '${filePath}' not found in ${kind} '${id}' of the model store`);
    };
    // What the listing hides is not served either.
    if (segments.some((s) => SKIP_DIRS.has(s)) || filePath === STORE_METADATA_FILE) return notFound();
    const repo = await this.repo(kind, id);
    if (!repo) throw new ApiError('NOT_FOUND', `${kind === 'model' ? 'Model' : 'Dataset'} '${id}' is not in the model store`);
    const root = await this.realRoot();
    if (root === null) return notFound();
    let real: string;
    try {
      real = await realpath(path.join(repo.dir, ...segments));
    } catch {
      return notFound();
    }
    if (!isInside(root, real)) return notFound();
    const info = await stat(real).catch(() => null);
    if (!info || !info.isFile()) return notFound();
    const size = info.size;
    const mtimeMs = info.mtimeMs;
    return {
      kind,
      id,
      path: segments.join('/'),
      absolutePath: real,
      size,
      mtimeMs,
      etag: `"${info.ino.toString(36)}-${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`,
      sha256: () => this.sha256(real, size, mtimeMs),
    };
  }

  /** Hex SHA-256 of a file, computed once per (path, size, mtime). */
  sha256(file: string, size: number, mtimeMs: number): Promise<string> {
    const key = `${file}\0${size}\0${mtimeMs}`;
    let hash = this.hashes.get(key);
    if (!hash) {
      hash = new Promise<string>((resolve, reject) => {
        const h = createHash('sha256');
        createReadStream(file)
          .on('data', (chunk) => h.update(chunk))
          .on('error', reject)
          .on('end', () => resolve(h.digest('hex')));
      });
      hash.catch(() => this.hashes.delete(key));
      this.hashes.set(key, hash);
    }
    return hash;
  }

  private async scan(kind: RepoKind): Promise<Map<string, StoreRepo>> {
    const root = await this.realRoot();
    const repos = new Map<string, StoreRepo>();
    if (root === null) return repos;
    const base = path.join(root, KIND_DIR[kind]);
    const top = await readdir(base, { withFileTypes: true }).catch(() => []);
    for (const entry of top) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const dir = path.join(base, entry.name);
      const children = await readdir(dir, { withFileTypes: true }).catch(() => []);
      // Hidden files (a Finder `.DS_Store`, an NFS `.nfs*` left by a deleted open file) say nothing about layout.
      if (children.some((c) => (c.isFile() || c.isSymbolicLink()) && !c.name.startsWith('.'))) {
        await this.addRepo(repos, kind, root, entry.name, dir);
        continue;
      }
      for (const child of children) {
        if (child.isDirectory() && !child.name.startsWith('.')) {
          await this.addRepo(repos, kind, root, `${entry.name}/${child.name}`, path.join(dir, child.name));
        }
      }
    }
    return repos;
  }

  private async addRepo(repos: Map<string, StoreRepo>, kind: RepoKind, root: string, id: string, dir: string): Promise<void> {
    try {
      validateRepoId(id, kind);
    } catch {
      return;
    }
    const files: RepoFile[] = [];
    let lastModifiedMs = 0;
    const walk = async (folder: string, prefix: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) await walk(full, rel);
          continue;
        }
        if (rel === STORE_METADATA_FILE) continue;
        let info;
        if (entry.isSymbolicLink()) {
          // Listed only when the link stays inside the store; symlinked folders are not followed (no loops).
          const real = await realpath(full).catch(() => null);
          if (!real || !isInside(root, real)) continue;
          info = await stat(real).catch(() => null);
        } else if (entry.isFile()) {
          info = await lstat(full).catch(() => null);
        }
        if (!info || !info.isFile()) continue;
        lastModifiedMs = Math.max(lastModifiedMs, info.mtimeMs);
        files.push({ path: rel, size: info.size, oid: null, lfs: null });
      }
    };
    await walk(dir, '');
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const dirInfo = await stat(dir);
    const readme = files.some((f) => f.path === 'README.md') ? await readFile(path.join(dir, 'README.md'), 'utf8').catch(() => null) : null;
    repos.set(id, {
      kind,
      id,
      dir,
      files,
      readme,
      config: files.some((f) => f.path === 'config.json') ? await readJson(path.join(dir, 'config.json')) : null,
      meta: (await readJson(path.join(dir, STORE_METADATA_FILE))) ?? {},
      lastModifiedMs: lastModifiedMs || dirInfo.mtimeMs,
      createdMs: dirInfo.birthtimeMs || dirInfo.ctimeMs,
    });
  }
}

function inferTask(config: Json | null): string | null {
  const architectures = strings(config?.architectures);
  if (architectures.some((a) => a.endsWith('ForConditionalGeneration') && /^(T5|MT5|Bart|Pegasus|Marian)/.test(a))) {
    return TEXT2TEXT;
  }
  if (architectures.some((a) => a.endsWith('ForCausalLM'))) return TEXT_GENERATION;
  return null;
}

function iso(ms: number): string | null {
  return ms > 0 ? new Date(ms).toISOString() : null;
}

function cardOf(repo: StoreRepo): Json {
  return repo.readme === null ? {} : splitCard(repo.readme).metadata;
}

/**
 * A store folder as a catalog record, through the normaliser Hugging Face answers and the snapshot go through
 * (`../catalog/normalise/`), so a record means the same whatever its source: the folder's `.mlhub.json`, then
 * its card's front matter, then its `config.json` stand in for the API body; what only a folder knows (its
 * files, their size, no commit) is set after.
 */
export function modelEntry(repo: StoreRepo): ModelEntry {
  const card = cardOf(repo);
  const meta = repo.meta;
  const config = repo.config;
  const pick = (metaKey: string, cardKey: string): unknown => meta[metaKey] ?? card[cardKey];
  const modelType = str(meta.modelType) ?? str(config?.model_type);
  const record = modelFromApiBody(
    {
      id: repo.id,
      pipeline_tag: str(pick('pipelineTag', 'pipeline_tag')) ?? inferTask(config),
      library_name: str(pick('library', 'library_name')) ?? (config ? 'transformers' : null),
      tags: [...new Set([...strings(meta.tags ?? card.tags), ...(modelType ? [modelType] : [])])],
      cardData: {
        language: pick('languages', 'language'),
        license: pick('license', 'license'),
        base_model: pick('baseModel', 'base_model'),
      },
      config: { ...config, model_type: modelType },
      downloads: num(meta.downloads) ?? 0,
      likes: num(meta.likes) ?? 0,
      createdAt: str(meta.createdAt) ?? iso(repo.createdMs),
      lastModified: iso(repo.lastModifiedMs),
      safetensors: { total: meta.parameters },
    },
    'store',
  );
  return {
    ...record!,
    datasets: strings(pick('datasets', 'datasets')),
    storageBytes: repo.files.reduce((sum, f) => sum + (f.size ?? 0), 0),
    // The commit a pull recorded, as the inference server's `model_sha`.
    sha: commitOf(meta),
    cardData: card,
    files: repo.files,
  };
}

export function datasetEntry(repo: StoreRepo): DatasetEntry {
  const card = cardOf(repo);
  const meta = repo.meta;
  const pick = (metaKey: string, cardKey: string): unknown => meta[metaKey] ?? card[cardKey];
  const record = datasetFromApiBody(
    {
      id: repo.id,
      tags: strings(pick('tags', 'tags')),
      cardData: {
        language: pick('languages', 'language'),
        license: pick('license', 'license'),
        task_categories: pick('taskCategories', 'task_categories'),
        size_categories: pick('sizeCategories', 'size_categories'),
      },
      downloads: num(meta.downloads) ?? 0,
      likes: num(meta.likes) ?? 0,
      createdAt: str(meta.createdAt) ?? iso(repo.createdMs),
      lastModified: iso(repo.lastModifiedMs),
      description: str(meta.description) ?? str(card.pretty_name),
    },
    'store',
  );
  return {
    ...record!,
    benchmarks: strings(pick('benchmarks', 'paperswithcode_id')),
    // A folder is open to whoever can read the store.
    gated: false,
    // The commit a pull recorded, as the inference server's `model_sha`.
    sha: commitOf(meta),
    cardData: card,
    files: repo.files,
  };
}
