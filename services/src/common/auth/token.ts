import type { IncomingHttpHeaders } from 'node:http';

/** Where the token was, or why there is none. */
export type ExtractedToken = { token: string } | { missing: 'missing' | 'empty' };

const BEARER = /^Bearer[ \t]+(.*)$/i;

/**
 * The token of a request: `X-Tapis-Token` (header names arrive lower-cased, so any case works) first,
 * else `Authorization: Bearer`. Another Authorization scheme counts as no token.
 */
export function extractToken(headers: IncomingHttpHeaders): ExtractedToken {
  const tapis = headers['x-tapis-token'];
  if (tapis !== undefined) {
    const value = (Array.isArray(tapis) ? tapis.join(',') : tapis).trim();
    return value === '' ? { missing: 'empty' } : { token: value };
  }
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization.trim());
    if (match) {
      const value = (match[1] ?? '').trim();
      return value === '' ? { missing: 'empty' } : { token: value };
    }
    if (/^Bearer$/i.test(authorization.trim())) return { missing: 'empty' };
  }
  return { missing: 'missing' };
}
