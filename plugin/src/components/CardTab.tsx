import type { Card } from '@mlhub/sdk';
import { CardMarkdown } from './CardMarkdown.js';
import { MetadataTable } from './MetadataTable.js';
import { QueryView, type QueryState } from './QueryView.js';

/** A repository's card: the YAML metadata as a table, then the text. */
export function CardTab({ card, repositoryBase }: { card: QueryState<Card>; repositoryBase: string }) {
  return (
    <QueryView
      query={card}
      label="the card"
      isEmpty={(c) => c.text.trim() === '' && Object.keys(c.metadata).length === 0}
      empty="This repository has no card."
    >
      {(c) => (
        <>
          <MetadataTable metadata={c.metadata} />
          <CardMarkdown text={c.text} repositoryBase={repositoryBase} />
        </>
      )}
    </QueryView>
  );
}
