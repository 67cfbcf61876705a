import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import type { StaticTenantKey } from '../config.js';
import { ensureSecretFile } from '../secret-file.js';

/** The dev tenant's base url; its tokens' issuer is `{base}/v3/tokens`. Not a real host: nothing calls it. */
export const DEV_TENANT_BASE_URL = 'http://localhost';

export interface DevTenantKeys {
  publicKey: string;
  privateKey: string;
  createdAt: string;
}

export function devTenantKeyFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'dev-tenant', 'key.json');
}

/**
 * The dev tenant's RSA key pair from the data folder, created on first use. Creation is atomic
 * (`ensureSecretFile`), so a server and `npm run token` starting together agree.
 */
export function ensureDevTenantKeys(dataDir: string): DevTenantKeys {
  const text = ensureSecretFile(devTenantKeyFile(dataDir), () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const keys: DevTenantKeys = { publicKey, privateKey, createdAt: new Date().toISOString() };
    return JSON.stringify(keys, null, 2);
  });
  return JSON.parse(text) as DevTenantKeys;
}

/**
 * The dev tenant as a static key, for a process that verifies dev tokens without reaching the hub
 * (an inference server the hub starts): pass it in MLHUB_STATIC_KEYS as `{[tenant]: value}`.
 */
export function devTenantStaticKey(dataDir: string): StaticTenantKey {
  return { public_key: ensureDevTenantKeys(dataDir).publicKey, base_url: DEV_TENANT_BASE_URL };
}
