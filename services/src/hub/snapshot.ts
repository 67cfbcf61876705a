// What the offline snapshot's build (`scripts/src/catalog/`) shares with the hub (`@mlhub/services/snapshot`):
// the record types the hub reads and the normalisers that turn Hugging Face API bodies into them, so the
// snapshot and the live source say the same thing.
export {
  SNAPSHOT_FILES,
  type CardProvenance,
  type SnapshotCards,
  type DatasetRecord,
  type ModelRecord,
  type RepoFileRecord,
  type Snapshot,
  type SnapshotAliases,
  type SnapshotInput,
  type SnapshotMeta,
} from './catalog/records.js';
export type { ApiBody, ApiDatasetBody, ApiModelBody, ApiSibling, ApiTreeEntry } from './catalog/normalise/api-bodies.js';
export { datasetFromApiBody } from './catalog/normalise/dataset.js';
export { filesFromSiblings, filesFromTree } from './catalog/normalise/files.js';
export { gatedOf } from './catalog/normalise/gated.js';
export { apiBodyFromLibraryEntry } from './catalog/normalise/library-entry.js';
export { modelFromApiBody } from './catalog/normalise/model.js';
export { mapText2Text } from './catalog/normalise/text2text.js';
export { tagValues } from './catalog/normalise/values.js';
