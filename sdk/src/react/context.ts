import type { QueryClient } from '@tanstack/react-query';
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import type { MlHubClient } from '../client.js';

export interface MlHubContextValue {
  client: MlHubClient;
  /**
   * The React Query v5 client the hooks use. Without it they use the nearest `QueryClientProvider`; give it
   * when the host app runs another React Query (TapisUI runs v3), so the two never share a cache or a provider.
   */
  queryClient: QueryClient | undefined;
}

const MlHubContext = createContext<MlHubContextValue | null>(null);

export interface MlHubProviderProps {
  /** The client the hooks call, from `createMlHubClient`. */
  client: MlHubClient;
  /** The React Query client the hooks use; defaults to the nearest `QueryClientProvider`'s. */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/** Hands the ML Hub client (and optionally a React Query client) to every hook below it. */
export function MlHubProvider({ client, queryClient, children }: MlHubProviderProps) {
  const value = useMemo(() => ({ client, queryClient }), [client, queryClient]);
  return createElement(MlHubContext.Provider, { value }, children);
}

/** The client and query client of the nearest {@link MlHubProvider}. */
export function useMlHub(): MlHubContextValue {
  const value = useContext(MlHubContext);
  if (!value) throw new Error('ML Hub hooks need an <MlHubProvider client={createMlHubClient(...)}> above them');
  return value;
}

/** The ML Hub client of the nearest {@link MlHubProvider}. */
export function useMlHubClient(): MlHubClient {
  return useMlHub().client;
}
