import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../src/common/config.js';
import { hubConfig } from '../../src/hub/app.js';

describe('the hub configuration', () => {
  it('has the embedded defaults: snapshot + store, Hugging Face off, links from the request origin', () => {
    const config = hubConfig.load({});
    expect(config).toMatchObject({ sources: ['snapshot', 'store'], huggingfaceUrl: 'https://huggingface.co', huggingfaceTimeoutMs: 5000, publicUrl: '', port: 8000 });
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
});
