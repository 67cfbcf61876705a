import type { Card } from '@mlhub/sdk';
import type { RepositoryFiles } from '../pages/repository-base.js';
import { CardMarkdown } from './CardMarkdown.js';
import { MetadataTable } from './MetadataTable.js';
import { QueryView, type QueryState } from './QueryView.js';

/** A repository's card: the YAML metadata as a table, then the text. */
export function CardTab({ card, files }: { card: QueryState<Card>; files: RepositoryFiles }) {
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
          {/* Pinned to the card's commit: its relative images are read from the revision the text came from. */}
          <CardMarkdown text={c.text} files={files.at(c.sha)} />
        </>
      )}
    </QueryView>
  );
}
