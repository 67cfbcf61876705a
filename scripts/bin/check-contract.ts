import path from 'node:path';
import type { CheckResult } from '../src/contract/check.js';
import { runContractChecks } from '../src/contract/checks.js';
import { checkBreaking, freezeReleased, FreezeRefused } from '../src/contract/released.js';
import { repoRoot } from '../src/spec/paths.js';

// Usage: npm run check:contract [-- --freeze]
// --freeze records the current bundles as released copies (openapi/released/<doc>-<version>.openapi.json),
// the baseline of the breaking-change check; only a contract that passes every other check is frozen, a
// released copy is never overwritten, and a change needs a new version (major if breaking, minor if not).
const freeze = process.argv.includes('--freeze');

const print = (r: CheckResult) => {
  const ok = r.problems.length === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.name}: ${ok ? 'no problems' : `${r.problems.length} problem(s)`}`);
  for (const p of r.problems) console.log(`       ${p}`);
  for (const n of r.notes) console.log(`       · ${n}`);
};

let results = await runContractChecks();
if (freeze) {
  const blocking = results.filter((r) => r.name !== 'breaking' && r.problems.length > 0);
  if (blocking.length) {
    console.log(`not freezing: ${blocking.map((r) => r.name).join(', ')} failed\n`);
  } else {
    try {
      const written = freezeReleased();
      for (const file of written) console.log(`froze ${path.relative(repoRoot, file)}`);
      if (written.length === 0) console.log('nothing to freeze: every document is released at its version already');
      results = results.map((r) => (r.name === 'breaking' ? checkBreaking() : r));
    } catch (error) {
      if (!(error instanceof FreezeRefused)) throw error;
      results = [...results, { name: 'freeze', problems: error.problems, notes: [] }];
    }
    console.log();
  }
}

results.forEach(print);
const failed = results.filter((r) => r.problems.length > 0).length;
console.log(failed ? `\ncontract: ${failed} of ${results.length} checks failed` : `\ncontract: all ${results.length} checks passed`);
process.exitCode = failed ? 1 : 0;
