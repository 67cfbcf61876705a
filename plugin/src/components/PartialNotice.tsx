import Alert from '@mui/material/Alert';
import type { ListMetadata } from '@mlhub/sdk';

/** Says which catalog sources did not answer when a list is partial. */
export function PartialNotice({ metadata }: { metadata: Pick<ListMetadata, 'partial' | 'sources'> }) {
  if (!metadata.partial) return null;
  const missing = metadata.sources.filter((source) => !source.ok);
  return (
    <Alert severity="warning" role="status">
      Partial results: {missing.length > 0 ? missing.map((s) => `${s.source}${s.error ? ` (${s.error})` : ''}`).join(', ') : 'a source'} did
      not answer.
    </Alert>
  );
}
