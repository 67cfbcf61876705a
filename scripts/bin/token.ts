// `npm run token -- <username>`: a dev-tenant access token on stdout (see services/README.md).
import { devTokenCommand } from '../../services/src/common/dev-tenant/cli.js';

try {
  process.stdout.write(`${await devTokenCommand(process.argv.slice(2), process.env)}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
