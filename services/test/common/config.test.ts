import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import Fastify from 'fastify';
import { ConfigError, defineConfig, foundationConfig, type ConfigParts } from '../../src/common/config.js';
import { foundationPlugin } from '../../src/common/foundation.js';
import { repoRoot } from '../../src/common/paths.js';
import { rsaKeyPair } from './helpers.js';

function problemsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return Object.fromEntries((error as ConfigError).problems.map((p) => [p.variable, p.problem]));
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has a default for every key', () => {
    const config = foundationConfig.load({});
    expect(config).toMatchObject({
      port: 8000,
      host: '127.0.0.1',
      dataDir: path.join(repoRoot(), 'data'),
      tenantsUrl: 'https://admin.tapis.io',
      allowedTenants: [],
      staticKeys: {},
      devTenant: '',
      jwtLeewayS: 30,
      keyRefetchAfterS: 90,
      bodyLimit: 1048576,
      trustProxy: false,
    });
    expect(foundationConfig.schema()['required']).toEqual([]);
  });

  it('reads every key from its MLHUB_ variable: numbers, booleans, lists, JSON inline or from a file', () => {
    const { publicPem } = rsaKeyPair();
    const dir = mkdtempSync(path.join(tmpdir(), 'mlhub-config-'));
    const file = path.join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify({ designsafe: publicPem }));
    const config = foundationConfig.load({
      MLHUB_PORT: '9000',
      MLHUB_TRUST_PROXY: 'true',
      MLHUB_ALLOWED_TENANTS: ' tacc, designsafe ,',
      MLHUB_CORS_ORIGINS: 'https://tacc.tapis.io',
      MLHUB_STATIC_KEYS: file,
      MLHUB_RATE_LIMIT_MAX: '10',
    });
    expect(config).toMatchObject({
      port: 9000,
      trustProxy: true,
      allowedTenants: ['tacc', 'designsafe'],
      corsOrigins: ['https://tacc.tapis.io'],
      staticKeys: { designsafe: publicPem },
      rateLimitMax: 10,
    });
    rmSync(dir, { recursive: true, force: true });
    const inline = foundationConfig.load({
      MLHUB_STATIC_KEYS: JSON.stringify({ tacc: { public_key: publicPem, base_url: 'https://tacc.tapis.io' } }),
    });
    expect(inline.staticKeys).toEqual({ tacc: { public_key: publicPem, base_url: 'https://tacc.tapis.io' } });
  });

  it('rejects bad values with one error naming every bad variable', () => {
    const problems = problemsOf(() =>
      foundationConfig.load({
        MLHUB_PORT: '70000',
        MLHUB_JWT_LEEWAY_S: 'soon',
        MLHUB_LOG_LEVEL: 'loud',
        MLHUB_TENANTS_URL: 'admin.tapis.io',
        MLHUB_STATIC_KEYS: '{"tacc": ',
        MLHUB_CORS_ORIGINS: 'tacc.tapis.io',
        MLHUB_TRUST_PROXY: 'maybe',
      }),
    );
    expect(Object.keys(problems).sort()).toEqual(
      [
        'MLHUB_CORS_ORIGINS',
        'MLHUB_JWT_LEEWAY_S',
        'MLHUB_LOG_LEVEL',
        'MLHUB_PORT',
        'MLHUB_STATIC_KEYS',
        'MLHUB_TENANTS_URL',
        'MLHUB_TRUST_PROXY',
      ].sort(),
    );
    expect(problems['MLHUB_PORT']).toBe('must be <= 65535 (got "70000")');
    expect(problems['MLHUB_LOG_LEVEL']).toMatch(/^must be one of fatal, error, warn, info, debug, trace, silent/);
    expect(problems['MLHUB_STATIC_KEYS']).toMatch(/^is not valid JSON/);
    expect(() => foundationConfig.load({ MLHUB_PORT: 'x' })).toThrow(/MLHUB_PORT: must be integer/);
  });

  it('says when a static key file cannot be read, and when a key is not a PEM', () => {
    expect(problemsOf(() => foundationConfig.load({ MLHUB_STATIC_KEYS: '/nonexistent/keys.json' }))['MLHUB_STATIC_KEYS']).toMatch(
      /neither inline JSON nor a readable file \(ENOENT\)/,
    );
    expect(Object.keys(problemsOf(() => foundationConfig.load({ MLHUB_STATIC_KEYS: '{"tacc": "secret"}' })))).toEqual([
      'MLHUB_STATIC_KEYS',
    ]);
  });

  it('stops the service at boot when a static key is not an RSA public key', async () => {
    const config = foundationConfig.load({
      MLHUB_LOG_LEVEL: 'silent',
      MLHUB_STATIC_KEYS: JSON.stringify({ tacc: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----' }),
    });
    const app = Fastify();
    await expect(app.register(foundationPlugin, { config, version: '1.0.0' }).ready()).rejects.toThrow(
      /MLHUB_STATIC_KEYS: the key of tenant 'tacc' is not an RSA public key/,
    );
    await app.close();
  });

  it('lets a service add its own keys, required ones and secrets included, and override a default', () => {
    interface HubOwn {
      hfUrl: string;
      hfToken: string;
      storeDir: string;
      port: number;
    }
    const parts: ConfigParts<HubOwn> = {
      hfUrl: { schema: { type: 'string', format: 'uri', default: 'https://huggingface.co' }, description: 'Hugging Face base URL.' },
      hfToken: { schema: { type: 'string', minLength: 8 }, description: 'Hugging Face token.', env: 'HF_TOKEN', secret: true },
      storeDir: { schema: { type: 'string', default: '/srv/models' }, description: 'Model store.' },
      port: { schema: { type: 'integer', minimum: 0, maximum: 65535, default: 8100 }, description: 'Port.' },
    };
    const hubConfig = defineConfig(parts);
    const config = hubConfig.load({ HF_TOKEN: 'hf_abcdefgh', MLHUB_STORE_DIR: '/data/store' });
    expect(config).toMatchObject({
      hfUrl: 'https://huggingface.co',
      hfToken: 'hf_abcdefgh',
      storeDir: '/data/store',
      port: 8100,
      host: '127.0.0.1',
    });
    expect(problemsOf(() => hubConfig.load({}))).toEqual({ HF_TOKEN: 'is required' });
    const short = problemsOf(() => hubConfig.load({ HF_TOKEN: 'hf_x' }));
    expect(short['HF_TOKEN']).toBe('must NOT have fewer than 8 characters');
    expect(hubConfig.table()).toContain('| `MLHUB_HF_URL` | `https://huggingface.co` | Hugging Face base URL. |');
    expect(hubConfig.table()).toContain('| `MLHUB_TENANTS_URL` |');
  });
});
