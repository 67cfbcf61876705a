import { envelope } from '../../common/envelope.js';
import { ApiError } from '../../common/errors.js';
import type { SpecHandlers } from '../../common/spec-routes.js';
import type { HubContext } from '../routes/context.js';
import { renderReferencePage } from '../routes/reference-page.js';

/** The operations of the spec's `Service` tag: health, readiness, version, the spec and its reference page (no token). */
export function serviceHandlers(ctx: HubContext, serviceVersion: string): SpecHandlers {
  const document = JSON.stringify(ctx.spec.document);
  const page = renderReferencePage(ctx.spec);
  return {
    getHealth: async (request) =>
      envelope(request, { status: 'ok' as const, sources: await ctx.catalog.health() }, { message: 'ML Hub is alive' }),

    getReadiness: async (request) => {
      // Ready while any source answers: a failing Hugging Face is an `ok: false` check, not a 503 (issue 8).
      const { ready, checks } = await ctx.catalog.readiness();
      if (!ready) {
        const failing = checks.filter((c) => !c.ok);
        throw new ApiError(
          'SERVICE_UNAVAILABLE',
          `ML Hub is not ready: ${failing.map((c) => (c.detail ? `${c.name} (${c.detail})` : c.name)).join(', ')}`,
          { checks },
          { headers: { 'Retry-After': '5' } },
        );
      }
      return envelope(request, { ready, checks }, { message: 'ML Hub is ready' });
    },

    getVersion: async (request) =>
      envelope(request, { service: serviceVersion, api: ctx.spec.version, sources: ctx.sources }, { message: 'ML Hub version' }),

    getOpenApiDocument: async (_request, reply) => reply.type('application/json; charset=utf-8').send(document),

    getApiReference: async (_request, reply) => reply.type('text/html; charset=utf-8').send(page),
  };
}
