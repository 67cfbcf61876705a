import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES, ERROR_STATUS } from '../../src/common/errors.js';
import { repoRoot } from '../../src/common/paths.js';

interface Spec {
  components: { schemas: { ErrorCode: { enum: string[]; description: string } } };
}

const readSpec = (doc: string): Spec => JSON.parse(readFileSync(path.join(repoRoot(), `openapi/dist/${doc}.openapi.json`), 'utf8')) as Spec;
const errorCode = readSpec('hub').components.schemas.ErrorCode;

function statusTable(description: string): Record<string, number> {
  return Object.fromEntries([...description.matchAll(/^\|\s*([A-Z_]+)\s*\|\s*(\d{3})\s*\|/gm)].map((row) => [row[1], Number(row[2])]));
}

describe('error codes', () => {
  it('are exactly the ErrorCode enum of the spec', () => {
    expect([...ERROR_CODES].sort()).toEqual([...errorCode.enum].sort());
  });

  it('travel with the HTTP status the spec table gives each code', () => {
    const table = statusTable(errorCode.description);
    expect(Object.keys(table).sort()).toEqual([...errorCode.enum].sort());
    expect(ERROR_STATUS).toEqual(table);
  });

  it('cover the inference server document too, with the same statuses', () => {
    const inference = readSpec('inference-server').components.schemas.ErrorCode;
    const table = statusTable(inference.description);
    expect(Object.keys(table).sort()).toEqual([...inference.enum].sort());
    for (const [code, status] of Object.entries(table)) expect([code, ERROR_STATUS[code as keyof typeof ERROR_STATUS]]).toEqual([code, status]);
  });
});
