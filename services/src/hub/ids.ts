import { ApiError } from '../common/errors.js';
import type { RepoKind } from './catalog/types.js';

/** Longest id accepted: the spec's `ModelId` / `DatasetId` `maxLength`. */
const MAX_ID_LENGTH = 256;

/** Longest revision accepted: the spec's `Revision` `maxLength`. */
const MAX_REVISION_LENGTH = 100;

/**
 * Whether `value` holds a C0 or C1 control character or DEL (U+0000-U+001F, U+007F-U+009F): a log line, a file
 * path or an upstream URL must never receive one. The one home of that rule.
 */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** An id and the suffix route (`card`, `files`, ...) it was followed by, parsed from the raw path. */
export interface ParsedIdPath<S extends string> {
  id: string;
  suffix: S | null;
}

/**
 * Checks a decoded model or dataset id: one or two non-empty segments (`gpt2`, `google/flan-t5-small`),
 * no `..`, no control characters, not over-long. Throws 400 INVALID_ID naming the problem.
 */
export function validateRepoId(id: string, kind: RepoKind = 'model'): string {
  const reject = (why: string): never => {
    throw new ApiError('INVALID_ID', `Invalid ${kind} id: ${why}`, { id: printable(id) });
  };
  if (id.length === 0) reject('it is empty');
  if (id.length > MAX_ID_LENGTH) reject(`it is longer than ${MAX_ID_LENGTH} characters`);
  if (hasControlCharacters(id)) reject('it contains control characters');
  const segments = id.split('/');
  // `a//b` is an empty segment to the person who typed it, not a third one.
  if (segments.some((s) => s === '')) reject('it has an empty segment');
  if (segments.length > 2) reject('it has more than two segments (owner/name)');
  if (segments.some((s) => s === '.' || s === '..' || s.includes('..'))) reject("it contains '..'");
  if (segments.some((s) => s.trim() !== s)) reject('a segment starts or ends with white space');
  return id;
}

// Characters git's check-ref-format refuses anywhere in a ref name (besides control characters).
const REF_FORBIDDEN = /[ ~^:?*[\\]/;

/**
 * Checks a `revision`: a commit sha, or a branch or tag name by git's `check-ref-format` rules (no `..`, no
 * `@{`, no control characters, space, `~ ^ : ? * [ \`, no component starting with `.` or ending with `.lock`,
 * no empty component, not ending with `.`, not `@`), and not starting with `-` (an option to git). Throws 400
 * INVALID_PARAMETER naming `revision` and the rule; the caller still percent-encodes it upstream.
 */
export function validateRevision(revision: string): string {
  const reject = (why: string): never => {
    throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'revision': ${why}`, {
      parameter: 'revision',
      revision: printable(revision),
    });
  };
  if (revision.length === 0) reject('it is empty');
  if (revision.length > MAX_REVISION_LENGTH) reject(`it is longer than ${MAX_REVISION_LENGTH} characters`);
  if (hasControlCharacters(revision)) reject('it contains control characters');
  if (REF_FORBIDDEN.test(revision)) reject('it contains a character git refuses in a ref name (space ~ ^ : ? * [ \\)');
  if (revision.startsWith('-')) reject("it starts with '-'");
  if (revision.includes('..')) reject("it contains '..'");
  if (revision.includes('@{') || revision === '@') reject("it is '@' or contains '@{'");
  if (revision.endsWith('.')) reject("it ends with '.'");
  const components = revision.split('/');
  if (components.some((c) => c === '')) reject("it has an empty component ('/' at an end, or '//')");
  if (components.some((c) => c.startsWith('.'))) reject("a component starts with '.'");
  if (components.some((c) => c.endsWith('.lock'))) reject("a component ends with '.lock'");
  return revision;
}

/** Longest file path accepted: the spec's `path` `maxLength`. */
const MAX_PATH_LENGTH = 1024;

/**
 * Checks the `path` of a file inside a repository and returns its segments: not empty, not over-long, no
 * control characters, no backslash, not absolute, no empty, `.` or `..` segment. Throws 400 INVALID_PARAMETER
 * naming `path`. What it passes may be joined below a folder or, each segment percent-encoded, into an upstream URL.
 */
export function validateRepoPath(filePath: string): string[] {
  const bad = (why: string): never => {
    throw new ApiError('INVALID_PARAMETER', `Invalid parameter 'path': ${why}`, { parameter: 'path' });
  };
  if (filePath.length === 0) bad('it is empty');
  if (filePath.length > MAX_PATH_LENGTH) bad(`it is longer than ${MAX_PATH_LENGTH} characters`);
  if (hasControlCharacters(filePath)) bad('it contains control characters');
  if (filePath.includes('\\')) bad('it contains a backslash');
  if (filePath.startsWith('/') || /^[A-Za-z]:/.test(filePath)) bad('it is absolute');
  const segments = filePath.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) bad("it has an empty, '.' or '..' segment");
  return segments;
}

/**
 * Parses `{id}` or `{id}/{suffix}` from the raw (still percent-encoded) path below a route prefix.
 * The id travels either as ONE segment with `%2F` (what clients send) or raw with its slash (what a proxy
 * that decodes `%2F` forwards), so each raw segment is decoded on its own and a known suffix is only
 * taken from the LAST raw segment, after an id segment.
 */
export function parseIdPath<S extends string>(rawRest: string, suffixes: readonly S[], kind: RepoKind = 'model'): ParsedIdPath<S> {
  const rest = rawRest.split('?')[0] ?? '';
  const raw = rest.split('/');
  // A trailing slash (`/models/gpt2/`) is an empty last segment, not an id.
  let suffix: S | null = null;
  const last = raw[raw.length - 1];
  if (raw.length > 1 && last !== undefined && (suffixes as readonly string[]).includes(last)) {
    suffix = last as S;
    raw.pop();
  }
  const decoded = raw.map((segment) => decodeSegment(segment, kind));
  return { id: validateRepoId(decoded.join('/'), kind), suffix };
}

/** The id as one path segment, for links this hub writes (`google%2Fflan-t5-small`). */
export function encodeRepoId(id: string): string {
  return encodeURIComponent(id);
}

function decodeSegment(segment: string, kind: RepoKind): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError('INVALID_ID', `Invalid ${kind} id: bad percent-encoding`, { id: printable(segment) });
  }
}

/** The id as it may be echoed back: control characters escaped, cut to a readable length. */
function printable(id: string): string {
  const cut = id.length > 80 ? `${id.slice(0, 80)}…` : id;
  return JSON.stringify(cut).slice(1, -1);
}
