import { createContext, useContext } from 'react';

export interface TabContextValue {
  /** The URL the tab is mounted at (`/ml-hub-ts`); every link of the tab starts with it. */
  base: string;
  /** Who the token names, for "mine" (stop buttons); null when it names nobody. */
  username: string | null;
  /** The hub's origin the SDK client calls, for the curl examples. */
  origin: string;
}

export const TabContext = createContext<TabContextValue>({ base: '', username: null, origin: '' });

export function useTab(): TabContextValue {
  return useContext(TabContext);
}

/** A repository id as a path (`google/flan-t5-small` stays two segments), each segment encoded. */
export function idPath(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

export function idFromPath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}
