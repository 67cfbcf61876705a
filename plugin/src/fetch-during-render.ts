import type { MlHubClient, MlHubError } from '@mlhub/sdk';
import { useMlHub } from '@mlhub/sdk/react';
import { usePrefetchQuery, type QueryKey, type UsePrefetchQueryOptions } from '@tanstack/react-query';

/**
 * Sends a query's request while the component renders. `useQuery` sends it when it subscribes, after the
 * first render has committed and its effects ran; the list pages render many controls first (a third of a
 * second on a busy machine), and the answer can be on its way meanwhile. Nothing is sent when the query is
 * already cached or in flight, so calling it on every render costs a cache lookup.
 */
export function useFetchDuringRender<Q, TData, TKey extends QueryKey>(
  optionsOf: (client: MlHubClient, query: Q) => UsePrefetchQueryOptions<TData, MlHubError, TData, TData, TKey>,
  query: Q,
): void {
  const { client, queryClient } = useMlHub();
  usePrefetchQuery(optionsOf(client, query), queryClient);
}
