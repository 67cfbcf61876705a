import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Markdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i;

/**
 * A repository card. Cards are written by anyone on the Hub, so raw HTML is dropped (never parsed), unsafe
 * URLs (`javascript:`, `data:`...) are emptied by react-markdown's transform, external links open apart
 * with no opener, and relative images and links point into the repository they came from.
 */
export function CardMarkdown({ text, repositoryBase }: { text: string; repositoryBase: string }) {
  const base = repositoryBase.endsWith('/') ? repositoryBase : `${repositoryBase}/`;
  const components: Components = {
    a: ({ href, children }) => (
      <Link href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </Link>
    ),
    img: ({ src, alt }) => (
      <Box component="img" src={typeof src === 'string' ? src : undefined} alt={alt ?? ''} sx={{ maxWidth: '100%' }} />
    ),
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
          return safe && !ABSOLUTE.test(safe) ? new URL(safe.replace(/^\.?\//, ''), base).href : safe;
        }}
      >
        {stripFrontMatter(text)}
      </Markdown>
    </Box>
  );
}

/** The card body without its YAML header (shown as a table instead). */
function stripFrontMatter(text: string): string {
  return text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n?/, '');
}
