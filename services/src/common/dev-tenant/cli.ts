import { parseArgs } from 'node:util';
import { ConfigError, loadFoundationConfig } from '../config.js';
import { DEV_USERNAME, mintDevToken } from './token.js';

export const TOKEN_USAGE = `usage: npm run token -- <username> [--ttl <seconds>]

Prints a signed Tapis access token of the embedded dev tenant (MLHUB_DEV_TENANT, default "dev"),
with the key in MLHUB_DATA_DIR/dev-tenant/ (created if absent), for a service started with the
same MLHUB_DATA_DIR and MLHUB_DEV_TENANT.`;

/** What `npm run token -- <username>` prints, from its arguments and environment. */
export async function devTokenCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ttl: { type: 'string' } } });
  const [username, ...rest] = positionals;
  if (username === undefined || rest.length > 0 || !DEV_USERNAME.test(username)) throw new Error(TOKEN_USAGE);
  const ttlS = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttlS !== undefined && !(Number.isInteger(ttlS) && ttlS > 0)) {
    throw new ConfigError([{ variable: '--ttl', problem: 'must be a positive whole number of seconds' }]);
  }
  const config = loadFoundationConfig(env);
  // A token the services would refuse ("lives too long") is no use: said here, where the choice was made.
  if (ttlS !== undefined && ttlS > config.jwtMaxLifetimeS) {
    throw new ConfigError([
      {
        variable: '--ttl',
        problem: `must be at most ${config.jwtMaxLifetimeS} s, the longest lifetime the services accept (MLHUB_JWT_MAX_LIFETIME_S)`,
      },
    ]);
  }
  return mintDevToken({
    dataDir: config.dataDir,
    tenant: config.devTenant === '' ? 'dev' : config.devTenant,
    username,
    ...(ttlS === undefined ? {} : { ttlS }),
  });
}
