import type { IncomingHttpHeaders } from 'node:http';
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { ApiError } from '../errors.js';
import type { TapisClaims, TapisIdentity } from './identity.js';
import type { TenantKey, TenantKeyStore } from './tenant-keys.js';
import { extractToken } from './token.js';

export interface TapisVerifierOptions {
  /** Where tenant keys come from. */
  keys: TenantKeyStore;
  /** Tenants whose tokens are accepted; `*` accepts any tenant the key store knows. */
  allowedTenants: Iterable<string>;
  /** Clock skew tolerated on exp, nbf and iat, in seconds. */
  leewayS: number;
  /** A signature failure refetches the key only if the cached one is older than this (seconds). */
  refetchAfterS: number;
  /** Longest token looked at, in bytes. */
  tokenMaxBytes: number;
  /** Longest lifetime accepted, `exp - iat` (`exp - now` without `iat`), in seconds. */
  maxLifetimeS: number;
  /** Verified tokens remembered until their exp; 0 verifies every request. */
  tokenCacheSize: number;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
}

/** A token whose signature and claims checked out. */
interface VerifiedToken {
  tenant: string;
  username: string;
  accountType: string;
  claims: TapisClaims;
  exp: number;
  /** The identity of a request without on-behalf-of headers, built once: every request with this token shares it. */
  own?: TapisIdentity;
}

export function invalidToken(reason: string): ApiError {
  return new ApiError('UNAUTHORIZED', `Invalid Tapis token: ${reason}`, undefined, {
    headers: { 'www-authenticate': 'Bearer realm="Tapis"' },
  });
}

/**
 * Verifies Tapis access tokens: RS256 only, the key of the token's tenant, exp/nbf/iat with leeway,
 * token type, tenant allow-list, issuer, and the on-behalf-of rule. Every failure is an ApiError:
 * 401 UNAUTHORIZED naming the problem, or 503 AUTH_UNAVAILABLE when the key cannot be had.
 */
export class TapisVerifier {
  private readonly options: TapisVerifierOptions;
  private readonly now: () => number;
  private readonly allowed: Set<string>;
  private readonly verified: LRUCache<string, VerifiedToken> | undefined;

  constructor(options: TapisVerifierOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.allowed = new Set(options.allowedTenants);
    this.verified = options.tokenCacheSize > 0 ? new LRUCache({ max: options.tokenCacheSize }) : undefined;
  }

  isAllowed(tenant: string): boolean {
    return this.allowed.has(tenant) || this.allowed.has('*');
  }

  /**
   * The identity of a request from its headers; throws the 401/503 ApiError otherwise. Pass the raw header
   * list (`request.raw.rawHeaders`) too: only it shows a repeated `Authorization`, which Node drops.
   */
  async authenticate(headers: IncomingHttpHeaders, rawHeaders?: readonly string[]): Promise<TapisIdentity> {
    const extracted = extractToken(headers, rawHeaders);
    if ('ambiguous' in extracted) throw invalidToken(`more than one credential: ${extracted.ambiguous}`);
    if ('missing' in extracted) {
      throw invalidToken(
        extracted.missing === 'empty' ? 'empty' : 'missing; send it in the X-Tapis-Token header or as Authorization: Bearer',
      );
    }
    const token = await this.verify(extracted.token);
    return this.identityOf(token, headers);
  }

  /**
   * `authenticate` without waiting, for a token verified before and not expired: its identity, or undefined when
   * the token must go through `authenticate` (not remembered, missing, too large). Throws the same 401 errors.
   */
  authenticateRemembered(headers: IncomingHttpHeaders, rawHeaders?: readonly string[]): TapisIdentity | undefined {
    const extracted = extractToken(headers, rawHeaders);
    if ('ambiguous' in extracted) throw invalidToken(`more than one credential: ${extracted.ambiguous}`);
    if ('missing' in extracted || extracted.token.length > this.options.tokenMaxBytes) return undefined;
    const cached = this.verified?.get(extracted.token);
    if (cached === undefined) return undefined;
    if (cached.exp + this.options.leewayS <= this.now() / 1000) {
      this.verified?.delete(extracted.token);
      throw invalidToken('expired');
    }
    return this.identityOf(cached, headers);
  }

  /** Verifies one token string (no request headers involved). */
  async verify(token: string): Promise<VerifiedToken> {
    if (token.length > this.options.tokenMaxBytes) throw invalidToken(`too large (over ${this.options.tokenMaxBytes} bytes)`);
    const cached = this.verified?.get(token);
    if (cached) {
      if (cached.exp + this.options.leewayS > this.now() / 1000) return cached;
      this.verified?.delete(token);
      throw invalidToken('expired');
    }
    const result = await this.verifyUncached(token);
    this.verified?.set(token, result);
    return result;
  }

