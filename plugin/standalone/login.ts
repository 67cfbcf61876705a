/** The token as TapisUI keeps it after its login form (`result.access_token` of the Authenticator). */
export interface StoredToken {
  access_token: string;
  expires_at: string;
}

const KEY = 'tapis-token';

export function loadToken(now = Date.now()): StoredToken | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as StoredToken | null;
    return stored && Date.parse(stored.expires_at) > now ? stored : null;
  } catch {
    return null;
  }
}

export function saveToken(token: StoredToken | null): void {
  if (token) localStorage.setItem(KEY, JSON.stringify(token));
  else localStorage.removeItem(KEY);
}

/** What TapisUI asks first: the tenants this gateway knows. */
export async function listTenants(): Promise<string[]> {
  const response = await fetch('/v3/tenants');
  const body = (await response.json()) as { result?: Array<{ tenant_id: string }> };
  return (body.result ?? []).map((tenant) => tenant.tenant_id);
}

/** TapisUI's login: the password grant of `POST /v3/oauth2/tokens`. */
export async function login(username: string, password: string): Promise<StoredToken> {
  const response = await fetch('/v3/oauth2/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, grant_type: 'password' }),
  });
  const body = (await response.json()) as { message?: string; result?: { access_token?: StoredToken } };
  const token = body.result?.access_token;
  if (!response.ok || !token) throw new Error(body.message ?? `Login failed (${response.status})`);
  return { access_token: token.access_token, expires_at: token.expires_at };
}
