import type { RepoFileRecord } from '../records.js';
import type { ApiTreeEntry } from './api-bodies.js';
import { num, obj, str } from './values.js';

/**
 * `siblings` of an API body as file records; sizes, oids and LFS pointers only when the body was asked with
 * `blobs=true`. `null` when the body lists no siblings at all (a list item), entries without a name are skipped.
 */
export function filesFromSiblings(siblings: unknown): RepoFileRecord[] | null {
  if (!Array.isArray(siblings)) return null;
  const files: RepoFileRecord[] = [];
  for (const s of siblings) {
    const sibling = obj(s);
    const path = str(sibling?.rfilename);
    if (sibling === null || path === null) continue;
    const lfs = obj(sibling.lfs);
    files.push({
      path,
      size: num(sibling.size),
      oid: str(sibling.blobId),
      lfs: lfsPointer(str(lfs?.sha256) ?? str(lfs?.oid), num(lfs?.size), num(lfs?.pointerSize)),
    });
  }
  return files;
}

/** One tree entry as a file record (the caller drops directories). */
export function fileFromTreeEntry(entry: ApiTreeEntry): RepoFileRecord {
  return {
    path: entry.path,
    size: entry.size,
    oid: entry.oid ?? null,
    lfs: entry.lfs ? lfsPointer(entry.lfs.oid, entry.lfs.size, entry.lfs.pointerSize ?? null) : null,
  };
}

/** Entries of `GET /api/{kind}s/{id}/tree/{sha}` as file records, directories dropped. */
export const filesFromTree = (entries: readonly ApiTreeEntry[]): RepoFileRecord[] =>
  entries.filter((e) => e.type === 'file').map(fileFromTreeEntry);

function lfsPointer(oid: string | null, size: number | null, pointerSize: number | null): RepoFileRecord['lfs'] {
  if (oid === null || size === null) return null;
  return pointerSize === null ? { oid, size } : { oid, size, pointerSize };
}
