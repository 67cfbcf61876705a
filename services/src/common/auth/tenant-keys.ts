import { Tenants } from '@tapis/tapis-typescript';
import { importSPKI } from 'jose';
import { ConfigError, type StaticTenantKey } from '../config.js';
import { ApiError } from '../errors.js';
import { invalidToken } from './verifier.js';

/** The fetch the Tenants client calls; injectable so tests and the dev tenant need no network. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A tenant's verification key and what the issuer of its tokens must be. */
export interface TenantKey {
  tenant: string;
  key: CryptoKey;
  /** `{base_url}/v3/tokens`; undefined for a static key given without base url. */
  issuer: string | undefined;
  /** When the key was fetched (ms, the store's clock); static keys never go stale. */
  fetchedAt: number;
  source: 'tenants' | 'static';
  /** Said with 'signature does not verify': what to check when this tenant's tokens fail (the dev tenant's key folder). */
  signatureHint?: string;
}

/** Where one tenant's record is fetched: a Tenants API base path and the fetch to reach it. */
export interface TenantsLocation {
  basePath: string;
  fetch?: FetchLike;
  /** Added to 'signature does not verify' for this tenant's tokens. */
  signatureHint?: string;
}

export interface TenantKeyStoreOptions {
  /** Base URL of the Tenants API for every tenant not listed in `locations`. */
  tenantsUrl: string;
  /** Tenants answered elsewhere (the dev tenant answers from the service itself). */
  locations?: Record<string, TenantsLocation>;
  /** Keys configured by hand; these tenants never reach the Tenants API. */
  staticKeys?: Record<string, string | StaticTenantKey>;
  /** Budget of one Tenants call, body included. */
  timeoutMs: number;
  /** The fetch of the Tenants client; globalThis.fetch by default. */
  fetch?: FetchLike;
  /** Clock in ms; injectable so key age can be tested without waiting. */
  now?: () => number;
}

// An unknown tenant is remembered for a while, so made-up tenant ids cannot hammer the Tenants API.
const UNKNOWN_TENANT_TTL_MS = 60_000;
const RETRY_AFTER_S = '5';

