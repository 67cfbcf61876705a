import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../../common/errors.js';
import { ensureSecretFile } from '../../common/secret-file.js';
import { HF_PAGE_SIZE } from '../sources/huggingface.js';
import type { SortPosition } from './query/sort.js';

const KEY_BYTES = 32;
/** Longest upstream page token kept (Hugging Face's are ~100 characters of base64). */
const MAX_UPSTREAM_CURSOR = 2048;

/**
 * What a list cursor holds. It names no URL: the hub rebuilds every upstream URL from the query's validated
 * filters plus Hugging Face's own page token, and the whole state is signed, so a client can neither point
 * the hub elsewhere nor change an offset.
 */
export interface CursorState {
  /** Fingerprint of filters, sort, direction and sources. */
  q: string;
  /** Last item emitted from a local source (store, or the snapshot): locals resume strictly after it. */
  l: SortPosition | null;
  /** Last item emitted from any source: the snapshot resumes after it when it stands in for Hugging Face. */
  k: SortPosition | null;
  /** Hugging Face position: its page token (null: the first page) and items consumed from that page; null when its list is done. */
  h: UpstreamPosition | null;
}

export interface UpstreamPosition {
  c: string | null;
  s: number;
}

/** The cursor signing key in `file`, created (32 random bytes, mode 0600, atomically) on first use. */
export function ensureCursorKey(file: string): Buffer {
  const text = ensureSecretFile(file, () => randomBytes(KEY_BYTES).toString('base64url'));
  const key = Buffer.from(text.trim(), 'base64url');
  if (key.length < KEY_BYTES) throw new Error(`${file} holds no cursor key (${key.length} bytes); delete it to make a new one`);
  return key;
}

const invalid = (why: string): never => {
  throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'cursor': ${why}`, { parameter: 'cursor' });
};

/** Seals and opens list cursors: `base64url(JSON).base64url(HMAC-SHA256)`. */
export class CursorSeal {
  private readonly key: Buffer;

  /** Without a key (a catalog built in a test or a script) cursors hold for this process only. */
  constructor(key: Buffer = randomBytes(KEY_BYTES)) {
    this.key = key;
  }

  seal(state: CursorState): string {
    const body = Buffer.from(JSON.stringify(state)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The state of a cursor this hub sealed for the query fingerprinted `q`; 400 INVALID_PARAMETER otherwise. */
  open(cursor: string, q: string): CursorState {
    const [body, mac, extra] = cursor.split('.');
    if (!body || !mac || extra !== undefined) return invalid('it is not a cursor this hub wrote');
    const given = Buffer.from(mac, 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid('it is not a cursor this hub wrote');
    let state: unknown;
    try {
      state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return invalid('it is not a cursor this hub wrote');
    }
    // Signed by us, and still checked: a key leaked or an older hub's shape must not reach the merge.
    const checked = checkState(state);
    if (checked.q !== q) invalid('it belongs to another query (filters, sort or direction changed)');
    return checked;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

function checkState(value: unknown): CursorState {
  if (!value || typeof value !== 'object') return invalid('it is not a cursor this hub wrote');
  const state = value as Record<string, unknown>;
  if (typeof state['q'] !== 'string') return invalid('it is not a cursor this hub wrote');
  const h = state['h'];
  if (h !== null) {
    if (!h || typeof h !== 'object') return invalid('it is not a cursor this hub wrote');
    const { c, s } = h as Record<string, unknown>;
    if (c !== null && (typeof c !== 'string' || c.length === 0 || c.length > MAX_UPSTREAM_CURSOR))
      return invalid('its upstream position is not valid');
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > HF_PAGE_SIZE) {
      return invalid(`its upstream offset must be an integer from 0 to ${HF_PAGE_SIZE}`);
    }
  }
  return { q: state['q'], l: position(state['l']), k: position(state['k']), h: h as UpstreamPosition | null };
}

function position(value: unknown): SortPosition | null {
  if (value === null) return null;
  if (!value || typeof value !== 'object') return invalid('its position is not valid');
  const p: Partial<SortPosition> = value;
  const ok = typeof p.id === 'string' && (p.v === null || typeof p.v === 'string' || (typeof p.v === 'number' && Number.isFinite(p.v)));
  return ok ? (p as SortPosition) : invalid('its position is not valid');
}
