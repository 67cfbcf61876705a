import { readFileSync } from 'node:fs';
import type { components } from '../src/generated/hub.js';

type Schemas = components['schemas'];

// The spec's own examples (checked against their schemas by the contract checks) are built from the
// recorded Hugging Face answers in ../shared/data; answering with them keeps these tests on real shapes.
const spec = JSON.parse(readFileSync(new URL('../../openapi/dist/hub.openapi.json', import.meta.url), 'utf8')) as {
  components: { examples: Record<string, { value: unknown }> };
};

function example<T>(name: string): T {
  const found = spec.components.examples[name];
  if (!found) throw new Error(`The hub spec has no example ${name}`);
  return structuredClone(found.value) as T;
}

export const modelEnvelope = example<Schemas['ModelEnvelope']>('ModelFlanT5Small');
export const modelListPage = example<Schemas['ModelListEnvelope']>('ModelListPage');

/** A model summary with another id, to build pages of distinct models. */
export function modelSummary(id: string): Schemas['ModelSummary'] {
  const first = modelListPage.result[0];
  if (!first) throw new Error('ModelListPage example has no model');
  return { ...structuredClone(first), id, author: id.includes('/') ? (id.split('/')[0] ?? null) : null };
}
