// `npm run token -- <username>`: a dev-tenant access token on stdout (see services/README.md).
import { devTokenCommand } from '@mlhub/services';

try {
  process.stdout.write(`${await devTokenCommand(process.argv.slice(2), process.env)}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
