import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAttribution } from '../src/catalog/attribution.js';
import { buildSnapshot } from '../src/catalog/build.js';
import { defaultDataDir, defaultSnapshotOutDir } from '../src/catalog/locations.js';
import { readBuildInputs } from '../src/catalog/inputs.js';
import { snapshotFiles, writeSnapshot } from '../src/catalog/serialise.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: defaultDataDir },
    out: { type: 'string', default: defaultSnapshotOutDir },
  },
});
const snapshot = buildSnapshot(readBuildInputs(path.resolve(values.data)));
const files = snapshotFiles(snapshot, buildAttribution(snapshot.meta));
writeSnapshot(path.resolve(values.out), files);
for (const [name, content] of files) console.log(`${path.join(values.out, name)}  ${Buffer.byteLength(content)} bytes`);
console.log(
  `${snapshot.meta.counts.models} models, ${snapshot.meta.counts.datasets} datasets, ${snapshot.meta.counts.modelAliases + snapshot.meta.counts.datasetAliases} aliases`,
);
