import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyContract } from '../src/contract/copy.js';
import { breakingChanges } from '../src/contract/breaking.js';
import { checkBreaking, freezeReleased, FreezeRefused, lastReleased, releasedDir } from '../src/contract/released.js';

// The breaking-change check on a temporary copy: the current bundles are frozen as the released copies,
// then the hub bundle is changed the way a careless edit would change it.

type Doc = Record<string, any>;
let copy: ReturnType<typeof copyContract>;
const hubBundle = () => path.join(copy.root, 'openapi', 'dist', 'hub.openapi.json');
const edit = (change: (doc: Doc) => void) => {
  const doc = JSON.parse(readFileSync(hubBundle(), 'utf8')) as Doc;
  change(doc);
  writeFileSync(hubBundle(), JSON.stringify(doc, null, 2));
};
const majorBump = (doc: Doc) => {
  doc.info.version = `${Number.parseInt(doc.info.version, 10) + 1}.0.0`;
};

beforeEach(() => {
  copy = copyContract();
  // The current bundles become the only release of the copy, whatever the checkout has released.
  rmSync(releasedDir(copy.root), { recursive: true, force: true });
  freezeReleased(copy.root);
});
afterEach(() => copy.remove());

const listModels = (doc: Doc) => doc.paths['/v3/mlhub/models'].get;

const breakingEdits: [string, (doc: Doc) => void, RegExp][] = [
  [
    'removing an operation',
    (doc) => delete doc.paths['/v3/mlhub/models'].get,
    /^hub [\d.]+ -> [\d.]+: GET \/v3\/mlhub\/models: operation removed$/,
  ],
  [
    'removing a response field',
    (doc) => {
      const summary = doc.components.schemas.ModelSummary;
      delete summary.properties.downloads;
      summary.required = summary.required.filter((f: string) => f !== 'downloads');
    },
    /GET \/v3\/mlhub\/models: response 200 application\/json field result\[\]\.downloads removed$/,
  ],
  [
    'narrowing an enum',
    (doc) => {
      const sort = doc.components.schemas.ModelSort;
      sort.enum = sort.enum.filter((v: string) => v !== 'trending');
    },
    /GET \/v3\/mlhub\/models: query parameter sort: enum value "trending" removed$/,
  ],
  [
    'adding a required parameter',
    (doc) => listModels(doc).parameters.push({ name: 'workspace', in: 'query', required: true, schema: { type: 'string' } }),
    /GET \/v3\/mlhub\/models: query parameter workspace added as required$/,
  ],
  [
    'renaming an operationId',
    (doc) => (listModels(doc).operationId = 'searchModels'),
    /GET \/v3\/mlhub\/models: operationId changed from listModels to searchModels$/,
  ],
];

describe('the breaking-change check', () => {
  it('passes on an unchanged copy, compared with the released copy it froze', () => {
    expect(lastReleased('hub', copy.root)?.file).toMatch(/released\/hub-\d+\.\d+\.\d+\.openapi\.json$/);
    expect(checkBreaking(copy.root).problems).toEqual([]);
  });

  it.each(breakingEdits)('fails on %s without a major version bump', (_name, change, expected) => {
    edit(change);
    expect(checkBreaking(copy.root).problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it.each(breakingEdits)('passes on %s with a major version bump, still listing the change', (_name, change, expected) => {
    edit((doc) => {
      change(doc);
      majorBump(doc);
    });
    const { problems, notes } = checkBreaking(copy.root);
    expect(problems).toEqual([]);
    expect(notes.some((n) => expected.test(n.replace(/ \(allowed: major version bump\)$/, '')))).toBe(true);
  });

  it('lets additions through: a new optional parameter, a new response field, a new enum value', () => {
    edit((doc) => {
      listModels(doc).parameters.push({ name: 'pipeline', in: 'query', schema: { type: 'string' } });
      doc.components.schemas.ModelSummary.properties.stars = { type: 'integer' };
      doc.components.schemas.ModelSort.enum.push('stars');
    });
    expect(checkBreaking(copy.root).problems).toEqual([]);
  });

  it('fails when a required request-body property is added', () => {
    edit((doc) => {
      const body = doc.paths['/v3/mlhub/inference/models/{modelId}/generate'].post.requestBody;
      const resolved = body.$ref ? doc.components.requestBodies[body.$ref.split('/').pop()] : body;
      const media = resolved.content['application/json'];
      const projectId = { type: 'object', required: ['projectId'], properties: { projectId: { type: 'string' } } };
      media.schema = { allOf: [media.schema, projectId] };
    });
    expect(checkBreaking(copy.root).problems).toEqual([
      expect.stringMatching(
        /POST \/v3\/mlhub\/inference\/models\/\{modelId\}\/generate: request body application\/json field projectId became required$/,
      ),
    ]);
  });

  it('fails when the version goes backwards', () => {
    edit((doc) => (doc.info.version = '0.0.1'));
    expect(checkBreaking(copy.root).problems).toEqual([expect.stringMatching(/^hub: info\.version 0\.0\.1 is lower than the released/)]);
  });
});

describe('breakingChanges on small documents', () => {
  const doc = (node: Record<string, unknown>, version = '1.0.0') => ({
    openapi: '3.1.0',
    info: { title: 't', version },
    paths: {
      '/tree': {
        get: {
          operationId: 'getTree',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } } } },
        },
      },
    },
    components: { schemas: { Node: node } },
  });
  const node = (extra: Record<string, unknown>) => ({
    allOf: [
      {
        type: 'object',
        properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
      },
      { type: 'object', properties: extra },
    ],
  });

  it('follows a recursive schema through allOf without looping, and reports a field removed from it once', () => {
    const released = doc(node({ size: { type: 'integer' } }));
    expect(breakingChanges(released, released)).toEqual([]);
    expect(breakingChanges(released, doc(node({})))).toEqual(['GET /tree: response 200 application/json field size removed']);
  });
});