  private async verifyUncached(token: string): Promise<VerifiedToken> {
    const parts = token.split('.');
    if (parts.length !== 3) throw invalidToken(`malformed (${parts.length} dot-separated parts, a JWT has 3)`);
    let alg: string | undefined;
    let unverified: TapisClaims;
    try {
      alg = decodeProtectedHeader(token).alg;
      unverified = decodeJwt(token);
    } catch {
      throw invalidToken('malformed (header or payload is not base64url JSON)');
    }
    if (alg !== 'RS256') throw invalidToken(`algorithm '${String(alg)}' is not accepted (RS256 only)`);
    const tenant = unverified['tapis/tenant_id'];
    if (typeof tenant !== 'string' || tenant === '') throw invalidToken('no tapis/tenant_id claim');
    if (!this.isAllowed(tenant)) throw invalidToken(`tenant '${tenant}' is not accepted by this service`);

    const key = await this.options.keys.get(tenant);
    const claims = await this.verifySignatureAndTimes(token, key);

    const iat = claims.iat;
    const nowS = this.now() / 1000;
    if (iat !== undefined && iat > nowS + this.options.leewayS) throw invalidToken('issued in the future (iat)');
    // A token that never expires in practice (exp = 1e12) is a stolen credential forever; real Tapis tokens live hours.
    const lifetimeS = (claims.exp as number) - (iat ?? nowS);
    if (lifetimeS > this.options.maxLifetimeS + this.options.leewayS) {
      throw invalidToken(
        `lives too long (exp - ${iat === undefined ? 'now' : 'iat'} = ${Math.round(lifetimeS)} s, over ${this.options.maxLifetimeS} s)`,
      );
    }
    const type = claims['tapis/token_type'];
    if (type !== 'access') throw invalidToken(`not an access token (tapis/token_type is '${String(type)}')`);
    if (key.issuer !== undefined && claims.iss !== key.issuer) {
      throw invalidToken(`issuer '${String(claims.iss)}' is not tenant '${tenant}' (${key.issuer})`);
    }
    const username = claims['tapis/username'];
    if (typeof username !== 'string' || username === '') throw invalidToken('no tapis/username claim');
    const accountType = claims['tapis/account_type'];
    return {
      tenant,
      username,
      accountType: typeof accountType === 'string' ? accountType : 'user',
      claims,
      exp: claims.exp as number,
    };
  }

  private async verifySignatureAndTimes(token: string, key: TenantKey): Promise<TapisClaims> {
    try {
      return await this.jwtVerify(token, key);
    } catch (error) {
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw explain(error);
    }
    // The tenant may have rotated its key: one refetch, if the cached key is old enough to be stale.
    const fresh = await this.options.keys.refreshIfOlderThan(key, this.options.refetchAfterS * 1000);
    if (!fresh || fresh.key === key.key) throw invalidToken(signatureFailure(key));
    try {
      return await this.jwtVerify(token, fresh);
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) throw invalidToken(signatureFailure(fresh));
      throw explain(error);
    }
  }

  private async jwtVerify(token: string, key: TenantKey): Promise<TapisClaims> {
    const { payload } = await jwtVerify<TapisClaims>(token, key.key, {
      algorithms: ['RS256'],
      clockTolerance: this.options.leewayS,
      currentDate: new Date(this.now()),
      requiredClaims: ['exp'],
    });
    return payload;
  }

  private identityOf(token: VerifiedToken, headers: IncomingHttpHeaders): TapisIdentity {
    const oboUser = headers['x-tapis-user'];
    const oboTenant = headers['x-tapis-tenant'];
    if (oboUser === undefined && oboTenant === undefined) {
      token.own ??= Object.freeze({
        tenant: token.tenant,
        username: token.username,
        accountType: token.accountType,
        onBehalfOf: false,
        claims: token.claims,
      });
      return token.own;
    }
    if (token.accountType !== 'service') {
      throw invalidToken('on-behalf-of headers (X-Tapis-User, X-Tapis-Tenant) are only accepted with service tokens');
    }
    if (typeof oboUser !== 'string' || oboUser === '' || typeof oboTenant !== 'string' || oboTenant === '') {
      throw invalidToken('a service token acting on behalf of a user needs both X-Tapis-User and X-Tapis-Tenant');
    }
    if (!this.isAllowed(oboTenant)) throw invalidToken(`tenant '${oboTenant}' is not accepted by this service`);
    return { tenant: oboTenant, username: oboUser, accountType: token.accountType, onBehalfOf: true, claims: token.claims };
  }
}

function signatureFailure(key: TenantKey): string {
  return key.signatureHint === undefined ? 'signature does not verify' : `signature does not verify (${key.signatureHint})`;
}

function explain(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidToken('signature does not verify');
  if (error instanceof errors.JWTExpired) return invalidToken('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return invalidToken('not yet valid (nbf)');
    if (error.reason === 'missing') return invalidToken(`no ${error.claim} claim`);
    return invalidToken(`bad ${error.claim} claim`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return invalidToken('algorithm is not accepted (RS256 only)');
  if (error instanceof errors.JOSEError) return invalidToken('malformed');
  return new ApiError('INTERNAL_ERROR', 'Token verification failed', undefined, { cause: error });
}
