import type { ReactElement } from 'react';
import { createMlHubTab, type MlHubTabProps } from './MlHubTab.js';
import { checkTabId, DEFAULT_TAB_ID, type RegisterOptions } from './options.js';

/**
 * What a TapisUI extension (`createExtension(...)` of `@tapis/tapisui-extensions-core`) offers a service tab.
 * The component is a plain function: TapisUI types it `React.FC<{ accessToken: string | undefined }>`, which a
 * `ComponentType` (class components too) is not assignable to, so its real `Extension` would not type-check.
 */
export interface TapisUiExtension {
  registerService(service: {
    id: string;
    sidebarDisplayName: string;
    iconName: string;
    component: (props: MlHubTabProps) => ReactElement;
  }): unknown;
}

/** Adds the ML Hub tab to a TapisUI extension: the sidebar entry and the route `/#/<id>`. Returns the id. */
export function registerMlHub(extension: TapisUiExtension, options: RegisterOptions = {}): string {
  const id = checkTabId(options.id ?? DEFAULT_TAB_ID);
  const { apiBaseUrl } = options;
  extension.registerService({
    id,
    sidebarDisplayName: options.sidebarDisplayName ?? 'ML Hub',
    iconName: options.iconName ?? 'simulation',
    component: createMlHubTab(apiBaseUrl === undefined ? {} : { apiBaseUrl }),
  });
  return id;
}
