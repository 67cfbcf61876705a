/**
 * The user a Tapis token names (`tapis/username`, else the part of `sub` before `@`), read without
 * verifying: it only decides which servers show a stop button; the hub checks the token on every call.
 */
export function usernameOf(token: string | null | undefined): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { 'tapis/username'?: unknown; sub?: unknown };
    if (typeof claims['tapis/username'] === 'string') return claims['tapis/username'];
    return typeof claims.sub === 'string' ? (claims.sub.split('@')[0] ?? null) : null;
  } catch {
    return null;
  }
}
