import { describe, expect, it } from '@jest/globals';
import { errorCodes, errorStatus, isErrorCode, MlHubError } from '../src/index.js';

// What a caller meets when the answer carries no envelope: the code comes from the status alone.
const bareAnswer = (status: number) => MlHubError.fromBody(new Response('', { status }), '');

describe('error codes of the spec', () => {
  it('list each code once, each with an HTTP error status', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    for (const code of errorCodes) expect([code, errorStatus[code] >= 400 && errorStatus[code] < 600]).toEqual([code, true]);
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('TEAPOT')).toBe(false);
  });

  it('give an answer without an envelope the first code of its status, BAD_REQUEST for another 4xx, else UPSTREAM_ERROR', () => {
    const statuses = [400, 401, 418, 429, 500, 501, 502, 503, 504];
    expect(statuses.map((status) => bareAnswer(status).code)).toEqual([
      'BAD_REQUEST',
      'UNAUTHORIZED',
      'BAD_REQUEST',
      'RATE_LIMITED',
      'INTERNAL_ERROR',
      'UPSTREAM_ERROR',
      'UPSTREAM_ERROR',
      'SERVICE_UNAVAILABLE',
      'UPSTREAM_TIMEOUT',
    ]);
  });

  it('keep the envelope code even where another code shares its status', () => {
    const metadata = { requestId: 'r', code: 'AUTH_UNAVAILABLE' };
    const body = { status: 'error', message: 'Tenants is down', version: '1', result: null, metadata };
    const error = MlHubError.fromBody(new Response(null, { status: 503 }), body);
    expect(error).toMatchObject({ status: 503, code: 'AUTH_UNAVAILABLE' });
  });
});
