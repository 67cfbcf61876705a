// `model_sha` of GET /info. TGI reports the commit the model's files came from; a pulled folder records it. A
// folder put into the store by hand has no commit, so it gets a digest that changes when its files do, without
// reading the weights (hundreds of MB at every start): config.json's bytes and every file's path and size.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { recordedCommit, STORE_METADATA_FILE } from '../common/index.js';

/** Folders that are no part of the model (a git checkout's, the runtime's caches). */
const SKIP = new Set(['.git', '.cache']);

/** The files of a folder as `path size`, sorted so that the digest does not depend on the directory order. */
function fileList(dir: string, prefix = ''): string[] {
  const lines: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) lines.push(...fileList(path.join(dir, entry.name), rel));
    } else if (rel !== STORE_METADATA_FILE) {
      const info = statSync(path.join(dir, entry.name), { throwIfNoEntry: false });
      if (info?.isFile()) lines.push(`${rel} ${info.size}`);
    }
  }
  return lines.sort();
}

/**
 * The commit recorded for the model folder (40 hex digits), else the hex sha256 (64 digits) of its config.json
 * and its file list with sizes; null when the folder cannot be read.
 */
export function modelSha(dir: string): string | null {
  const commit = recordedCommit(dir);
  if (commit !== null) return commit;
  try {
    const hash = createHash('sha256');
    hash.update(readFileSync(path.join(dir, 'config.json')));
    for (const line of fileList(dir)) hash.update(`\n${line}`);
    return hash.digest('hex');
  } catch {
    return null;
  }
}
