import { ApiError } from '../../common/errors.js';
import type { CardImage, RepoKind } from '../catalog/types.js';

/** What the hub reads of a file with an image extension: the types upstream may declare and its first bytes. */
export interface ImageKind {
  /** The extension's image type. */
  type: string;
  /** The type it is sent with: SVG, a document that can carry script, is never sent as one. */
  sent: string;
  /** Types an upstream may declare for it besides generic bytes. */
  declared: readonly string[];
  /** Whether the first bytes are this kind of image: an upstream that lies about the type is caught here. */
  looksLike(bytes: Uint8Array): boolean;
}

const bytesAt = (bytes: Uint8Array, at: number, expected: string): boolean =>
  [...expected].every((c, i) => bytes[at + i] === c.charCodeAt(0));

const PNG: ImageKind = {
  type: 'image/png',
  sent: 'image/png',
  declared: ['image/png'],
  looksLike: (b) => bytesAt(b, 0, '\x89PNG\r\n\x1a\n'),
};
const JPEG: ImageKind = {
  type: 'image/jpeg',
  sent: 'image/jpeg',
  declared: ['image/jpeg', 'image/jpg'],
  looksLike: (b) => bytesAt(b, 0, '\xff\xd8\xff'),
};
const GIF: ImageKind = { type: 'image/gif', sent: 'image/gif', declared: ['image/gif'], looksLike: (b) => bytesAt(b, 0, 'GIF8') };
const WEBP: ImageKind = {
  type: 'image/webp',
  sent: 'image/webp',
  declared: ['image/webp'],
  looksLike: (b) => bytesAt(b, 0, 'RIFF') && bytesAt(b, 8, 'WEBP'),
};
const AVIF: ImageKind = {
  type: 'image/avif',
  sent: 'image/avif',
  declared: ['image/avif'],
  // An ISO-BMFF `ftyp` box whose major brand is an AVIF one.
  looksLike: (b) => bytesAt(b, 4, 'ftyp') && (bytesAt(b, 8, 'avif') || bytesAt(b, 8, 'avis')),
};
const SVG: ImageKind = {
  type: 'image/svg+xml',
  sent: 'application/octet-stream',
  declared: ['image/svg+xml', 'text/plain', 'text/xml', 'application/xml'],
  // Markup: after an optional byte-order mark and white space, a tag.
  looksLike: (b) => /^(\ufeff)?\s*</.test(new TextDecoder().decode(b.subarray(0, 512))),
};

/** The images a card shows, by extension (lower case). */
const CARD_IMAGES: Record<string, ImageKind> = { png: PNG, jpg: JPEG, jpeg: JPEG, gif: GIF, webp: WEBP, avif: AVIF, svg: SVG };

const GENERIC_TYPES = new Set(['application/octet-stream', 'binary/octet-stream']);

/** Redirects followed at most (Hugging Face answers an LFS file with one, to its CDN). */
const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Largest card image read by default, 5 MiB. */
export const DEFAULT_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Where Hugging Face sends LFS and Xet downloads. */
export const DEFAULT_IMAGE_HOSTS: readonly string[] = [
  'cdn-lfs.huggingface.co',
  'cdn-lfs-us-1.huggingface.co',
  'cdn-lfs-eu-1.huggingface.co',
  'cdn-lfs.hf.co',
  'cdn-lfs-us-1.hf.co',
  'cdn-lfs-eu-1.hf.co',
  'cas-bridge.xethub.hf.co',
];

/** The image kind a path's extension names, or null: not a file a card shows. */
export function cardImageKind(path: string): ImageKind | null {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return Object.hasOwn(CARD_IMAGES, extension) ? (CARD_IMAGES[extension] ?? null) : null;
}

/** The type a store file is sent with: a raster image as itself, everything else (SVG included) as bytes. */
export function storeFileType(path: string): string {
  return cardImageKind(path)?.sent ?? 'application/octet-stream';
}

/** 403 for a path of a Hugging Face repository that is not a card image: this route never proxies weights or data. */
export function notACardImage(kind: RepoKind, path: string): ApiError {
  return new ApiError(
    'FORBIDDEN',
    `Only a card's images (${Object.keys(CARD_IMAGES).join(', ')}) of a Hugging Face ${kind} are served here, not '${path}'; its download link is in the download answer`,
    { parameter: 'path' },
  );
}

/** 422 for an image over the cap, declared or counted. */
export function imageTooLarge(path: string, maxBytes: number): ApiError {
  return new ApiError(
    'UNPROCESSABLE',
    `Image '${path}' is larger than ${maxBytes} bytes (MLHUB_CARD_IMAGE_MAX_BYTES); open it on Hugging Face`,
    { parameter: 'path', maxBytes },
  );
}

/** An upstream answer that is not 2xx, for the source to map as it maps its other answers. */
class UpstreamStatus extends Error {
  constructor(readonly statusCode: number) {
    super(`Hugging Face answered ${statusCode}`);
  }
}

/** Where a redirect may lead: the hub itself, or an `https` host of the allow-list; never a host a card or client named. */
export interface RedirectRule {
  hubOrigin: string;
  hosts: readonly string[];
}

function redirectTarget(location: string | null, from: string, path: string, rule: RedirectRule): string {
  let next: URL | null = null;
  try {
    next = location ? new URL(location, from) : null;
  } catch {
    next = null;
  }
  if (!next) throw new ApiError('UPSTREAM_ERROR', `Hugging Face redirected '${path}' without a usable Location`);
  if (next.username === '' && next.password === '') {
    if (next.origin === rule.hubOrigin) return next.href;
    if (next.protocol === 'https:' && next.port === '' && rule.hosts.includes(next.hostname.toLowerCase())) return next.href;
  }
  throw new ApiError(
    'UPSTREAM_ERROR',
    `Hugging Face redirected '${path}' to ${next.protocol}//${next.host}, which is not a host of MLHUB_CARD_IMAGE_HOSTS; the image was not fetched`,
    { host: next.host },
  );
}

/**
 * Reads a card image at `url` (built by the source from validated parts) through `fetchFn` (the source's
 * budgeted, capped fetch), following at most a few redirects by `rule`, and checks the declared type and the
 * first bytes against the extension's kind.
 */
export async function fetchCardImage(
  fetchFn: typeof fetch,
  url: string,
  path: string,
  kind: ImageKind,
  rule: RedirectRule,
): Promise<CardImage> {
  let at = url;
  for (let hops = 0; ; hops++) {
    const res = await fetchFn(at, { redirect: 'manual', headers: { accept: `${kind.type}, image/*;q=0.8` } });
    if (REDIRECTS.has(res.status)) {
      await res.body?.cancel();
      if (hops === MAX_REDIRECTS)
        throw new ApiError('UPSTREAM_ERROR', `Hugging Face redirected '${path}' more than ${MAX_REDIRECTS} times`);
      at = redirectTarget(res.headers.get('location'), at, path, rule);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new UpstreamStatus(res.status);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    const declared = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!kind.declared.includes(declared) && !GENERIC_TYPES.has(declared)) {
      throw new ApiError('UPSTREAM_ERROR', `Hugging Face answered '${declared || 'no type'}' for '${path}', not ${kind.type}`);
    }
    if (!kind.looksLike(bytes))
      throw new ApiError('UPSTREAM_ERROR', `Hugging Face answered '${path}' with bytes that are not ${kind.type}`);
    return { type: kind.sent, attachment: kind.sent !== kind.type, base64: Buffer.from(bytes).toString('base64') };
  }
}
