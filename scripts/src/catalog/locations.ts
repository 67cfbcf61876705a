import path from 'node:path';
import { repoRoot } from '../spec/paths.js';

/** The recorded data (`SOURCES.md` and its folders), beside the checkout; `CATALOG_DATA_DIR` overrides. */
export const defaultDataDir = process.env.CATALOG_DATA_DIR ?? path.join(repoRoot, '..', 'shared', 'data');

/** The snapshot the hub ships and loads by default. */
export const defaultSnapshotOutDir = path.join(repoRoot, 'services', 'catalog');
