import type { ApiBody } from './api-bodies.js';

/**
 * An entry of `@huggingface/hub` (`listModels`, `modelInfo`, `listDatasets`, `datasetInfo`) back in the API's
 * own key names, so one normaliser reads recorded bodies and live answers alike. The library renames `_id` to
 * `id`, `id` to `name`, `pipeline_tag` to `task`, `lastModified` to a `Date` `updatedAt`, and reduces
 * `siblings` to `filePaths`; every other key it was asked for (`additionalFields`) it passes through unchanged.
 */
export function apiBodyFromLibraryEntry(entry: object): ApiBody {
  const { id, name, task, updatedAt, filePaths, ...rest } = entry as Record<string, unknown>;
  const body: Record<string, unknown> = { ...rest, _id: id, id: name };
  if (task !== undefined) body.pipeline_tag = task;
  if (updatedAt instanceof Date && !Number.isNaN(updatedAt.getTime())) body.lastModified = updatedAt.toISOString();
  if (Array.isArray(filePaths)) body.siblings = filePaths.map((rfilename: unknown) => ({ rfilename }));
  return body;
}
