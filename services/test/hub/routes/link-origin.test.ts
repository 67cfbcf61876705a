import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hubConfig } from '../../../src/hub/app.js';
import { getRaw, startHub, type RunningHub } from './harness.js';

// Every link the hub writes: store downloads, legacy downloads and snippets.
const linkAnswers = [
  ['getModelDownload', '/v3/mlhub/models/acme%2Ftiny-t5/download'],
  ['legacyDownloadModel', '/v3/ml-hub/download_model/acme%2Ftiny-t5'],
  ['getDatasetDownload', '/v3/mlhub/datasets/acme%2Fmini-qa/download'],
  ['legacyDownloadDataset', '/v3/ml-hub/download_dataset/acme%2Fmini-qa'],
  ['getModelSnippets', '/v3/mlhub/models/acme%2Ftiny-t5/snippets'],
] as const;

describe("links never follow the client's Host header", () => {
  let hub: RunningHub;
  let listed: RunningHub;
  beforeAll(async () => {
    hub = await startHub();
    listed = await startHub({ MLHUB_PUBLIC_HOSTS: 'hub.example.org,hub.example.org:8443' });
  });
  afterAll(async () => {
    await hub.close();
    await listed.close();
  });

  it.each(linkAnswers)('%s with Host: evil.example links to the listen address', async (_operationId, url) => {
    const answer = await getRaw(hub, url, { Host: 'evil.example' });
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('evil.example');
    expect(answer.text).toContain(`${hub.url}/v3/`);
  });

  it.each(linkAnswers)('%s links to a Host of MLHUB_PUBLIC_HOSTS, and to no other', async (_operationId, url) => {
    const allowed = await getRaw(listed, url, { Host: 'hub.example.org:8443' });
    expect(allowed.text).toContain('http://hub.example.org:8443/v3/');
    const other = await getRaw(listed, url, { Host: 'evil.example' });
    expect(other.text).not.toContain('evil.example');
    expect(other.text).toContain(`${listed.url}/v3/`);
  });

  it('MLHUB_PUBLIC_URL wins over every Host', async () => {
    const fixed = await startHub({ MLHUB_PUBLIC_URL: 'https://mlhub.tacc.example/' });
    try {
      const answer = await getRaw(fixed, '/v3/mlhub/models/acme%2Ftiny-t5/download', { Host: 'evil.example' });
      expect(answer.body.result.files[0].url).toMatch(/^https:\/\/mlhub\.tacc\.example\/v3\/mlhub\/models\/acme%2Ftiny-t5\/resolve\?path=/);
    } finally {
      await fixed.close();
    }
  });

  it('refuses a Host allow-list entry that is not a host', () => {
    expect(() => hubConfig.load({ MLHUB_PUBLIC_HOSTS: 'http://evil.example/' })).toThrow(/MLHUB_PUBLIC_HOSTS/);
  });
});
