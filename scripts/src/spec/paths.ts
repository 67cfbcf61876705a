import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { repoRoot as findRepoRoot } from '@mlhub/services';

/** The repository root, found from this file (scripts/src/spec or scripts/dist/src/spec) by the one walk up. */
export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The documents of the contract: each a folder of YAML fragments under openapi/. */
export const specDocuments = ['hub', 'inference-server'] as const;
export type SpecDocument = (typeof specDocuments)[number];

// `root` defaults to this checkout; the contract checks pass a temporary copy to prove they fail on tampering.
export const bundledSpecPath = (doc: SpecDocument, root: string = repoRoot) => path.join(root, 'openapi', 'dist', `${doc}.openapi.json`);
export const generatedTypesPath = (doc: SpecDocument, root: string = repoRoot) => path.join(root, 'sdk', 'src', 'generated', `${doc}.ts`);
/** The code -> HTTP status map of the hub's `ErrorCode`, which the SDK and the services read. */
export const generatedErrorCodesPath = (root: string = repoRoot) => path.join(root, 'sdk', 'src', 'generated', 'error-codes.ts');
/** The SDK's README, whose operations table `npm run generate` writes from the hub spec. */
export const sdkReadmePath = (root: string = repoRoot) => path.join(root, 'sdk', 'README.md');
