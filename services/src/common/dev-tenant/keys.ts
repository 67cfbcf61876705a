import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StaticTenantKey } from '../config.js';

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
 * The dev tenant's RSA key pair from the data folder, created on first use. Creation is atomic (a
 * private temp file hard-linked into place), so a server and `npm run token` starting together agree.
 */
export function ensureDevTenantKeys(dataDir: string): DevTenantKeys {
  const file = devTenantKeyFile(dataDir);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DevTenantKeys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const keys: DevTenantKeys = { publicKey, privateKey, createdAt: new Date().toISOString() };
  const temp = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temp, JSON.stringify(keys, null, 2), { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as DevTenantKeys;
}

/**
 * The dev tenant as a static key, for a process that verifies dev tokens without reaching the hub
 * (an inference server the hub starts): pass it in MLHUB_STATIC_KEYS as `{[tenant]: value}`.
 */
export function devTenantStaticKey(dataDir: string): StaticTenantKey {
  return { public_key: ensureDevTenantKeys(dataDir).publicKey, base_url: DEV_TENANT_BASE_URL };
}
