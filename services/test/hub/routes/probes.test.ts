// Health and readiness probes are never rate limited: behind a proxy every anonymous caller shares one
// address, and a flood of anonymous requests must not make a healthy service look down to its checker.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get, type RunningHub, startHub } from './harness.js';

let hub: RunningHub;

beforeAll(async () => {
  hub = await startHub({ MLHUB_RATE_LIMIT_MAX: '3', MLHUB_RATE_LIMIT_WINDOW_MS: '600000' });
});

afterAll(async () => {
  await hub?.close();
});

describe('rate limits and probes', () => {
  it('limit an anonymous address on public routes, yet its health and readiness probes keep answering', async () => {
    for (let i = 0; i < 3; i++) expect((await get(hub, '/v3/mlhub/version', { token: null })).status).toBe(200);
    const limited = await get(hub, '/v3/mlhub/version', { token: null });
    expect(limited.status).toBe(429);
    expect(limited.body.metadata.code).toBe('RATE_LIMITED');
    for (let i = 0; i < 10; i++) {
      expect((await get(hub, '/v3/mlhub/health', { token: null })).status).toBe(200);
      expect((await get(hub, '/v3/mlhub/ready', { token: null })).status).toBe(200);
    }
    // The probes did not lift the limit of everything else.
    expect((await get(hub, '/v3/mlhub/openapi.json', { token: null })).status).toBe(429);
  });
});
