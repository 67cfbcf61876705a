import type { components } from '@mlhub/sdk';
// The sdk's tests read the spec's examples too; a test-only path import, nothing published depends on it.
import { hubExample } from '../../sdk/test/spec-examples.js';

type Schemas = components['schemas'];

// The spec's own examples (see hubExample); the rest is typed from the spec so a contract change breaks tsc.
export const modelEnvelope = (): Schemas['ModelEnvelope'] => hubExample('ModelFlanT5Small');
export const modelListPage = (): Schemas['ModelListEnvelope'] => hubExample('ModelListPage');
export const datasetEnvelope = (): Schemas['DatasetEnvelope'] => hubExample('DatasetGsm8k');
export const datasetListPage = (): Schemas['DatasetListEnvelope'] => hubExample('DatasetListPage');

const meta = (requestId = 'req-test') => ({ requestId });

export function success<T>(result: T, message = 'OK') {
  return { status: 'success' as const, message, version: '1.0.0', result, metadata: meta() };
}

export function failure(code: string, message: string, requestId: string) {
  return { status: 'error' as const, message, version: '1.0.0', result: null, metadata: { code, requestId } };
}

export const modelFacets: Schemas['ModelFacets'] = {
  task: [
    { value: 'text-generation', count: 7 },
    { value: 'fill-mask', count: 3 },
  ],
  library: [{ value: 'transformers', count: 9 }],
  language: [{ value: 'en', count: 8 }],
  license: [{ value: 'apache-2.0', count: 6 }],
};

export const datasetFacets: Schemas['DatasetFacets'] = {
  task: [{ value: 'text2text-generation', count: 2 }],
  size: [{ value: '1K<n<10K', count: 2 }],
  language: [{ value: 'en', count: 4 }],
  license: [{ value: 'mit', count: 3 }],
};

export function card(
  id: string,
  text: string,
  metadata: Record<string, unknown> = { license: 'apache-2.0', language: ['en', 'de'] },
): Schemas['Card'] {
  return { id, sha: 'abc123', metadata, text, sections: { present: [], missing: [] } };
}

export function repoFiles(id: string): Schemas['RepoFiles'] {
  return {
    id,
    sha: 'abc123',
    files: [
      { path: 'config.json', size: 1404, oid: 'o1', lfs: null },
      { path: 'model.safetensors', size: 134, oid: 'o2', lfs: { oid: 'l2', size: 307_867_048 } },
    ],
  };
}

export function download(id: string, source: Schemas['SourceName'] = 'huggingface'): Schemas['Download'] {
  return {
    id,
    sha: 'abc123',
    files: ['config.json', 'model.safetensors'].map((path) => ({
      path,
      size: 1404,
      url:
        source === 'store'
          ? `http://hub.test/v3/mlhub/models/${encodeURIComponent(id)}/resolve?path=${path}`
          : `https://huggingface.co/${id}/resolve/abc123/${path}`,
      source,
      sha256: null,
    })),
  };
}

export function server(overrides: Partial<Schemas['InferenceServer']> = {}): Schemas['InferenceServer'] {
  return {
    id: 'srv-7f3a9c',
    modelId: 'google/flan-t5-small',
    state: 'running',
    backend: 'local',
    endpoint: 'http://127.0.0.1:41234',
    message: null,
    createdBy: 'alice',
    createdAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function serverList(servers: Array<Schemas['InferenceServer']>): Schemas['InferenceServerListEnvelope'] {
  return {
    ...success(servers),
    metadata: { requestId: 'req-servers', limit: 100, total: servers.length, nextCursor: null, partial: false, sources: [] },
  };
}