describe('freezing a release (check:contract -- --freeze)', () => {
  const released = (version: string) => path.join(releasedDir(copy.root), `hub-${version}.openapi.json`);
  const version = () => (JSON.parse(readFileSync(hubBundle(), 'utf8')) as Doc).info.version as string;
  const removeField = (doc: Doc) => {
    const summary = doc.components.schemas.ModelSummary;
    delete summary.properties.downloads;
    summary.required = summary.required.filter((f: string) => f !== 'downloads');
  };
  const addField = (doc: Doc) => (doc.components.schemas.ModelSummary.properties.stars = { type: 'integer' });
  const setVersion = (next: string) => (doc: Doc) => (doc.info.version = next);
  const bumped = (part: 'major' | 'minor' | 'patch') => {
    const [major = 0, minor = 0, patch = 0] = version().split('.').map(Number);
    return part === 'major' ? `${major + 1}.0.0` : part === 'minor' ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
  };
  const refusal = () => {
    try {
      freezeReleased(copy.root);
    } catch (error) {
      return (error as FreezeRefused).problems;
    }
    throw new Error('freezing was not refused');
  };

  it('never overwrites a released copy at the same version, so a breaking change cannot be frozen over it', () => {
    const before = readFileSync(released(version()), 'utf8');
    edit(removeField);
    expect(refusal()).toEqual([
      expect.stringMatching(/^hub: [\d.]+ is released already .* with other content; a released copy never changes/),
    ]);
    expect(readFileSync(released(version()), 'utf8')).toBe(before);
    // ...and the breaking-change check still compares with the untouched release.
    expect(checkBreaking(copy.root).problems).toEqual(expect.arrayContaining([expect.stringMatching(/downloads removed$/)]));
  });

  it('keeps an unchanged release as it is (freezing twice writes nothing)', () => {
    expect(freezeReleased(copy.root)).toEqual([]);
  });

  it('needs a new major version to freeze a breaking change', () => {
    const minor = bumped('minor');
    edit((doc) => {
      removeField(doc);
      setVersion(minor)(doc);
    });
    expect(refusal()).toEqual([expect.stringMatching(/^hub: \d+ breaking change\(s\) since [\d.]+ need a new major version/)]);
    expect(existsSync(released(minor))).toBe(false);
    const major = bumped('major');
    edit(setVersion(major));
    expect(freezeReleased(copy.root)).toEqual([released(major)]);
    expect(lastReleased('hub', copy.root)?.version).toBe(major);
  });

  it('needs a new minor version to freeze a compatible change (a patch is not enough)', () => {
    const patch = bumped('patch');
    edit((doc) => {
      addField(doc);
      setVersion(patch)(doc);
    });
    expect(refusal()).toEqual([expect.stringMatching(/^hub: a compatible change since [\d.]+ needs a new minor version/)]);
    const minor = bumped('minor');
    edit(setVersion(minor));
    expect(freezeReleased(copy.root)).toEqual([released(minor)]);
  });

  it('compares with the newest release, not with one of the same major', () => {
    edit(setVersion(bumped('major')));
    freezeReleased(copy.root);
    edit((doc) => {
      removeField(doc);
      setVersion(bumped('minor'))(doc);
    });
    expect(refusal()).toEqual([expect.stringMatching(/breaking change\(s\) since \d+\.0\.0 need a new major/)]);
  });
});
