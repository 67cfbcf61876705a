import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/common/config.js';
import { repoRoot } from '../../src/common/paths.js';
import { hubConfig } from '../../src/hub/app.js';

describe('the hub configuration', () => {
  it('has the embedded defaults: snapshot + store, Hugging Face off, links from the request origin', () => {
    const config = hubConfig.load({});
    expect(config).toMatchObject({
      sources: ['snapshot', 'store'],
      huggingfaceUrl: 'https://huggingface.co',
      huggingfaceTimeoutMs: 5000,
      publicUrl: '',
      port: 8000,
    });
  });

  it.each([
    ['MLHUB_SOURCES', 'snapshot,github', /MLHUB_SOURCES/],
    ['MLHUB_HUGGINGFACE_URL', 'ftp://mirror', /MLHUB_HUGGINGFACE_URL/],
    ['MLHUB_HUGGINGFACE_TIMEOUT_MS', '10', /MLHUB_HUGGINGFACE_TIMEOUT_MS/],
    ['MLHUB_PUBLIC_URL', 'hub.example.org', /MLHUB_PUBLIC_URL/],
  ])('refuses a bad %s, naming it', (variable, value, named) => {
    expect(() => hubConfig.load({ [variable]: value })).toThrow(ConfigError);
    expect(() => hubConfig.load({ [variable]: value })).toThrow(named);
  });

  it('never prints the Hugging Face token', () => {
    let message = '';
    try {
      hubConfig.load({ MLHUB_HUGGINGFACE_TOKEN: 'hf_secret', MLHUB_HUGGINGFACE_TIMEOUT_MS: 'soon' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('MLHUB_HUGGINGFACE_TIMEOUT_MS');
    expect(message).not.toContain('hf_secret');
  });

  it("is documented: services/README.md has every variable with its default, the foundation's and the hub's own", () => {
    const readme = readFileSync(path.join(repoRoot(), 'services/README.md'), 'utf8');
    const rows = hubConfig
      .table()
      .split('\n')
      .slice(2)
      .map((row) => row.replace(path.join(repoRoot(), 'data'), '<checkout>/data'));
    for (const row of rows) expect(readme).toContain(row);
  });
});
