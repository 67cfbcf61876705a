import type { FastifyInstance } from 'fastify';
import { envelope } from '../../common/envelope.js';
import { ApiError } from '../../common/errors.js';
import { specRoute, type HubContext } from './context.js';
import { renderReferencePage } from './reference-page.js';

/** Health, readiness, version, the spec and its reference page: the operations that need no token. */
export function registerServiceRoutes(app: FastifyInstance, ctx: HubContext): void {
  specRoute(app, ctx, 'getHealth', '/v3/mlhub/health', async (request) =>
    envelope(request, { status: 'ok' as const }, { message: 'ML Hub is alive' }),
  );

  specRoute(app, ctx, 'getReadiness', '/v3/mlhub/ready', async (request) => {
    const checks = await ctx.catalog.ready();
    const failing = checks.filter((c) => !c.ok);
    if (failing.length > 0) {
      throw new ApiError(
        'SERVICE_UNAVAILABLE',
        `ML Hub is not ready: ${failing.map((c) => (c.detail ? `${c.name} (${c.detail})` : c.name)).join(', ')}`,
        { checks },
        { headers: { 'Retry-After': '5' } },
      );
    }
    return envelope(request, { ready: true, checks }, { message: 'ML Hub is ready' });
  });

  specRoute(app, ctx, 'getVersion', '/v3/mlhub/version', async (request) =>
    envelope(request, { service: app.serviceVersion, api: ctx.spec.version, sources: ctx.sources }, { message: 'ML Hub version' }),
  );

  const document = JSON.stringify(ctx.spec.document);
  specRoute(app, ctx, 'getOpenApiDocument', '/v3/mlhub/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(document),
  );

  const page = renderReferencePage(ctx.spec);
  specRoute(app, ctx, 'getApiReference', '/v3/mlhub/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
}
