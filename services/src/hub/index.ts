// The hub's public surface (`@mlhub/services/hub`): the app builder and its configuration, and the catalog
// facade the benchmarks drive directly.
export { buildHubApp, hubApp, hubConfig, hubVersion, type HubAppOptions, type HubConfig, type HubOwnConfig } from './app.js';
export { createCatalog } from './catalog/catalog.js';
export { loadSnapshot, SnapshotError } from './catalog/snapshot-loader.js';
export type { Catalog, ModelListQuery, DatasetListQuery } from './catalog/types.js';
