/** The sidebar id TapisUI gives the tab by default; `mlhub` and `ml-hub` belong to the shell's own tab. */
export const DEFAULT_TAB_ID = 'ml-hub-ts';
const TAB_ID = /^[0-9a-z-]+$/;
const SHELL_IDS = new Set(['mlhub', 'ml-hub']);
/** Every ML Hub operation path starts with this; the SDK adds it, so the client's base is what comes before. */
const API_PREFIX = '/v3/mlhub';

export interface MlHubOptions {
  /**
   * The ML Hub API base, ending in `/v3/mlhub`. Default: `window.location.origin + '/v3/mlhub'`, right for a
   * TapisUI served from its tenant's URL. A TapisUI on localhost talks to its `VITE_TAPIS_BASE_URL` instead,
   * which this module cannot see: pass that URL + `/v3/mlhub`.
   */
  apiBaseUrl?: string;
}

export interface RegisterOptions extends MlHubOptions {
  /** Sidebar id and route (`/#/<id>`): lower-case letters, digits and dashes. Default `ml-hub-ts`. */
  id?: string;
  /** Text of the sidebar entry. Default `ML Hub`. */
  sidebarDisplayName?: string;
  /** TapisUI icon name of the sidebar entry. Default `simulation`. */
  iconName?: string;
}

export function checkTabId(id: string): string {
  if (!TAB_ID.test(id)) throw new Error(`ML Hub tab id '${id}' must match ${String(TAB_ID)}`);
  if (SHELL_IDS.has(id)) throw new Error(`ML Hub tab id '${id}' is taken by TapisUI's built-in ML Hub tab; keep '${DEFAULT_TAB_ID}'`);
  return id;
}

/** The origin (and any proxy prefix) the SDK client is built on, from the API base. */
export function clientBaseUrl(options: MlHubOptions): string {
  const api = (options.apiBaseUrl ?? `${window.location.origin}${API_PREFIX}`).replace(/\/+$/, '');
  if (!api.endsWith(API_PREFIX)) throw new Error(`ML Hub apiBaseUrl '${api}' must end with ${API_PREFIX}`);
  return api.slice(0, -API_PREFIX.length);
}
