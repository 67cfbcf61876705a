import type { components } from '../src/generated/hub.js';
import { hubExample } from './spec-examples.js';

type Schemas = components['schemas'];

export const modelEnvelope = hubExample<Schemas['ModelEnvelope']>('ModelFlanT5Small');
export const modelListPage = hubExample<Schemas['ModelListEnvelope']>('ModelListPage');

/** A model summary with another id, to build pages of distinct models. */
export function modelSummary(id: string): Schemas['ModelSummary'] {
  const first = modelListPage.result[0];
  if (!first) throw new Error('ModelListPage example has no model');
  return { ...structuredClone(first), id, author: id.includes('/') ? (id.split('/')[0] ?? null) : null };
}
