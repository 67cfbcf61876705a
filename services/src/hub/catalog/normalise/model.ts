import type { ModelRecord } from '../records.js';
import type { SourceName } from '../types.js';
import type { ApiBody } from './api-bodies.js';
import { filesFromSiblings } from './files.js';
import { gatedOf } from './gated.js';
import { languageTags } from './languages.js';
import { mapText2Text } from './text2text.js';
import { date, namespaceOf, num, obj, str, strings, tagOrCard, tagValues } from './values.js';

/** A model record as `source` holds it; with `'snapshot'` exactly the snapshot's `ModelRecord`. */
export type ModelFrom<S extends SourceName> = Omit<ModelRecord, 'source'> & { source: S };

/**
 * One model body (`GET /api/models/{id}` or a list item) as a catalog record. The hub's Hugging Face source,
 * the snapshot build (recorded bodies) and the mirror (bodies from a live hub) all go through here, so a record
 * means the same whichever way it was made. `null` for a body without an id.
 */
export function modelFromApiBody<S extends SourceName>(body: ApiBody, source: S): ModelFrom<S> | null {
  const id = str(body.id) ?? str(body.modelId);
  if (id === null) return null;
  const tags = strings(body.tags);
  const card = obj(body.cardData);
  const config = obj(body.config);
  const transformersInfo = obj(body.transformersInfo);
  const modelType = str(config?.model_type);
  const architectures = strings(config?.architectures);
  const cardLanguages = strings(card?.language);
  const task = mapText2Text({
    // Some answers carry the task only in `transformersInfo` (the recorded FLAN-T5 bodies do).
    pipelineTag: str(body.pipeline_tag) ?? str(transformersInfo?.pipeline_tag),
    tags,
    modelType,
    architectures,
    transformersPipeline: str(transformersInfo?.pipeline_tag),
    autoModel: str(transformersInfo?.auto_model),
  });
  return {
    id,
    author: str(body.author) ?? namespaceOf(id),
    source,
    pipelineTag: task.pipelineTag,
    library: str(body.library_name),
    tags: task.tags,
    // Hugging Face writes a model's languages as bare codes, not `language:` tags: the card is the clearer source.
    languages: cardLanguages.length > 0 ? cardLanguages : languageTags(tags),
    license: tagOrCard(tags, 'license', card?.license)[0] ?? null,
    datasets: tagValues(tags, 'dataset'),
    downloads: num(body.downloads) ?? 0,
    likes: num(body.likes) ?? 0,
    trendingScore: num(body.trendingScore),
    createdAt: date(body.createdAt),
    lastModified: date(body.lastModified),
    gated: gatedOf(body.gated) ?? false,
    private: body.private === true,
    servable: false,
    parameters: num(obj(body.safetensors)?.total),
    storageBytes: num(body.usedStorage),
    baseModel: tagOrCard(tags, 'base_model', card?.base_model)[0] ?? null,
    requestedId: null,
    sha: str(body.sha),
    modelType,
    architectures,
    cardData: card,
    files: filesFromSiblings(body.siblings),
  };
}
