import path from 'node:path';
import { ConfigError } from '../common/config.js';
import { startServer } from '../common/lifecycle.js';
import { buildHubApp, hubConfig, type HubConfig } from './app.js';

/**
 * The hub process: configuration from the environment (validated; a bad value stops here naming the
 * variable), the app, listen, graceful shutdown. `--embedded` is the one-machine default of `npm start`:
 * the dev tenant `dev` on loopback unless MLHUB_DEV_TENANT says otherwise.
 */
async function main(argv: string[]): Promise<void> {
  const env = { ...process.env };
  const embeddedDevTenant = argv.includes('--embedded') && env['MLHUB_DEV_TENANT'] === undefined;
  if (embeddedDevTenant) env['MLHUB_DEV_TENANT'] = 'dev';
  // A bad setting is the operator's to fix: say which and how, not where in our code it was noticed.
  const refuse = (error: ConfigError): never => {
    const aboutDevTenant = error.problems.some((p) => p.variable === 'MLHUB_DEV_TENANT');
    const hint =
      embeddedDevTenant && aboutDevTenant ? '\n(npm start turns the dev tenant on; set MLHUB_DEV_TENANT= (empty) to start without it)' : '';
    process.stderr.write(`${error.message}${hint}\n`);
    process.exit(2);
  };
  let config: HubConfig;
  try {
    config = hubConfig.load(env);
  } catch (error) {
    if (error instanceof ConfigError) refuse(error);
    throw error;
  }
  config = { ...config, dataDir: path.resolve(config.dataDir) };
  const app = await buildHubApp({ config }).catch((error: unknown) =>
    error instanceof ConfigError ? refuse(error) : Promise.reject(error instanceof Error ? error : new Error(String(error))),
  );
  const url = await startServer(app, config);
  const lines = [
    `ML Hub listening on ${url}`,
    `  open the ML Hub tab: ${url}/#/ml-hub-ts${config.devTenant ? ' (log in with any username)' : ''}`,
    `  API reference: ${url}/v3/mlhub/docs`,
    `  sources: ${config.sources.join(', ')}; data folder: ${config.dataDir}`,
  ];
  if (config.devTenant) {
    lines.push(
      `  dev tenant '${config.devTenant}': get a token with  npm run token -- <username>`,
      // Quoted: zsh reads an unquoted `?` as a glob.
      `  then: curl -H "X-Tapis-Token: $(npm run -s token -- alice)" '${url}/v3/mlhub/models?limit=5'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`ML Hub failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