export function issuerOf(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v3/tokens`;
}

/**
 * Tenant public keys: static ones, and the `public_key` of `GET /v3/tenants/{id}` fetched through the
 * Tenants client of @tapis/tapis-typescript, cached, with concurrent misses sharing one fetch.
 */
export class TenantKeyStore {
  private readonly options: TenantKeyStoreOptions;
  private readonly now: () => number;
  private readonly keys = new Map<string, TenantKey>();
  private readonly inflight = new Map<string, Promise<TenantKey>>();
  private readonly unknownUntil = new Map<string, number>();
  private readonly staticReady: Promise<void>;

  constructor(options: TenantKeyStoreOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.staticReady = this.loadStatic(options.staticKeys ?? {});
    // Reported by ready() at boot; keep the rejection from going unhandled before then.
    this.staticReady.catch(() => undefined);
  }

  /** Resolves once static keys are imported; rejects with a ConfigError naming a bad one. */
  ready(): Promise<void> {
    return this.staticReady;
  }

  /** Tenants whose key is configured statically. */
  staticTenants(): string[] {
    return Object.keys(this.options.staticKeys ?? {});
  }

  /** The cached key of a tenant, fetching it on a miss. */
  async get(tenant: string): Promise<TenantKey> {
    const cached = this.keys.get(tenant);
    if (cached) return cached;
    if (this.options.staticKeys?.[tenant] !== undefined) {
      await this.staticReady;
      const loaded = this.keys.get(tenant);
      if (loaded) return loaded;
    }
    return this.fetchShared(tenant);
  }

  /**
   * After a signature failure: a fresh key if the one used is older than `minAgeMs` (the tenant may have
   * rotated it), else undefined. Concurrent callers share one fetch.
   */
  async refreshIfOlderThan(stale: TenantKey, minAgeMs: number): Promise<TenantKey | undefined> {
    if (stale.source === 'static') return undefined;
    const current = this.keys.get(stale.tenant);
    if (current && current !== stale) return current;
    if (this.now() - stale.fetchedAt < minAgeMs) return undefined;
    return this.fetchShared(stale.tenant);
  }

  private fetchShared(tenant: string): Promise<TenantKey> {
    const pending = this.inflight.get(tenant);
    if (pending) return pending;
    const until = this.unknownUntil.get(tenant);
    if (until !== undefined && until > this.now()) return Promise.reject(unknownTenant(tenant));
    const promise = this.fetchKey(tenant).finally(() => this.inflight.delete(tenant));
    this.inflight.set(tenant, promise);
    return promise;
  }

  private async fetchKey(tenant: string): Promise<TenantKey> {
    const location = this.options.locations?.[tenant] ?? { basePath: this.options.tenantsUrl, fetch: this.options.fetch };
    const fetchApi = location.fetch ?? this.options.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));
    const api = new Tenants.TenantsApi(new Tenants.Configuration({ basePath: location.basePath.replace(/\/+$/, ''), fetchApi }));
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Raced as well as aborted: a fetch that ignores its signal still cannot make a request hang.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`the Tenants API did not answer within ${this.options.timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, this.options.timeoutMs);
    });
    let record: Tenants.Tenant | undefined;
    try {
      const answer = await Promise.race([api.getTenant({ tenantId: tenant }, { signal: controller.signal }), timeout]);
      record = answer.result;
    } catch (error) {
      if (error instanceof Response) {
        if (error.status === 404 || error.status === 400) {
          this.unknownUntil.set(tenant, this.now() + UNKNOWN_TENANT_TTL_MS);
          throw unknownTenant(tenant);
        }
        throw unavailable(`the Tenants API answered ${error.status}`, error);
      }
      const message = (error as Error).message ?? String(error);
      if ((error as Error).name === 'SyntaxError') throw unavailable('the Tenants API answered something that is not JSON', error);
      if (controller.signal.aborted) throw unavailable(message, error);
      throw unavailable(`the Tenants API is unreachable (${causeOf(error)})`, error);
    } finally {
      clearTimeout(timer);
    }
    if (!record || record.tenant_id !== tenant || typeof record.public_key !== 'string' || typeof record.base_url !== 'string') {
      throw unavailable(`the Tenants API gave no public key for tenant '${tenant}'`);
    }
    let key: CryptoKey;
    try {
      key = await importSPKI(record.public_key, 'RS256');
    } catch (error) {
      throw unavailable(`the public key of tenant '${tenant}' is not a usable RSA key`, error);
    }
    const entry: TenantKey = { tenant, key, issuer: issuerOf(record.base_url), fetchedAt: this.now(), source: 'tenants' };
    if (location.signatureHint !== undefined) entry.signatureHint = location.signatureHint;
    this.keys.set(tenant, entry);
    this.unknownUntil.delete(tenant);
    return entry;
  }

  private async loadStatic(staticKeys: Record<string, string | StaticTenantKey>): Promise<void> {
    for (const [tenant, value] of Object.entries(staticKeys)) {
      const { public_key: pem, base_url: baseUrl } = typeof value === 'string' ? { public_key: value, base_url: undefined } : value;
      let key: CryptoKey;
      try {
        key = await importSPKI(pem, 'RS256');
      } catch {
        throw new ConfigError([{ variable: 'MLHUB_STATIC_KEYS', problem: `the key of tenant '${tenant}' is not an RSA public key (PEM)` }]);
      }
      this.keys.set(tenant, {
        tenant,
        key,
        issuer: baseUrl === undefined ? undefined : issuerOf(baseUrl),
        fetchedAt: Number.POSITIVE_INFINITY,
        source: 'static',
      });
    }
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'network error';
}

function unknownTenant(tenant: string): ApiError {
  return invalidToken(`unknown tenant '${tenant}'`);
}

function unavailable(reason: string, cause?: unknown): ApiError {
  return new ApiError('AUTH_UNAVAILABLE', `Cannot verify the Tapis token: ${reason}`, undefined, {
    headers: { 'retry-after': RETRY_AFTER_S },
    cause,
  });
}
