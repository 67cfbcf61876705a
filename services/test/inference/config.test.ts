import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/common/config.js';
import { repoRoot } from '../../src/common/paths.js';
import { inferenceConfig } from '../../src/inference/config.js';

describe('the inference server configuration', () => {
  it('has the embedded defaults: a free port, auto dtype, batches of 16', () => {
    expect(inferenceConfig.load({})).toMatchObject({
      port: 0,
      inferenceDtype: 'auto',
      inferenceMaxBatchSize: 16,
      inferenceMaxInputTokens: 512,
    });
  });

  it.each([
    ['MLHUB_INFERENCE_DTYPE', 'fp16'],
    ['MLHUB_INFERENCE_MAX_BATCH_SIZE', '0'],
    ['MLHUB_INFERENCE_MODEL_ID', '../etc/passwd'],
    ['MLHUB_INFERENCE_MAX_CONCURRENT_REQUESTS', 'many'],
  ])('refuses a bad %s, naming it', (variable, value) => {
    expect(() => inferenceConfig.load({ [variable]: value })).toThrow(ConfigError);
    expect(() => inferenceConfig.load({ [variable]: value })).toThrow(variable);
  });

  it('is documented: services/README.md has every inference key with its default', () => {
    const readme = readFileSync(path.join(repoRoot(), 'services/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf("### The inference server's own keys"));
    const rows = inferenceConfig
      .table()
      .split('\n')
      .filter((row) => row.startsWith('| `MLHUB_INFERENCE_') || row.startsWith('| `MLHUB_PORT`'));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(section).toContain(row);
  });
});
