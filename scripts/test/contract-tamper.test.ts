import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyContract } from '../src/contract/copy.js';
import { checkDrift } from '../src/contract/drift.js';
import { checkExamplesOf } from '../src/contract/examples-check.js';
import { checkLegacyOperations } from '../src/contract/legacy-check.js';
import { lintSpecs } from '../src/contract/lint.js';
import { generatedArtifacts } from '../src/spec/generate.js';

// Each check, shown to fail on a tampered temporary copy of the contract (openapi/ and sdk/src/generated/).

type Doc = Record<string, any>;
let copy: ReturnType<typeof copyContract>;
let pristineHub: string;
const hubBundle = () => path.join(copy.root, 'openapi', 'dist', 'hub.openapi.json');
const readHub = () => JSON.parse(readFileSync(hubBundle(), 'utf8')) as Doc;
const writeHub = (doc: unknown) => writeFileSync(hubBundle(), `${JSON.stringify(doc, null, 2)}\n`);

beforeAll(async () => {
  copy = copyContract();
  // Start from a copy that is fresh by construction, whatever state the checkout is in.
  for (const [file, content] of await generatedArtifacts(copy.root)) writeFileSync(file, content);
  pristineHub = readFileSync(hubBundle(), 'utf8');
});
// Each test tampers with the hub bundle of the fresh copy, never with another test's leftovers.
beforeEach(() => writeFileSync(hubBundle(), pristineHub));
afterAll(() => copy.remove());

describe('the drift check', () => {
  it('fails when a generated SDK file is edited by hand, naming the file and line', async () => {
    expect((await checkDrift(copy.root)).problems).toEqual([]);
    const file = path.join(copy.root, 'sdk', 'src', 'generated', 'hub.ts');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(/operationId|paths/, '$&_edited'));
    try {
      const { problems } = await checkDrift(copy.root);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^sdk\/src\/generated\/hub\.ts:\d+: differs from what `npm run generate` produces/);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('fails when a spec fragment changed without regenerating', async () => {
    const fragment = path.join(copy.root, 'openapi', 'hub', 'models.yaml');
    const original = readFileSync(fragment, 'utf8');
    expect(original).toContain('operationId: listModels');
    writeFileSync(fragment, original.replace('operationId: listModels', 'operationId: listAllModels'));
    try {
      const problems = (await checkDrift(copy.root)).problems.join('\n');
      expect(problems).toMatch(/openapi\/dist\/hub\.openapi\.json:\d+: differs/);
      expect(problems).toMatch(/sdk\/src\/generated\/hub\.ts:\d+: differs/);
      // The SDK README's operations table is generated from the spec too.
      expect(problems).toMatch(/sdk\/README\.md:\d+: differs .*listModels/);
    } finally {
      writeFileSync(fragment, original);
    }
  });

  it("keeps the SDK README's operations table fresh, and leaves the rest of the README to its authors", async () => {
    const readme = path.join(copy.root, 'sdk', 'README.md');
    const original = readFileSync(readme, 'utf8');
    try {
      writeFileSync(readme, original.replace('| `getModelCard` |', '| `getModelCardEdited` |'));
      expect((await checkDrift(copy.root)).problems).toEqual([expect.stringMatching(/^sdk\/README\.md:\d+: differs/)]);
      writeFileSync(readme, original.replace('## Quick start', '## Getting started'));
      expect((await checkDrift(copy.root)).problems).toEqual([]);
    } finally {
      writeFileSync(readme, original);
    }
  });
});

describe('the example check', () => {
  const listModels = '/v3/mlhub/models';
  const exampleOf = (doc: Doc) => {
    const media = doc.paths[listModels].get.responses['200'].content['application/json'];
    const named = media.examples && Object.values(media.examples)[0];
    const ref: string | undefined = named?.$ref;
    // The example may sit inline or under components/examples; tamper with it where it is written.
    if (ref) return doc.components.examples[ref.split('/').pop()!];
    return named ?? { value: media.example };
  };

  it('fails when an example no longer matches its schema, saying where and why', () => {
    const before = checkExamplesOf(copy.root).problems;
    const doc = readHub();
    const example = exampleOf(doc);
    example.value.result[0].downloads = 'many';
    writeHub(doc);
    const after = checkExamplesOf(copy.root).problems.filter((p) => !before.includes(p));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(/\/result\/0\/downloads must be (integer|number)/);
  });

  it('fails when a response has no example', () => {
    const doc = readHub();
    const media = doc.paths[listModels].get.responses['200'].content['application/json'];
    delete media.example;
    delete media.examples;
    writeHub(doc);
    expect(checkExamplesOf(copy.root).problems).toContain(`hub: GET ${listModels} › responses › 200 › application/json: no example`);
  });
});

describe('the example check on schemas', () => {
  it('fails when a schema an example is checked against has a misspelt keyword', () => {
    const doc = readHub();
    doc.components.schemas.ModelSummary.properties.id.minLenght = 1;
    writeHub(doc);
    expect(checkExamplesOf(copy.root).problems).toContainEqual(
      expect.stringMatching(
        /^hub: GET \/v3\/mlhub\/models › responses › 200 › application\/json › .*: its schema does not compile: strict mode: unknown keyword: "minLenght"$/,
      ),
    );
  });
});

describe('the lint check', () => {
  it('fails with the rule and the place when an operation loses its operationId', async () => {
    const doc = readHub();
    delete doc.paths['/v3/mlhub/models'].get.operationId;
    writeHub(doc);
    const { problems } = await lintSpecs(copy.root);
    expect(problems.filter((p) => p.includes('operation-operationId'))).toEqual([
      'openapi/dist/hub.openapi.json#/paths/~1v3~1mlhub~1models/get/operationId: operation-operationId: Operation object should contain `operationId` field.',
    ]);
  });
});

describe('the legacy operations check', () => {
  it('fails when a call of the published legacy clients is missing from the spec', () => {
    expect(checkLegacyOperations(copy.root).problems).toEqual([]);
    const doc = readHub();
    delete doc.paths['/v3/ml-hub/models/{modelId}'];
    writeHub(doc);
    expect(checkLegacyOperations(copy.root).problems).toEqual([
      'GET /v3/ml-hub/models/{modelId}: called by a published legacy client, missing from the hub spec',
    ]);
  });
});
