// The metadata file of a model-store folder, shared by the hub (which reads it for the catalog and writes the
// commit when it pulls) and the inference server (which reports that commit as `model_sha`).
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Per-repository metadata next to the files: a site may write any card field there (each overrides the card);
 * a pull writes `sha` (the commit it came from) and `revision` (what was asked).
 */
export const STORE_METADATA_FILE = '.mlhub.json';

/** A git commit id, as Hugging Face names revisions. */
export const isCommitSha = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{40}$/.test(value);

/** The commit parsed metadata records (a pull writes it; a site's own folder has none), or null. */
export function commitOf(meta: { sha?: unknown } | null | undefined): string | null {
  return isCommitSha(meta?.sha) ? meta.sha : null;
}

/** The commit the folder's metadata records, or null (no file, unreadable, no `sha`). */
export function recordedCommit(dir: string): string | null {
  try {
    return commitOf(JSON.parse(readFileSync(path.join(dir, STORE_METADATA_FILE), 'utf8')) as { sha?: unknown } | null);
  } catch {
    return null;
  }
}
