// The hub's public surface (`@mlhub/services/hub`): the app builder and its configuration, and the catalog
// facade the benchmarks drive directly.
export { buildHubApp, hubApp, hubConfig, hubVersion, type HubAppOptions, type HubConfig, type HubOwnConfig } from './app.js';
export { loopbackHubConfig } from './loopback-config.js';
export { createCatalog } from './catalog/catalog.js';
export { loadSnapshot, SnapshotError } from './catalog/snapshot-loader.js';
export type { Catalog, ModelListQuery, DatasetListQuery } from './catalog/types.js';
// The inference control plane's pieces that `npm run model:pull` and the embedded default model use.
export { storeVerdict } from './inference/availability.js';
export { storeDirOf } from './inference/plugin.js';
export { pullModel, type PullDtype, type PullProgress } from './inference/pull.js';
