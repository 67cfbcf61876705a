// @mlhub/plugin: the ML Hub tab for TapisUI. The whole public surface.
export { MlHubTab, createMlHubTab } from './MlHubTab.js';
export type { MlHubTabProps } from './MlHubTab.js';
export { registerMlHub } from './register.js';
export type { TapisUiExtension } from './register.js';
export { DEFAULT_TAB_ID } from './options.js';
export type { MlHubOptions, RegisterOptions } from './options.js';
