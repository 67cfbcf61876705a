import { hubConfig, type HubConfig } from './app.js';

/**
 * The hub's configuration for a run on this machine alone (the tests, the benchmarks, the tab's end-to-end run):
 * loopback, the dev tenant, its own data folder, offline sources and a rate limit no run reaches. `env`
 * overrides or adds `MLHUB_*` variables; the process environment is not read, so a developer's settings
 * never leak into a run.
 */
export function loopbackHubConfig(dataDir: string, env: Record<string, string> = {}): HubConfig {
  return hubConfig.load({
    MLHUB_PORT: '0',
    MLHUB_HOST: '127.0.0.1',
    MLHUB_DATA_DIR: dataDir,
    MLHUB_DEV_TENANT: 'dev',
    MLHUB_SOURCES: 'snapshot,store',
    MLHUB_RATE_LIMIT_MAX: '100000',
    ...env,
  });
}
