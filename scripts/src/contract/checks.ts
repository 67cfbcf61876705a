import { repoRoot } from '../spec/paths.js';
import type { CheckResult } from './check.js';
import { checkDrift } from './drift.js';
import { checkExamplesOf } from './examples-check.js';
import { checkLegacyOperations } from './legacy-check.js';
import { lintSpecs } from './lint.js';
import { checkBreaking } from './released.js';

/** Each contract check by name, each run on the repository at a given root. */
const contractChecks: Record<string, (root: string) => CheckResult | Promise<CheckResult>> = {
  lint: lintSpecs,
  drift: checkDrift,
  examples: checkExamplesOf,
  legacy: checkLegacyOperations,
  breaking: checkBreaking,
};

/** Run every contract check on `root`; a check that throws is reported as failed, not lost. */
export async function runContractChecks(root: string = repoRoot): Promise<CheckResult[]> {
  return Promise.all(
    Object.entries(contractChecks).map(async ([name, check]) => {
      try {
        return await check(root);
      } catch (error) {
        return { name, problems: [`the check could not run: ${error instanceof Error ? error.message : String(error)}`], notes: [] };
      }
    }),
  );
}
