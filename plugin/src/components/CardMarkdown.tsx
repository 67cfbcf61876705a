import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import { useQuery } from '@tanstack/react-query';
import { useMlHub } from '@mlhub/sdk/react';
import { createContext, useContext, useState, type ReactNode } from 'react';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { RepositoryFiles } from '../pages/repository-base.js';
import { saveBlob } from '../save-blob.js';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:|^\/\//i;
/** Stands for the repository's root while a relative URL is resolved (`./a/../b.png` is `b.png`). */
const ROOT = 'https://repository.invalid/';

/** The repository path a relative card URL names, or null for an absolute URL or a `#fragment`. */
function repositoryPath(url: string): string | null {
  if (url === '' || url.startsWith('#') || ABSOLUTE.test(url)) return null;
  const resolved = new URL(url, ROOT);
  let path: string;
  try {
    path = decodeURIComponent(resolved.pathname.slice(1));
  } catch {
    return null;
  }
  return path === '' ? null : path;
}

/** Set by a link around what it holds: an image inside a link is shown by the link, not as a link of its own. */
const InsideLink = createContext(false);

/**
 * A repository card. Cards are written by anyone on the Hub, so raw HTML is dropped (never parsed), unsafe
 * URLs (`javascript:`, `data:`...) are emptied by react-markdown's transform, and external links open apart
 * with no opener. Relative images and links name the repository's files, which come from the hub (same origin
 * as the API, with the token): images are fetched and shown from memory, links download. An image on another
 * host is never loaded by itself (a card would make every reader's browser call it): it is a link to open.
 */
export function CardMarkdown({ text, files }: { text: string; files: RepositoryFiles }) {
  // Filled by urlTransform, read by the components: the hub URL a relative address became, and its path.
  const paths = new Map<string, string>();
  const components: Components = {
    a: ({ href, children }) => {
      const path = href ? paths.get(href) : undefined;
      return (
        <InsideLink.Provider value>
          {path ? (
            <FileLink href={href ?? ''} path={path} files={files}>
              {children}
            </FileLink>
          ) : (
            <Link href={href} target="_blank" rel="noopener noreferrer">
              {children}
            </Link>
          )}
        </InsideLink.Provider>
      );
    },
    img: ({ src, alt }) => {
      const url = typeof src === 'string' ? src : '';
      const path = paths.get(url);
      return path ? <HubImage path={path} alt={alt ?? ''} files={files} /> : <ExternalImage src={url} alt={alt ?? ''} />;
    },
    // Wide tables and code scroll sideways: focusable, so a keyboard can scroll them too.
    table: ({ children }) => (
      <Box tabIndex={0} role="region" aria-label="Table" sx={{ overflowX: 'auto' }}>
        <table>{children}</table>
      </Box>
    ),
    pre: ({ children }) => <pre tabIndex={0}>{children}</pre>,
  };
  return (
    <Box sx={{ overflowWrap: 'anywhere', '& pre': { overflowX: 'auto' } }}>
      <Markdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={components}
        urlTransform={(url) => {
          const safe = defaultUrlTransform(url);
          const path = repositoryPath(safe);
          if (path === null) return safe;
          const hub = files.url(path);
          paths.set(hub, path);
          return hub;
        }}
      >
        {stripFrontMatter(text)}
      </Markdown>
    </Box>
  );
}

/** A file of the repository, shown as it was fetched through the hub (a data: URL, which the hub's CSP allows). */
function HubImage({ path, alt, files }: { path: string; alt: string; files: RepositoryFiles }) {
  const { queryClient } = useMlHub();
  const image = useQuery(
    {
      queryKey: ['mlhub', 'card-file', files.key, path],
      queryFn: async () => dataUrl(await files.fetch(path), path),
      staleTime: Infinity,
      retry: false,
    },
    queryClient,
  );
  if (image.data) return <Box component="img" src={image.data} alt={alt} sx={{ maxWidth: '100%' }} />;
  // Pending or failed: the text the author gave for it, as a browser shows an image that does not load.
  return (
    <Box
      component="span"
      role="img"
      aria-label={alt || path}
      aria-busy={image.isPending}
      title={image.isError ? `${path} could not be loaded` : path}
    >
      {alt}
    </Box>
  );
}

/** An image on another host: a link the reader may follow; the page never loads it on its own. */
function ExternalImage({ src, alt }: { src: string; alt: string }) {
  const label = `Image: ${alt || src}`;
  if (useContext(InsideLink) || src === '') return <span>{label}</span>;
  return (
    <Link href={src} target="_blank" rel="noopener noreferrer">
      {label}
    </Link>
  );
}

/** A link to a file of the repository: its hub URL as the address, downloaded with the token when followed. */
function FileLink({ href, path, files, children }: { href: string; path: string; files: RepositoryFiles; children: ReactNode }) {
  const [failure, setFailure] = useState<unknown>(null);
  return (
    <>
      <Link
        href={href}
        onClick={(event) => {
          event.preventDefault();
          setFailure(null);
          files.fetch(path).then((blob) => saveBlob(blob, path.split('/').pop() ?? path), setFailure);
        }}
      >
        {children}
      </Link>
      {/* Inline: the link sits in a paragraph, where a block (an alert) may not. */}
      {failure !== null && (
        <Box component="span" role="alert" sx={{ color: 'error.main', ml: 0.5 }}>
          (could not download {path}: {failure instanceof Error ? failure.message : 'no answer'})
        </Box>
      )}
    </>
  );
}

/** A data: URL of the image; SVG is typed here (the hub sends it as bytes), where it is shown as a picture only. */
async function dataUrl(blob: Blob, path: string): Promise<string> {
  const type = /\.svg$/i.test(path) ? 'image/svg+xml' : blob.type || 'application/octet-stream';
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return `data:${type};base64,${btoa(binary)}`;
}

/** The card body without its YAML header (shown as a table instead). */
function stripFrontMatter(text: string): string {
  return text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
}
