import { useCallback, useMemo } from 'react';
import { useHistory, useLocation } from 'react-router-dom';

export type ParamUpdate = Record<string, string | string[] | null | undefined>;

/**
 * The page's state in the URL query (filters, sort, cursor, tab), so a filtered list is a link and the
 * back button walks through it. `update` sets or clears keys; empty strings clear.
 */
export function useUrlState(): [URLSearchParams, (update: ParamUpdate, options?: { replace?: boolean }) => void] {
  const location = useLocation();
  const history = useHistory();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const update = useCallback(
    (changes: ParamUpdate, options: { replace?: boolean } = {}) => {
      const next = new URLSearchParams(location.search);
      for (const [key, value] of Object.entries(changes)) {
        next.delete(key);
        for (const one of Array.isArray(value) ? value : [value])
          if (one !== undefined && one !== null && one !== '') next.append(key, one);
      }
      const search = next.toString();
      const target = { pathname: location.pathname, search: search ? `?${search}` : '' };
      if (options.replace) history.replace(target);
      else history.push(target);
    },
    [history, location.pathname, location.search],
  );
  return [params, update];
}
