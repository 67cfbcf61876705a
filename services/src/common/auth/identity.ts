import type { JWTPayload } from 'jose';

/** The claims of a Tapis token that the services read. */
export interface TapisClaims extends JWTPayload {
  'tapis/tenant_id'?: string;
  'tapis/username'?: string;
  'tapis/token_type'?: string;
  'tapis/account_type'?: string;
  'tapis/delegation'?: boolean;
}

/** Who a request comes from, once its token verified. */
export interface TapisIdentity {
  /** The tenant the request acts in (the token's, or the on-behalf-of tenant of a service token). */
  tenant: string;
  /** The user the request acts for. */
  username: string;
  /** `user` or `service`. */
  accountType: string;
  /** True when a service token acts on behalf of `X-Tapis-User` / `X-Tapis-Tenant`. */
  onBehalfOf: boolean;
  /** Every claim of the verified token. */
  claims: TapisClaims;
}
