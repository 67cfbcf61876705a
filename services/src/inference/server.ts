// The inference server process: `npm run inference -- --model DIR [--model-id owner/name] [--dtype auto|fp32|q8]`.
// Embedded defaults: loopback, MLHUB_PORT or a free port, dev-tenant tokens verified with the data folder's key.
// stdout carries exactly one line, `ML Hub inference server listening on http://HOST:PORT`; logs go to stderr.
// A model that fails to load ends the process (exit code 1, the reason logged), as TGI's launcher does: a server
// that could only ever answer 503 would keep whoever started it waiting.
import { parseArgs } from 'node:util';
import { ConfigError, devTenantStaticKey, startServer } from '../common/index.js';
import { buildInferenceApp } from './app.js';
import { inferenceConfig } from './config.js';

const USAGE = 'usage: npm run inference -- --model DIR [--model-id owner/name] [--dtype auto|fp32|q8] [--exit-with-parent]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      'model-id': { type: 'string' },
      dtype: { type: 'string' },
      // The hub starts its children with it and holds their stdin: when the hub exits, however it dies (even
      // SIGKILL), the pipe closes and the server closes as on SIGTERM instead of living on as an orphan.
      'exit-with-parent': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n\nConfiguration (environment):\n${inferenceConfig.table()}\n`);
    return;
  }
  const env = { ...process.env };
  if (values.model !== undefined) env['MLHUB_INFERENCE_MODEL_DIR'] = values.model;
  if (values['model-id'] !== undefined) env['MLHUB_INFERENCE_MODEL_ID'] = values['model-id'];
  if (values.dtype !== undefined) env['MLHUB_INFERENCE_DTYPE'] = values.dtype;
  const config = inferenceConfig.load(env);
  if (config.inferenceModelDir === '')
    throw new ConfigError([{ variable: 'MLHUB_INFERENCE_MODEL_DIR', problem: `is required (${USAGE})` }]);
  // With no tenant configured, dev-tenant tokens (`npm run token`) verify with the data folder's key.
  if (Object.keys(config.staticKeys).length === 0 && config.devTenant === '' && config.allowedTenants.length === 0) {
    config.staticKeys = { dev: devTenantStaticKey(config.dataDir) };
  }
  const app = await buildInferenceApp(config, { logStream: process.stderr });
  const url = await startServer(app, config);
  process.stdout.write(`ML Hub inference server listening on ${url}\n`);
  if (values['exit-with-parent']) {
    const parentGone = (): void => {
      process.kill(process.pid, 'SIGTERM');
    };
    process.stdin.once('end', parentGone).once('error', parentGone).resume();
    // Watching is not a reason to live: held open, the pipe kept the process up after its app had closed,
    // until the shutdown timeout (the hub's stop of a child waited 5 s, then killed it).
    (process.stdin as { unref?: () => void }).unref?.();
  }
  await app.inference.loaded;
  if (app.inference.failed) {
    await app.close();
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
