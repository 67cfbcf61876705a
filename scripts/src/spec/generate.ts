import { readFileSync } from 'node:fs';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { bundleSpec, serializeSpec } from './bundle.js';
import { errorCodesModule } from './error-codes.js';
import { operationsTable, withOperationsTable } from './operations-table.js';
import { bundledSpecPath, generatedErrorCodesPath, generatedTypesPath, repoRoot, sdkReadmePath, specDocuments } from './paths.js';

const header = (doc: string) =>
  `/**\n * Generated from openapi/${doc} by \`npm run generate\`. Do not edit: CI regenerates and fails on any diff.\n */\n\n`;

/**
 * Every generated artifact of the contract, path -> content: the bundled spec of each document, the
 * SDK types generated from it, the hub's error-code -> status map, and the SDK README's operations table. Writing them (`npm run generate`)
 * and checking them for drift (`npm run check:contract`) both start from this one function.
 */
export async function generatedArtifacts(root: string = repoRoot): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const doc of specDocuments) {
    const spec = bundleSpec(doc, root);
    const json = serializeSpec(spec);
    out.set(bundledSpecPath(doc, root), json);
    const ast = await openapiTS(JSON.parse(json) as OpenAPI3, {
      alphabetize: false,
      exportType: false,
      // A request field with a default is optional for the caller; the server fills the default in.
      defaultNonNullable: false,
    });
    out.set(generatedTypesPath(doc, root), header(doc) + astToString(ast));
    if (doc === 'hub') {
      out.set(generatedErrorCodesPath(root), header(doc) + errorCodesModule(spec, doc));
      const readme = sdkReadmePath(root);
      out.set(
        readme,
        withOperationsTable(readFileSync(readme, 'utf8'), operationsTable(JSON.parse(json) as Record<string, unknown>), 'sdk/README.md'),
      );
    }
  }
  return out;
}
