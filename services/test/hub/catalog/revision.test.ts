import { describe, expect, it } from '@jest/globals';
import { http, HttpResponse } from 'msw';
import { ApiError } from '../../../src/common/errors.js';
import { validateRevision } from '../../../src/hub/ids.js';
import { failure, hfTestbed, HUB } from './hf-fixtures.js';

const { hits, server, hfCatalog } = hfTestbed();

describe('revision validation (git check-ref-format rules)', () => {
  it.each(['0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab', 'main', 'v1.0', 'refs/pr/12', 'feature/x-y_z', 'release-2024.10', '100%'])(
    'accepts %s',
    (revision) => expect(validateRevision(revision)).toBe(revision),
  );

  it.each([
    ['empty', '', /empty/],
    ['dot-dot path', 'b/../../../..', /'\.\.'/],
    ['NUL', '\u0000', /control characters/],
    ['newline', 'main\n', /control characters/],
    ['DEL', 'ma\u007fin', /control characters/],
    ['leading dash (an option to git)', '-main', /starts with '-'/],
    ['double slash', 'a//b', /empty component/],
    ['leading slash', '/main', /empty component/],
    ['trailing slash', 'main/', /empty component/],
    ['hidden component', 'a/.b', /starts with '\.'/],
    ['.lock component', 'main.lock', /\.lock/],
    ['trailing dot', 'main.', /ends with '\.'/],
    ['@ alone', '@', /@/],
    ['reflog syntax', 'main@{1}', /@\{/],
    ['space', 'my branch', /git refuses/],
    ['tilde', 'main~1', /git refuses/],
    ['caret', 'main^', /git refuses/],
    ['colon', 'a:b', /git refuses/],
    ['question mark', 'a?b', /git refuses/],
    ['star', 'a*', /git refuses/],
    ['bracket', 'a[0]', /git refuses/],
    ['backslash', 'a\\b', /git refuses/],
    ['over-long', 'a'.repeat(101), /longer than 100/],
  ])('refuses %s with 400 naming revision', (_what, revision, message) => {
    let error: unknown;
    try {
      validateRevision(revision);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe('INVALID_PARAMETER');
    expect(apiError.statusCode).toBe(400);
    expect(apiError.details?.['parameter']).toBe('revision');
    expect(apiError.message).toMatch(message);
  });
});

describe('revisions sent upstream', () => {
  it('refuses a dot-dot revision before any upstream call', async () => {
    const catalog = await hfCatalog();
    const error = await failure(catalog.listModelFiles('google/flan-t5-small', 'b/../../../..'));
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(hits.urls).toEqual([]);
    expect((await failure(catalog.getModelCard('google/flan-t5-small', '\u0000'))).code).toBe('INVALID_PARAMETER');
    expect((await failure(catalog.getModelDownload('google/flan-t5-small', '-x'))).code).toBe('INVALID_PARAMETER');
    expect(hits.urls).toEqual([]);
  });

  it('percent-encodes a branch with a slash as one path segment, in the tree and the card URLs', async () => {
    const catalog = await hfCatalog();
    await catalog.listModelFiles('google/flan-t5-small', 'refs/pr/12');
    await catalog.getModelCard('google/flan-t5-small', 'refs/pr/12');
    expect(hits.urls.find((u) => u.includes('/tree/'))).toContain('/api/models/google/flan-t5-small/tree/refs%2Fpr%2F12?');
    expect(hits.urls.find((u) => u.includes('/raw/'))).toContain('/google/flan-t5-small/raw/refs%2Fpr%2F12/README.md');
  });

  it('answers a revision Hugging Face refuses (400, 422) as a client error naming revision, not 502', async () => {
    for (const status of [400, 422]) {
      server.use(http.get(`${HUB}/api/models/:owner/:name/tree/:rev`, () => HttpResponse.json({ error: 'Invalid rev id' }, { status })));
      const error = await failure((await hfCatalog()).listModelFiles('google/flan-t5-small', 'no-such-branch'));
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('INVALID_PARAMETER');
      expect(error.details).toMatchObject({ parameter: 'revision', upstreamStatus: status });
    }
  });
});
