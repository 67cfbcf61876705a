// `npm run model:make -- --shape tiny|flan-t5-small --out DIR [--seed N] [--dtype fp32|q8|both]`: writes a
// FLAN-T5-architecture model with random weights (scripts/src/model/README.md). `--refresh-pieces [--cards DIR]`
// rewrites the tokenizer's committed piece list from the recorded cards instead.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { defaultDataDir } from '../src/catalog/locations.js';
import { isShapeName, makeModel, type Dtype } from '../src/model/index.js';
import { derivePieces, piecesFile, serialisePieces } from '../src/model/pieces.js';

const USAGE =
  'usage: model:make -- --shape tiny|flan-t5-small --out DIR [--seed N] [--dtype fp32|q8|both] | --refresh-pieces [--cards DIR]';

async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      shape: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '0' },
      dtype: { type: 'string', default: 'both' },
      'refresh-pieces': { type: 'boolean', default: false },
      cards: { type: 'string', default: path.join(defaultDataDir, 'cards') },
    },
  });
  if (values['refresh-pieces']) {
    const pieces = derivePieces(values.cards);
    writeFileSync(piecesFile, serialisePieces(pieces));
    return `${pieces.length} pieces written to ${piecesFile}`;
  }
  const { shape, out } = values;
  if (shape === undefined || out === undefined || !isShapeName(shape)) throw new Error(USAGE);
  if (!/^\d+$/.test(values.seed)) throw new Error(`--seed must be a non-negative integer\n${USAGE}`);
  const started = performance.now();
  const made = await makeModel({ shape, outDir: out, seed: Number(values.seed), dtype: values.dtype as Dtype });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  return `${shape}: ${made.parameters.toLocaleString('en-US')} parameters, ${made.files.length} files in ${path.resolve(out)} (${seconds} s)`;
}

try {
  process.stdout.write(`${await main(process.argv.slice(2))}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
