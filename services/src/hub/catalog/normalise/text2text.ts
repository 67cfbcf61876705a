/**
 * Hugging Face dropped `text2text-generation` as a top-level task in 2025 and now tags FLAN-T5 / T5 repos
 * `text-generation`, while the model is still an encoder-decoder that transformers (and our inference
 * servers) run through the text2text pipeline. The catalog (live Hugging Face answers and the snapshot alike)
 * keeps `text2text-generation` as the pipeline of such repos, because that is how they must be served, and
 * records both tasks in `tags`, so a `task=text-generation` filter (Hugging Face's view) finds them as well as
 * `task=text2text-generation`.
 */
const T5_FAMILY = new Set(['t5', 'mt5', 'umt5', 'longt5']);

export const TEXT2TEXT = 'text2text-generation';
export const TEXT_GENERATION = 'text-generation';

export interface PipelineEvidence {
  pipelineTag: string | null;
  tags: string[];
  /** `config.model_type`, when the body has a config. */
  modelType: string | null;
  architectures: string[];
  /** `transformersInfo.pipeline_tag` / `.auto_model`, when the body has them. */
  transformersPipeline: string | null;
  autoModel: string | null;
}

/** A T5-family repo that transformers runs as text-to-text (seq2seq LM head). */
function isT5Text2Text(e: PipelineEvidence): boolean {
  const t5 = e.modelType !== null ? T5_FAMILY.has(e.modelType) : e.tags.some((t) => T5_FAMILY.has(t));
  if (!t5) return false;
  return (
    e.transformersPipeline === TEXT2TEXT ||
    e.autoModel === 'AutoModelForSeq2SeqLM' ||
    e.architectures.some((a) => /^(M|UM|Long)?T5ForConditionalGeneration$/.test(a)) ||
    e.tags.includes(TEXT2TEXT)
  );
}

/**
 * The pipeline and tags the catalog records. A more specific pipeline the Hub chose (t5-small's
 * `translation`) is kept; only a missing one or the 2025 `text-generation` relabel becomes text2text.
 */
export function mapText2Text(e: PipelineEvidence): { pipelineTag: string | null; tags: string[] } {
  if (!isT5Text2Text(e)) return { pipelineTag: e.pipelineTag, tags: e.tags };
  const pipelineTag = e.pipelineTag === null || e.pipelineTag === TEXT_GENERATION ? TEXT2TEXT : e.pipelineTag;
  const tags = [...e.tags];
  for (const t of [TEXT2TEXT, TEXT_GENERATION]) if (!tags.includes(t)) tags.push(t);
  return { pipelineTag, tags };
}

/**
 * The task values a `task` filter finds: `text-generation` (the parent task) finds the text-to-text models
 * filed under `text2text-generation` too, while `text2text-generation` finds only them, not every chat model.
 */
export function tasksMatching(task: string): string[] {
  return task.toLowerCase() === TEXT_GENERATION ? [TEXT_GENERATION, TEXT2TEXT] : [task];
}

/** The `pipeline_tag` to ask Hugging Face for: it files FLAN-T5 under `text-generation` since 2025. */
export function upstreamTask(task: string): string {
  return task === TEXT2TEXT ? TEXT_GENERATION : task;
}

/** The task a pre-2025 client expects: `text2text-generation` for a T5 text-to-text model labelled `text-generation`. */
export function pre2025Task(pipelineTag: string | null, tags: readonly string[]): string | null {
  if (pipelineTag === TEXT_GENERATION && (tags.includes(TEXT2TEXT) || tags.includes('t5'))) return TEXT2TEXT;
  return pipelineTag;
}

const SERVABLE_TASKS = new Set([TEXT2TEXT, TEXT_GENERATION]);

/**
 * Whether our FLAN-T5 inference server can run the model: a T5 encoder-decoder (`model_type` t5,
 * `T5ForConditionalGeneration`) used text-to-text. The pipeline may read `text-generation`: Hugging Face
 * retagged FLAN-T5 that way in 2025. Records without a config (the top-500 ranking) count by their `t5` tag.
 */
export function isServable(record: {
  modelType: string | null;
  architectures: readonly string[];
  pipelineTag: string | null;
  tags: readonly string[];
}): boolean {
  const t5 =
    record.modelType !== null
      ? record.modelType === 't5'
      : record.architectures.includes('T5ForConditionalGeneration') || record.tags.includes('t5');
  const archOk = record.architectures.length === 0 || record.architectures.includes('T5ForConditionalGeneration');
  return t5 && archOk && record.pipelineTag !== null && SERVABLE_TASKS.has(record.pipelineTag);
}
