import { MlHubError, type MlHubClient } from '@mlhub/sdk';
import { useMlHubClient } from '@mlhub/sdk/react';
import { useMemo } from 'react';
import { useTab } from '../tab-context.js';

/** A repository's files as a card reaches them: through the hub, with the user's token. */
export interface RepositoryFiles {
  /** Names the repository in query keys (`model:google/flan-t5-small`). */
  key: string;
  /** The hub's download URL of a file (`/v3/mlhub/models/<id>/resolve?path=...`): a link's address. */
  url: (path: string) => string;
  /** The file's bytes, fetched with the token (an image or a link alone would carry none). */
  fetch: (path: string) => Promise<Blob>;
  /**
   * The same files at a commit (a card's `sha`; null: the hub's default), so a card's images are read from the
   * revision the card came from: a Hugging Face repository's images go through the hub at that revision.
   */
  at: (revision: string | null) => RepositoryFiles;
}

/** The files of a model or dataset through the hub's `resolve` operation (`downloadModelFile`, `downloadDatasetFile`). */
function hubRepository(
  client: MlHubClient,
  origin: string,
  kind: 'model' | 'dataset',
  id: string,
  revision: string | null = null,
): RepositoryFiles {
  const plural = kind === 'model' ? 'models' : 'datasets';
  const query = (path: string) => (revision === null ? { path } : { path, revision });
  const pinned = revision === null ? '' : `&revision=${encodeURIComponent(revision)}`;
  return {
    key: revision === null ? `${kind}:${id}` : `${kind}:${id}@${revision}`,
    url: (path) => `${origin}/v3/mlhub/${plural}/${encodeURIComponent(id)}/resolve?path=${encodeURIComponent(path)}${pinned}`,
    at: (other) => hubRepository(client, origin, kind, id, other),
    fetch: async (path) => {
      const answer =
        kind === 'model'
          ? await client.GET('/v3/mlhub/models/{modelId}/resolve', {
              params: { path: { modelId: id }, query: query(path) },
              parseAs: 'blob',
            })
          : await client.GET('/v3/mlhub/datasets/{datasetId}/resolve', {
              params: { path: { datasetId: id }, query: query(path) },
              parseAs: 'blob',
            });
      if (!answer.response.ok) throw MlHubError.fromBody(answer.response, answer.error);
      return answer.data as Blob;
    },
  };
}

/** The files of the repository the page shows, through the tab's client. */
export function useHubRepository(kind: 'model' | 'dataset', id: string): RepositoryFiles {
  const client = useMlHubClient();
  const { origin } = useTab();
  return useMemo(() => hubRepository(client, origin, kind, id), [client, origin, kind, id]);
}
