import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { errorCodes } from '@mlhub/sdk';
import { ApiError, codeForStatus, errorStatus, type ErrorCode } from '../../src/common/errors.js';
import { repoRoot } from '../../src/common/paths.js';

interface Spec {
  components: { schemas: { ErrorCode: { enum: string[]; description: string; 'x-status'?: Record<string, number> } } };
}

const readSpec = (doc: string): Spec => JSON.parse(readFileSync(path.join(repoRoot(), `openapi/dist/${doc}.openapi.json`), 'utf8')) as Spec;
const errorCode = readSpec('hub').components.schemas.ErrorCode;

function statusTable(description: string): Record<string, number> {
  return Object.fromEntries([...description.matchAll(/^\|\s*([A-Z_]+)\s*\|\s*(\d{3})\s*\|/gm)].map((row) => [row[1], Number(row[2])]));
}

describe('error codes', () => {
  it('are exactly the ErrorCode enum of the spec, in its order', () => {
    expect(errorCodes).toEqual(errorCode.enum);
  });

  it('make an ApiError carry the status the spec gives each code', () => {
    const statuses = Object.fromEntries(errorCodes.map((code) => [code, new ApiError(code, 'x').statusCode]));
    expect(statuses).toEqual(errorCode['x-status']);
  });

  it('keep the spec table that people read in step with its x-status', () => {
    expect(statusTable(errorCode.description)).toEqual(errorCode['x-status']);
  });

  it('cover the inference server document too, with the same statuses', () => {
    const inference = readSpec('inference-server').components.schemas.ErrorCode;
    const table = statusTable(inference.description);
    expect(Object.keys(table).sort()).toEqual([...inference.enum].sort());
    for (const [code, status] of Object.entries(table)) expect([code, errorStatus[code as ErrorCode]]).toEqual([code, status]);
  });

  it('turn a bare status from a library into the first code of that status, and an unknown 5xx into INTERNAL_ERROR', () => {
    expect([400, 404, 418, 429, 500, 501, 502, 503, 504].map(codeForStatus)).toEqual([
      'BAD_REQUEST',
      'NOT_FOUND',
      'BAD_REQUEST',
      'RATE_LIMITED',
      'INTERNAL_ERROR',
      'INTERNAL_ERROR',
      'UPSTREAM_ERROR',
      'SERVICE_UNAVAILABLE',
      'UPSTREAM_TIMEOUT',
    ]);
  });
});
