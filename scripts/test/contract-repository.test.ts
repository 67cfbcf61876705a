import { describe, expect, it } from '@jest/globals';
import { checkDrift } from '../src/contract/drift.js';
import { checkExamplesOf } from '../src/contract/examples-check.js';
import { checkLegacyOperations } from '../src/contract/legacy-check.js';
import { lintSpecs } from '../src/contract/lint.js';
import { checkBreaking } from '../src/contract/released.js';

// The contract checks of `npm run check:contract`, on this checkout: each must find nothing.
describe('the contract of this repository', () => {
  it('lints with zero errors', async () => {
    expect((await lintSpecs()).problems).toEqual([]);
  });

  it('has generated files (bundles, SDK types) identical to what `npm run generate` produces', async () => {
    expect((await checkDrift()).problems).toEqual([]);
  });

  it('has an example for every response and request body, and every example validates against its schema', () => {
    const result = checkExamplesOf();
    expect(result.problems).toEqual([]);
    expect(result.notes.join('\n')).toMatch(/hub: [1-9]\d* examples validated/);
  });

  it('serves under /v3/ml-hub exactly the operations the published legacy clients call', () => {
    expect(checkLegacyOperations().problems).toEqual([]);
  });

  it('makes no breaking change against the last released copy without a major version bump', () => {
    expect(checkBreaking().problems).toEqual([]);
  });
});
