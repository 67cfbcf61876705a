import { MODEL_LIBRARIES_UI_ELEMENTS, type LibraryUiElement, type ModelData } from '@huggingface/tasks';
import type { Snippet } from '@mlhub/sdk';
import type { ModelDetails } from './catalog/types.js';
import { encodeRepoId } from './ids.js';
import { TEXT2TEXT, TEXT_GENERATION } from './catalog/normalise/text2text.js';

/** How transformers loads a model: Hugging Face's `transformersInfo`, derived where a source lacks it. */
export interface TransformersInfo {
  auto_model: string;
  pipeline_tag: string | null;
  processor: string;
}

// Hugging Face computes `transformersInfo` from the config; sources that only know the task and the
// architecture (the snapshot, the store) get the same answer from the task, as transformers' pipelines map it.
const AUTO_MODEL_BY_TASK: Record<string, string> = {
  [TEXT2TEXT]: 'AutoModelForSeq2SeqLM',
  summarization: 'AutoModelForSeq2SeqLM',
  translation: 'AutoModelForSeq2SeqLM',
  [TEXT_GENERATION]: 'AutoModelForCausalLM',
  'fill-mask': 'AutoModelForMaskedLM',
  'text-classification': 'AutoModelForSequenceClassification',
  'zero-shot-classification': 'AutoModelForSequenceClassification',
  'token-classification': 'AutoModelForTokenClassification',
  'question-answering': 'AutoModelForQuestionAnswering',
  'feature-extraction': 'AutoModel',
  'sentence-similarity': 'AutoModel',
  'image-classification': 'AutoModelForImageClassification',
  'object-detection': 'AutoModelForObjectDetection',
  'image-segmentation': 'AutoModelForImageSegmentation',
  'automatic-speech-recognition': 'AutoModelForSpeechSeq2Seq',
  'audio-classification': 'AutoModelForAudioClassification',
  'image-text-to-text': 'AutoModelForImageTextToText',
};
const IMAGE_TASKS = new Set(['image-classification', 'object-detection', 'image-segmentation']);
const PROCESSOR_TASKS = new Set(['automatic-speech-recognition', 'audio-classification', 'image-text-to-text']);
// Encoder-decoder model types load as Seq2Seq even where Hugging Face now files them under `text-generation`.
const SEQ2SEQ_TYPES = new Set(['t5', 'mt5', 'umt5', 'bart', 'mbart', 'pegasus', 'marian', 'longt5', 'switch_transformers']);

export function transformersInfoOf(model: Pick<ModelDetails, 'pipelineTag' | 'modelType'>): TransformersInfo {
  const task = model.pipelineTag;
  let autoModel = (task && AUTO_MODEL_BY_TASK[task]) ?? 'AutoModel';
  if (model.modelType && SEQ2SEQ_TYPES.has(model.modelType) && (task === TEXT_GENERATION || task === null)) {
    autoModel = 'AutoModelForSeq2SeqLM';
  }
  const processor =
    task && IMAGE_TASKS.has(task) ? 'AutoImageProcessor' : task && PROCESSOR_TASKS.has(task) ? 'AutoProcessor' : 'AutoTokenizer';
  return { auto_model: autoModel, pipeline_tag: task, processor };
}

const UNKNOWN = /Type of model unknown/;

function languageOf(library: string, content: string): string {
  if (library === 'transformers.js') return 'js';
  if (/^(pip|git|huggingface-cli|hf |docker|curl|brew|npx|wget|ollama|llama-)/m.test(content.trimStart())) return 'sh';
  return 'python';
}

/**
 * "Use this model" snippets: `@huggingface/tasks`' library snippets for the model's library and for any
 * other library its tags name, then one for `@mlhub/sdk` and one for curl against this hub (`baseUrl`).
 */
export function modelSnippets(model: ModelDetails, baseUrl: string): Snippet[] {
  const libraries = [...new Set([model.library, ...model.tags].filter((l): l is string => typeof l === 'string'))].filter((l) =>
    Object.hasOwn(MODEL_LIBRARIES_UI_ELEMENTS, l),
  );
  const data: ModelData = {
    id: model.id,
    inference: '',
    private: model.private,
    tags: model.tags,
    ...(model.pipelineTag ? { pipeline_tag: model.pipelineTag as ModelData['pipeline_tag'] } : {}),
    ...(model.library ? { library_name: model.library } : {}),
    config: { architectures: model.architectures, ...(model.modelType ? { model_type: model.modelType } : {}) },
    transformersInfo: transformersInfoOf(model),
    cardData: model.cardData,
  } as ModelData;
  const out: Snippet[] = [];
  for (const library of libraries) {
    const element = (MODEL_LIBRARIES_UI_ELEMENTS as Record<string, LibraryUiElement>)[library];
    if (!element?.snippets) continue;
    let contents: string[];
    try {
      contents = element.snippets(data);
    } catch {
      // A library's snippet function that needs fields no source gave is skipped, not a 500.
      continue;
    }
    contents
      .filter((content) => content.trim() !== '' && !UNKNOWN.test(content))
      .forEach((content, index) => {
        out.push({
          id: index === 0 ? library : `${library}-${index + 1}`,
          title: element.prettyLabel,
          language: languageOf(library, content),
          content,
        });
      });
  }
  const base = baseUrl.replace(/\/+$/, '');
  out.push({
    id: 'mlhub-sdk',
    title: 'ML Hub SDK (@mlhub/sdk)',
    language: 'js',
    content: [
      "import { createMlHubClient, unwrap } from '@mlhub/sdk';",
      '',
      `const hub = createMlHubClient({ baseUrl: ${JSON.stringify(base)}, token: process.env.TAPIS_TOKEN });`,
      `const model = unwrap(await hub.GET('/v3/mlhub/models/{modelId}', { params: { path: { modelId: ${JSON.stringify(model.id)} } } }));`,
      'console.log(model.pipelineTag, model.downloads);',
    ].join('\n'),
  });
  out.push({
    id: 'curl',
    title: 'curl (ML Hub)',
    language: 'sh',
    content: `curl -H "X-Tapis-Token: $TAPIS_TOKEN" ${base}/v3/mlhub/models/${encodeRepoId(model.id)}`,
  });
  return out;
}
