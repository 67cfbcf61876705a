import type { FastifyInstance } from 'fastify';
import type { FoundationConfig } from './config.js';

export interface StartOptions {
  /** Signals that close the server; SIGTERM and SIGINT by default. */
  signals?: NodeJS.Signals[];
}

/**
 * For a service's server.ts (app builders never listen): listens on the configured address and, on
 * SIGTERM/SIGINT, closes the app (open requests finish, onClose hooks run) and lets the process end;
 * past `shutdownTimeoutMs`, or on a second signal, it exits anyway. Resolves with the listening URL.
 */
export async function startServer(
  app: FastifyInstance,
  config: Pick<FoundationConfig, 'port' | 'host' | 'shutdownTimeoutMs'>,
  options: StartOptions = {},
): Promise<string> {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      app.log.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'closing');
    setTimeout(() => {
      app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out, exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    // Fastify closes the keep-alive sockets idle when the close starts; a response still running then (a
    // stream) leaves its socket idle later, and the close would wait on it until the timeout.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    sweep.unref();
    app.close().then(
      () => {
        clearInterval(sweep);
        process.exitCode = 0;
      },
      (error: unknown) => {
        clearInterval(sweep);
        app.log.error({ err: error }, 'close failed');
        process.exitCode = 1;
      },
    );
  };
  // Hooks cannot be added once listening, so these go first. A request still running when the signal
  // came answers with `Connection: close`: its keep-alive socket must not hold the close up.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => {
    for (const signal of signals) process.off(signal, onSignal);
  });
  const address = await app.listen({ port: config.port, host: config.host });
  for (const signal of signals) process.on(signal, onSignal);
  return address;
}
