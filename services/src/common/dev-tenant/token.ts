import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { issuerOf } from '../auth/tenant-keys.js';
import { DEV_TENANT_BASE_URL, ensureDevTenantKeys } from './keys.js';

/** The usernames the dev tenant mints tokens for (`npm run token`, its login route). */
export const DEV_USERNAME = /^[A-Za-z0-9_.@-]{1,64}$/;

/** Lifetime of a dev token unless told otherwise: 4 hours, as Tapis access tokens. */
export const DEV_TOKEN_TTL_S = 4 * 3600;

export interface DevTokenOptions {
  /** The data folder holding the dev tenant's key (MLHUB_DATA_DIR). */
  dataDir: string;
  /** The dev tenant id (MLHUB_DEV_TENANT). */
  tenant: string;
  username: string;
  /** Lifetime in seconds; 4 hours by default, as Tapis access tokens. */
  ttlS?: number;
  /** Now, in ms; injectable for tests. */
  now?: number;
}

/** A signed Tapis access token of the dev tenant, with the claims Tapis puts in its own. */
export async function mintDevToken(options: DevTokenOptions): Promise<string> {
  const keys = ensureDevTenantKeys(options.dataDir);
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT({
    'tapis/tenant_id': options.tenant,
    'tapis/token_type': 'access',
    'tapis/delegation': false,
    'tapis/delegation_sub': null,
    'tapis/username': options.username,
    'tapis/account_type': 'user',
    'tapis/client_id': null,
    'tapis/grant_type': 'password',
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setJti(randomUUID())
    .setIssuer(issuerOf(DEV_TENANT_BASE_URL))
    .setSubject(`${options.username}@${options.tenant}`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.ttlS ?? DEV_TOKEN_TTL_S))
    .sign(createPrivateKey(keys.privateKey));
}
