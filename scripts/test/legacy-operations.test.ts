import { describe, expect, it } from '@jest/globals';
import { checkExamples } from '../src/contract/examples.js';
import { isObject, operationsOf } from '../src/contract/json.js';
import {
  callsInClientSource,
  compareOperations,
  legacyClientCalls,
  legacyClientOperations,
  legacyOperationId,
  legacySpecOperations,
  normaliseToSpec,
  readBundledHubSpec,
  specLegacyOperations,
} from '../src/contract/legacy-operations.js';

const spec = readBundledHubSpec();

describe('the legacy /v3/ml-hub API of the hub spec', () => {
  it('reads every call of the published models 0.0.2 and datasets 0.0.1 clients', () => {
    const calls = legacyClientCalls();
    // 11 ModelsApi methods + 9 DatasetsApi methods: the frozen surface we promise to keep serving.
    expect(calls).toHaveLength(20);
    expect(legacyClientOperations()).toContain('GET /v3/ml-hub/models/{modelId}/inference');
    expect(legacyClientOperations()).toContain('GET /v3/ml-hub/datasets/size-categories/{sizeCategory}');
    expect(calls.find((c) => c.operation === 'GET /v3/ml-hub/search/{query}/models')?.clientMethod).toBe('listModelsByQuery');
  });

  it('holds exactly the operations the published clients call, besides the marked older shapes', () => {
    const clientOps = legacyClientOperations();
    const specOps = specLegacyOperations(spec);
    expect(compareOperations(clientOps, specOps)).toEqual({ missingFromSpec: [], notCalledByClients: [] });
    expect([...normaliseToSpec(clientOps, specOps)].sort()).toEqual([...specOps].sort());
  });

  it('names each operation after the client method, deprecated and tagged as legacy', () => {
    const byOperation = new Map(legacySpecOperations(spec).map((op) => [op.operation, op]));
    for (const call of legacyClientCalls()) {
      const op = byOperation.get(call.operation);
      expect({ call: call.operation, operationId: op?.operationId }).toEqual({
        call: call.operation,
        operationId: legacyOperationId(call.clientMethod),
      });
      expect(op?.definition.deprecated).toBe(true);
      const tag = call.file.includes('mlhub-models') ? 'Legacy models' : 'Legacy datasets';
      expect(op?.definition.tags).toEqual([tag]);
    }
  });

  it('keeps the older 0.0.1 path shapes, deprecated, each answering like its current twin', () => {
    const older = legacySpecOperations(spec).filter((op) => op.older);
    expect(older.map((op) => op.operation).sort()).toEqual([
      'GET /v3/ml-hub/authors/{authorId}/models',
      'GET /v3/ml-hub/languages/{languageName}/models',
      'GET /v3/ml-hub/libraries/{libraryName}/models',
      'GET /v3/ml-hub/tasks/{taskType}/models',
      'GET /v3/ml-hub/trained_datasets/{dataset}/models',
    ]);
    const current = new Map(legacySpecOperations(spec).map((op) => [op.operationId, op]));
    for (const op of older) {
      expect(op.definition.deprecated).toBe(true);
      const twin = current.get(String(op.operationId).replace(/Old$/, ''));
      expect(twin?.older).toBe(false);
      const responses = (o: typeof op | undefined) => (isObject(o?.definition.responses) ? o.definition.responses['200'] : undefined);
      expect(responses(op)).toEqual(responses(twin));
    }
  });

  it('gives every legacy operation the shared error answers and an operationId unique in the document', () => {
    for (const op of legacySpecOperations(spec)) {
      const responses = op.definition.responses as Record<string, unknown>;
      for (const status of ['200', '400', '401', '404', '500', '502', '503', '504']) {
        expect({ op: op.operation, status, present: status in responses }).toEqual({ op: op.operation, status, present: true });
      }
    }
    const ids = operationsOf(spec).map((op) => op.operation.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('has examples that validate against the legacy schemas', () => {
    const { problems } = checkExamples(spec);
    expect(problems.filter((p) => p.includes('/v3/ml-hub/') || p.includes('Legacy'))).toEqual([]);
  });
});

describe('the legacy operation comparison', () => {
  const clientSource = `
    async getModelRaw(requestParameters: GetModelRequest, initOverrides?: RequestInit): Promise<runtime.ApiResponse<RespModel>> {
        const response = await this.request({
            path: \`/v3/ml-hub/models/{modelId}\`.replace(\`{\${"modelId"}}\`, encodeURIComponent(String(requestParameters.modelId))),
            method: 'GET',
            headers: headerParameters,
        }, initOverrides);
    }
    async listModelsRaw(initOverrides?: RequestInit): Promise<runtime.ApiResponse<RespModelsObject>> {
        const response = await this.request({
            path: \`/v3/ml-hub/models\`,
            method: 'GET',
        }, initOverrides);
    }`;

  it('reads method, path and client method from generated code', () => {
    expect(callsInClientSource(clientSource)).toEqual([
      { operation: 'GET /v3/ml-hub/models/{modelId}', clientMethod: 'getModel', file: '<source>' },
      { operation: 'GET /v3/ml-hub/models', clientMethod: 'listModels', file: '<source>' },
    ]);
  });

  it('reports an operation the spec dropped, and one no client calls', () => {
    const clientOps = legacyClientOperations();
    const dropped = 'GET /v3/ml-hub/dataset_card/{datasetId}';
    const specOps = new Set(specLegacyOperations(spec));
    specOps.delete(dropped);
    specOps.add('DELETE /v3/ml-hub/models/{modelId}');
    expect(compareOperations(clientOps, specOps)).toEqual({
      missingFromSpec: [dropped],
      notCalledByClients: ['DELETE /v3/ml-hub/models/{modelId}'],
    });
  });

  it('matches by path shape, so renaming a path parameter is not a difference', () => {
    const spec = ['GET /v3/ml-hub/models/{id}'];
    expect(compareOperations(['GET /v3/ml-hub/models/{modelId}'], spec)).toEqual({ missingFromSpec: [], notCalledByClients: [] });
    expect([...normaliseToSpec(['GET /v3/ml-hub/models/{modelId}'], spec)]).toEqual(spec);
    expect(compareOperations(['GET /v3/ml-hub/models/{modelId}/inference'], spec).missingFromSpec).toEqual([
      'GET /v3/ml-hub/models/{modelId}/inference',
    ]);
  });
});
