import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get, startHub, type RunningHub } from '../routes/harness.js';

describe('revision through the hub', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startHub();
  });
  afterAll(async () => hub.close());

  it.each([
    ['/v3/mlhub/models/google%2Fflan-t5-small/files?revision=b%2F..%2F..%2F..%2F..', /'\.\.'/],
    ['/v3/mlhub/models/google%2Fflan-t5-small/card?revision=%00', /control characters/],
    ['/v3/mlhub/models/google%2Fflan-t5-small/download?revision=-main', /starts with '-'/],
    ['/v3/mlhub/datasets/openai%2Fgsm8k/files?revision=a%20b', /git refuses/],
  ])('%s answers 400 INVALID_PARAMETER in the envelope', async (url, message) => {
    const res = await get(hub, url);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 'error', metadata: { code: 'INVALID_PARAMETER' } });
    expect(res.body.message).toMatch(message);
    expect(res.body.message).toContain("'revision'");
  });
});
