import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedArtifacts } from '../src/spec/generate.js';
import { repoRoot } from '../src/spec/paths.js';

for (const [file, content] of await generatedArtifacts()) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  console.log(`wrote ${path.relative(repoRoot, file)}`);
}
