import { repoRoot } from '../spec/paths.js';
import type { CheckResult } from './check.js';
import { compareOperations, legacyClientOperations, readBundledHubSpec, specLegacyOperations } from './legacy-operations.js';

/**
 * The hub spec's `/v3/ml-hub` operations (older path shapes aside) are exactly the (method, path) set the
 * published legacy clients call, read from the clients installed in node_modules.
 */
export function checkLegacyOperations(root: string = repoRoot): CheckResult {
  const result: CheckResult = { name: 'legacy', problems: [], notes: [] };
  const clientOps = legacyClientOperations();
  const specOps = specLegacyOperations(readBundledHubSpec(root));
  const { missingFromSpec, notCalledByClients } = compareOperations(clientOps, specOps);
  result.problems.push(...missingFromSpec.map((op) => `${op}: called by a published legacy client, missing from the hub spec`));
  result.problems.push(
    ...notCalledByClients.map(
      (op) => `${op}: under /v3/ml-hub but no published client calls it (an older path shape says x-legacy-shape: older)`,
    ),
  );
  result.notes.push(`${clientOps.size} operations called by the legacy clients, ${specOps.size} legacy operations in the hub spec`);
  return result;
}
