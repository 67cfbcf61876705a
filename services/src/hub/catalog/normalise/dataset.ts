import type { DatasetRecord } from '../records.js';
import type { SourceName } from '../types.js';
import type { ApiBody } from './api-bodies.js';
import { filesFromSiblings } from './files.js';
import { gatedOf } from './gated.js';
import { date, firstString, namespaceOf, num, obj, str, strings, tagOrCard, tagValues } from './values.js';

/** A dataset record as `source` holds it; with `'snapshot'` exactly the snapshot's `DatasetRecord`. */
export type DatasetFrom<S extends SourceName> = Omit<DatasetRecord, 'source'> & { source: S };

/**
 * One dataset body (`GET /api/datasets/{id}` or a list item) as a catalog record; shared by the hub's Hugging
 * Face source, the snapshot build and the mirror. Fields that a tag and the card both give follow `tagOrCard`
 * (the Hub's tag first). `null` for a body without an id.
 */
export function datasetFromApiBody<S extends SourceName>(body: ApiBody, source: S): DatasetFrom<S> | null {
  const id = str(body.id);
  if (id === null) return null;
  const tags = strings(body.tags);
  const card = obj(body.cardData);
  const paperswithcode = str(body.paperswithcode_id) ?? firstString(card?.paperswithcode_id);
  return {
    id,
    author: str(body.author) ?? namespaceOf(id),
    source,
    tags,
    languages: tagOrCard(tags, 'language', card?.language),
    license: tagOrCard(tags, 'license', card?.license)[0] ?? null,
    taskCategories: tagOrCard(tags, 'task_categories', card?.task_categories),
    sizeCategories: tagOrCard(tags, 'size_categories', card?.size_categories),
    benchmarks: paperswithcode !== null ? [paperswithcode] : tagValues(tags, 'benchmark'),
    downloads: num(body.downloads) ?? 0,
    // Absent from the body is unknown, not zero (the record keeps `null` for that; answers show 0).
    likes: num(body.likes),
    trendingScore: num(body.trendingScore),
    createdAt: date(body.createdAt),
    lastModified: date(body.lastModified),
    gated: gatedOf(body.gated),
    private: body.private === true,
    // Recorded bodies replace the card prose with a marker (the build drops it); a real one is the card's summary.
    description: str(body.description),
    requestedId: null,
    sha: str(body.sha),
    cardData: card,
    files: filesFromSiblings(body.siblings),
  };
}
