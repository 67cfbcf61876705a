// `npm run model:pull -- <owner/name> [--revision main] [--dtype fp32|q8|both] [--hub URL] [--store DIR]`:
// downloads a model's serving files into the store, checked and resumable (services/README.md, "Site admins").
import { modelPullCommand } from '../src/pull/cli.js';

try {
  process.stdout.write(`${await modelPullCommand(process.argv.slice(2), process.env, (line) => process.stderr.write(`${line}\n`))}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
