import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setupServer } from 'msw/node';
import { datasetFromApiBody } from '../../../src/hub/catalog/normalise/dataset.js';
import { modelFromApiBody } from '../../../src/hub/catalog/normalise/model.js';
import { HuggingFaceSource } from '../../../src/hub/sources/huggingface.js';
import { DATASET_BODIES, happyHandlers, Hits, HUB, listItem, MODEL_BODIES } from './hf-fixtures.js';

const server = setupServer(...happyHandlers(new Hits()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const body = (id: string) => {
  const found = MODEL_BODIES[id] ?? DATASET_BODIES[id];
  if (!found) throw new Error(`no recorded body for ${id}`);
  return found;
};
const model = (raw: Record<string, unknown>) => modelFromApiBody(raw, 'snapshot');
const dataset = (raw: Record<string, unknown>) => datasetFromApiBody(raw, 'snapshot');
const withoutTags = (raw: Record<string, unknown>, prefix: string) => ({
  ...raw,
  tags: (raw.tags as string[]).filter((t) => !t.startsWith(prefix)),
});

describe('one normaliser for the hub and the snapshot', () => {
  it('gives the live Hugging Face source the record the snapshot build makes from the same body', async () => {
    const source = new HuggingFaceSource({ hubUrl: HUB, fetch: (r, i) => globalThis.fetch(r, i) });
    for (const id of ['google/flan-t5-small', 'meta-llama/Llama-3.1-8B-Instruct', 'openai-community/gpt2', 'Qwen/Qwen3-0.6B']) {
      expect(await source.model(id)).toEqual({ ...model(body(id)), source: 'huggingface' });
    }
    // The hub lists a dataset's files from its tree, so its details ask for no siblings.
    expect(await source.dataset('openai/gsm8k')).toEqual({ ...dataset(body('openai/gsm8k')), source: 'huggingface', files: null });
  });
});

describe('fields that a Hub tag and the card both give: the tag wins', () => {
  it("reads a dataset's size from the Hub's size_categories tag, not the card's claim", () => {
    const gsm8k = body('openai/gsm8k');
    expect((gsm8k.cardData as { size_categories: string[] }).size_categories).toEqual(['1K<n<10K']);
    expect(dataset(gsm8k)?.sizeCategories).toEqual(['10K<n<100K']);
    expect(dataset(withoutTags(gsm8k, 'size_categories:'))?.sizeCategories).toEqual(['1K<n<10K']);
  });

  it('takes task categories from the card where the Hub has no tag for them (text2text-generation since 2025)', () => {
    expect(dataset(body('openai/gsm8k'))?.taskCategories).toEqual(['text2text-generation']);
  });

  it('names the base model the Hub resolved, not the renamed id the card still holds', () => {
    const llama = body('meta-llama/Llama-3.1-8B-Instruct');
    expect((llama.cardData as { base_model: string }).base_model).toBe('meta-llama/Meta-Llama-3.1-8B');
    expect(model(llama)?.baseModel).toBe('meta-llama/Llama-3.1-8B');
  });
});

describe('gated', () => {
  it('keeps what the live API says and reads a bare true as "manual"', () => {
    const llama = body('meta-llama/Llama-3.1-8B-Instruct');
    expect(model(llama)?.gated).toBe('manual');
    expect(model({ ...llama, gated: 'auto' })?.gated).toBe('auto');
    expect(model({ ...llama, gated: true })?.gated).toBe('manual');
    expect(model({ ...llama, gated: false })?.gated).toBe(false);
  });

  it('leaves a dataset whose body does not say as unknown, and a model as not gated', () => {
    const { gated: _dataset, ...gsm8k } = body('openai/gsm8k');
    const { gated: _model, ...gpt2 } = body('openai-community/gpt2');
    expect(dataset(gsm8k)?.gated).toBeNull();
    expect(model(gpt2)?.gated).toBe(false);
  });
});

describe('FLAN-T5 and the 2025 text-generation retag', () => {
  it('files a T5 text-to-text list item labelled text-generation under text2text-generation, findable by both', () => {
    const retagged = { ...listItem(body('google/flan-t5-small')), pipeline_tag: 'text-generation' };
    const flan = model(retagged);
    expect(flan?.pipelineTag).toBe('text2text-generation');
    expect(flan?.tags).toEqual(expect.arrayContaining(['text2text-generation', 'text-generation']));
  });

  it('keeps a more precise task the Hub chose, and leaves decoder-only models alone', () => {
    expect(model(body('google-t5/t5-small'))?.pipelineTag).toBe('translation');
    const gpt2 = model(body('openai-community/gpt2'));
    expect(gpt2?.pipelineTag).toBe('text-generation');
    expect(gpt2?.tags).not.toContain('text2text-generation');
  });

  it('gives no record for a body without an id', () => {
    expect(model({ tags: ['t5'] })).toBeNull();
    expect(dataset({ tags: [] })).toBeNull();
  });
});
