import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface HostedRepo {
  /** Files by path. */
  files: Map<string, Buffer>;
  /** Paths listed with a wrong sha256 in the tree. */
  wrongSha?: Set<string>;
  /** Paths whose next download stops after half the bytes (the connection is destroyed). */
  cutOnce?: Set<string>;
  /** The commit every revision resolves to, sent as `X-Repo-Commit` with each file as the real hub does. */
  commit?: string;
}

/** Files of a folder, by relative path. */
export function filesOf(dir: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) for (const [k, v] of filesOf(full, rel)) out.set(k, v);
    else out.set(rel, readFileSync(full));
  }
  return out;
}

const gitOid = (bytes: Buffer): string => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

/**
 * A loopback Hugging Face-compatible hub: `GET /api/models/{id}/tree/{rev}?recursive=true` answering tree
 * entries shaped as the real ones (`type, oid, size, path`, and for LFS files `lfs {oid: sha256, size,
 * pointerSize}`; see shared/data/hf-api/tree_bert-base-uncased.json), and `GET /{id}/resolve/{rev}/{path}`
 * with one `Range`.
 */
export class LoopbackHf {
  readonly repos = new Map<string, HostedRepo>();
  readonly requests: { path: string; range: string | undefined }[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.requests.push({ path: decodeURIComponent(url.pathname), range: req.headers.range });
      const tree = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)$/.exec(url.pathname);
      if (tree) {
        const repo = this.repos.get(decodeURIComponent(tree[1]!));
        if (!repo)
          return void res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Repository not found' }));
        const entries = [...repo.files].map(([p, bytes]) =>
          p.endsWith('.onnx')
            ? {
                type: 'file',
                oid: gitOid(Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:x\nsize ${bytes.length}\n`)),
                size: bytes.length,
                lfs: {
                  oid: repo.wrongSha?.has(p) ? 'f'.repeat(64) : createHash('sha256').update(bytes).digest('hex'),
                  size: bytes.length,
                  pointerSize: 134,
                },
                path: p,
              }
            : { type: 'file', oid: gitOid(bytes), size: bytes.length, path: p },
        );
        const dirs = [...new Set([...repo.files.keys()].filter((p) => p.includes('/')).map((p) => p.split('/')[0]!))].map((d) => ({
          type: 'directory',
          oid: 'b'.repeat(40),
          size: 0,
          path: d,
        }));
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([...dirs, ...entries]));
      }
      const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(decodeURIComponent(url.pathname));
      const repo = resolve ? this.repos.get(resolve[1]!) : undefined;
      const bytes = resolve && repo ? repo.files.get(resolve[3]!) : undefined;
      if (!resolve || !repo || !bytes) return void res.writeHead(404).end('Entry not found');
      const file = resolve[3]!;
      let start = 0;
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (range) start = Number(range[1]);
      if (start >= bytes.length && bytes.length > 0) return void res.writeHead(416, { 'content-range': `bytes */${bytes.length}` }).end();
      const body = bytes.subarray(start);
      res.writeHead(range ? 206 : 200, {
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
        'accept-ranges': 'bytes',
        ...(repo.commit ? { 'x-repo-commit': repo.commit } : {}),
        ...(range ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}),
      });
      if (repo.cutOnce?.has(file)) {
        repo.cutOnce.delete(file);
        // The connection closes after the half (a FIN after the bytes, not a reset, which could discard bytes
        // the client had not read yet): the client always holds the half, then sees the body end too soon.
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.end());
        return;
      }
      res.end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
