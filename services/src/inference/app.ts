import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { foundationPlugin, serverOptions } from '../common/index.js';
import type { InferenceConfig } from './config.js';
import { SERVER_VERSION } from './handlers/tgi.js';
import { GENERATION_ROUTES, registerRoutes } from './routes.js';
import { InferenceService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    inference: InferenceService;
  }
}

const ERROR_TYPE: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'validation',
  413: 'payload_too_large',
  422: 'validation',
  429: 'overloaded',
  500: 'generation',
  503: 'not_ready',
};

export interface InferenceAppOptions {
  /** Where logs go; stdout by default (the server process sends them to stderr, stdout carries its URL line). */
  logStream?: NodeJS.WritableStream;
}

/** Builds the inference server without listening; the model starts loading in the background at once. */
export async function buildInferenceApp(config: InferenceConfig, options: InferenceAppOptions = {}): Promise<FastifyInstance> {
  const base = serverOptions(config);
  const logger = options.logStream ? { ...(base.logger as object), stream: options.logStream } : base.logger;
  const app = Fastify({ ...base, logger });
  await app.register(foundationPlugin, { config, version: SERVER_VERSION });
  const service = new InferenceService(config, app.log);
  app.decorate('inference', service);
  // Each request is counted once: when it is answered, or when its client goes away before the answer is
  // complete (499, as nginx logs it). Such a request never reaches onResponse (Fastify's onRequestAbort only
  // sees a body cut off), yet an aborted generation is still one received.
  const counted = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.once('close', () => {
      if (reply.raw.writableFinished || counted.has(request)) return;
      counted.add(request);
      const route = request.routeOptions.url ?? 'unmatched';
      service.metrics.requests.inc(1, { route, status: '499' });
      if (!GENERATION_ROUTES.has(route)) return;
      service.metrics.requestCount.inc();
      service.metrics.requestFailure.inc(1, { err: 'aborted' });
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    if (counted.has(request)) return;
    counted.add(request);
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    service.metrics.requests.inc(1, { route, status: String(status) });
    if (!GENERATION_ROUTES.has(route)) return;
    service.metrics.requestCount.inc();
    if (status < 400) {
      service.metrics.requestSuccess.inc();
      service.metrics.requestDuration.observe(reply.elapsedTime / 1000);
    } else {
      service.metrics.requestFailure.inc(1, { err: ERROR_TYPE[status] ?? 'internal' });
    }
  });
  app.addHook('onClose', async () => service.close());
  await registerRoutes(app, service);
  return app;
}
