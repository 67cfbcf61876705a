import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../src/common/errors.js';
import { parseIdPath, validateRepoId } from '../../../src/hub/ids.js';

const SUFFIXES = ['card', 'files', 'download', 'resolve', 'snippets'] as const;

describe('parseIdPath', () => {
  it.each([
    ['google%2Fflan-t5-small', 'google/flan-t5-small', null],
    ['google/flan-t5-small', 'google/flan-t5-small', null],
    ['google%2Fflan-t5-small/card', 'google/flan-t5-small', 'card'],
    ['google/flan-t5-small/card', 'google/flan-t5-small', 'card'],
    ['google%2fflan-t5-small/files', 'google/flan-t5-small', 'files'],
    ['gpt2', 'gpt2', null],
    ['gpt2/snippets', 'gpt2', 'snippets'],
    ['card', 'card', null],
    ['card/card', 'card', 'card'],
    ['google%2Fcard', 'google/card', null],
    ['google%2Fcard/resolve', 'google/card', 'resolve'],
    ['openai%2Fgsm8k?x=1', 'openai/gsm8k', null],
  ])('%s -> %s (%s)', (raw, id, suffix) => {
    expect(parseIdPath(raw, SUFFIXES)).toEqual({ id, suffix });
  });

  it.each([
    ['', /empty/],
    ['google%2F', /empty segment/],
    ['%2Fgpt2', /empty segment/],
    ['a/b/c', /more than two/],
    ['google%2F%2Fflan-t5-small', /empty segment/],
    ['google//flan-t5-small', /empty segment/],
    ['a%2Fb%2Fc/card', /more than two/],
    ['..%2Fetc', /'\.\.'/],
    ['google/..', /'\.\.'/],
    ['foo..bar', /'\.\.'/],
    ['gpt%0A2', /control/],
    ['gpt%7F2', /control/],
    ['gpt%C2%852', /control/],
    ['%20gpt2', /white space/],
    [`${'x'.repeat(257)}`, /longer than 256/],
    ['gpt%E0%A4%A', /percent-encoding/],
  ])('%j is refused with INVALID_ID', (raw, why) => {
    let caught: unknown;
    try {
      parseIdPath(raw, SUFFIXES);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe('INVALID_ID');
    expect((caught as ApiError).statusCode).toBe(400);
    expect((caught as ApiError).message).toMatch(why);
  });

  it('echoes a refused id without its control characters', () => {
    expect(() => validateRepoId('a\u0000b')).toThrow(ApiError);
    try {
      validateRepoId('a\nb');
    } catch (error) {
      expect((error as ApiError).details).toEqual({ id: 'a\\nb' });
    }
  });
});
