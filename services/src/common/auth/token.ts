import type { IncomingHttpHeaders } from 'node:http';

/** Where the token was, or why there is none (or why the request's credentials are refused outright). */
export type ExtractedToken = { token: string } | { missing: 'missing' | 'empty' } | { ambiguous: string };

const BEARER = /^Bearer[ \t]+(.*)$/i;

/**
 * Why a request's credential headers are ambiguous, or undefined when they are not. Node keeps only the first
 * `Authorization` and joins repeated `X-Tapis-Token` values, so only the raw header list shows a second value:
 * a proxy that reads the other one would see another user. Refused: more than one `X-Tapis-Token`, more than
 * one `Authorization`, and `X-Tapis-Token` with `Authorization: Bearer` (two tokens). An `Authorization` of
 * another scheme beside `X-Tapis-Token` is not a Tapis credential (an ingress's Basic auth) and is ignored.
 */
function ambiguousCredentials(rawHeaders: readonly string[]): string | undefined {
  let tapis = 0;
  let authorization = 0;
  let bearer = false;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    // Both names are 13 characters: most headers are skipped without lower-casing them.
    if (name.length !== 13) continue;
    const lower = name.toLowerCase();
    if (lower === 'x-tapis-token') tapis += 1;
    else if (lower === 'authorization') {
      authorization += 1;
      if (/^\s*Bearer(\s|$)/i.test(rawHeaders[index + 1] ?? '')) bearer = true;
    }
  }
  if (tapis > 1) return `${tapis} X-Tapis-Token headers; send exactly one token`;
  if (authorization > 1) return `${authorization} Authorization headers; send exactly one token`;
  if (tapis === 1 && bearer) return 'both X-Tapis-Token and Authorization: Bearer; send exactly one token';
  return undefined;
}

/**
 * The token of a request: `X-Tapis-Token` (header names arrive lower-cased, so any case works) first,
 * else `Authorization: Bearer`. Another Authorization scheme counts as no token. With `rawHeaders`
 * (`request.raw.rawHeaders`), ambiguous credentials (see `ambiguousCredentials`) are reported.
 */
export function extractToken(headers: IncomingHttpHeaders, rawHeaders?: readonly string[]): ExtractedToken {
  const ambiguous = rawHeaders === undefined ? undefined : ambiguousCredentials(rawHeaders);
  if (ambiguous !== undefined) return { ambiguous };
  const tapis = headers['x-tapis-token'];
  if (tapis !== undefined) {
    if (Array.isArray(tapis) && tapis.length > 1) return { ambiguous: `${tapis.length} X-Tapis-Token headers; send exactly one token` };
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
