import type { RepoFileRecord } from '@mlhub/services/snapshot';

/**
 * Fills unknown sizes, oids and LFS pointers of `files` from a capture of the same repository at the same
 * commit (a tree listing or a `blobs=true` body). Only a capture pinned to the record's sha may speak for
 * it: a file's size at another commit is not its size here.
 */
export function enrichFiles(files: RepoFileRecord[] | null, known: RepoFileRecord[] | undefined): RepoFileRecord[] | null {
  if (files === null || known === undefined) return files;
  const byPath = new Map(known.map((f) => [f.path, f]));
  return files.map((f) => {
    const k = byPath.get(f.path);
    if (!k) return f;
    return { path: f.path, size: f.size ?? k.size, oid: f.oid ?? k.oid, lfs: f.lfs ?? k.lfs };
  });
}
