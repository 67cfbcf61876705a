import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { extractToken } from '../../common/auth/token.js';
import { envelope, errorEnvelope } from '../../common/envelope.js';
import { ApiError, isApiError } from '../../common/errors.js';
import { registerSpecRoutes, withTags, type SpecHandlers } from '../../common/spec-routes.js';
import { validateRepoId } from '../ids.js';
import { hubPathParams } from '../handlers/params.js';
import type { HubContext } from '../routes/context.js';
import { storeVerdict, type Availability } from './availability.js';
import type { InferenceConfig } from './config.js';
import type { Actor, ControlPlane } from './control-plane.js';
import { proxyInference, type InferenceBody, type Presentation } from './proxy.js';
import type { PullJobs } from './pull-jobs.js';
import { publicServer, type ModelPull, type ServerState } from './state.js';

type Json = Record<string, unknown>;

/** What the inference handlers work with; built once by `inferencePlugin`. */
export interface InferenceContext {
  plane: ControlPlane;
  pulls: PullJobs;
  /** `getInferenceAvailability`'s answer (one home: the legacy route asks the same function). */
  availability(modelId: string): Promise<Availability>;
  storeDir: string;
  config: InferenceConfig;
  /** Time budget of one non-streamed inference (and of a stream's first byte). */
  inferenceTimeoutMs: number;
}

function actorOf(request: FastifyRequest, config: InferenceConfig): Actor {
  const { tenant, username, claims } = request.tapis;
  const rolesClaim = (claims as Json)['tapis/roles'] ?? (claims as Json)['roles'];
  const roles = Array.isArray(rolesClaim)
    ? rolesClaim.filter((r): r is string => typeof r === 'string')
    : typeof rolesClaim === 'string'
      ? rolesClaim.split(/[\s,]+/)
      : [];
  const admin =
    config.adminUsers.includes(username) ||
    config.adminUsers.includes(`${tenant}/${username}`) ||
    (config.adminRole !== '' && roles.includes(config.adminRole));
  const extracted = extractToken(request.headers);
  return { tenant, username, admin, token: 'token' in extracted ? extracted.token : null };
}

const modelIdOf = (request: FastifyRequest): string => (request.params as { modelId: string }).modelId;

function publicAvailability(a: Availability): Omit<Availability, 'where'> {
  return { modelId: a.modelId, servable: a.servable, reason: a.reason, server: a.server };
}

// ---------------------------------------------------------------- one handler per operation, named by its operationId

/** The handlers of every Inference-tag operation, each named as its operationId. */
function inferenceHandlers(ctx: InferenceContext): SpecHandlers {
  const availability = (id: string) => ctx.availability(id);

  /** The request on the model's running server (woken if asleep), counted as in flight until its answer ends. */
  const throughServer = async (request: FastifyRequest, reply: FastifyReply, body: InferenceBody, presentation?: Presentation) => {
    const actor = actorOf(request, ctx.config);
    const server = await ctx.plane.ensureRunning(modelIdOf(request), actor.token);
    const end = ctx.plane.begin(server.id);
    reply.raw.once('close', end);
    try {
      return await proxyInference(request, reply, server, body, actor.token ?? '', ctx.inferenceTimeoutMs, presentation);
    } catch (error) {
      end();
      throw error;
    }
  };

  return {
    async getInferenceAvailability(request: FastifyRequest) {
      return envelope(request, publicAvailability(await availability(modelIdOf(request))), { message: 'Inference availability retrieved' });
    },

    async runInference(request: FastifyRequest, reply: FastifyReply) {
      return throughServer(request, reply, request.body as InferenceBody);
    },

    // The legacy `inference_endpoint`: the legacy body and answer, on the hub, so that a server on a loopback
    // port (or in a pod) is reached, woken and kept from going idle as runInference's are.
    async runLegacyInference(request: FastifyRequest, reply: FastifyReply) {
      const { prompt } = request.body as { prompt: string };
      return throughServer(
        request,
        reply,
        { inputs: prompt },
        {
          jsonOnly: true,
          present: (generated) => ({
            result: { model_id: generated.modelId, generated_text: generated.generatedText },
            message: 'Inference complete',
          }),
        },
      );
    },

    async createInferenceServer(request: FastifyRequest, reply: FastifyReply) {
      const body = request.body as { modelId: string; backend?: string; idleTimeoutSeconds?: number };
      const modelId = validateRepoId(body.modelId);
      if (body.backend !== undefined && body.backend !== ctx.plane.backend.name) {
        throw new ApiError(
          'UNPROCESSABLE',
          `This hub runs inference servers on the '${ctx.plane.backend.name}' backend, not '${body.backend}'`,
          {
            parameter: 'backend',
            allowed: [ctx.plane.backend.name],
          },
        );
      }
      const live = ctx.plane.liveServer(modelId);
      if (live) return conflictWithServer(request, reply, live.modelId, publicServer(live));
      const inStore = await storeVerdict(ctx.storeDir, modelId);
      if (!inStore.servable) {
        const known = await availability(modelId);
        if (!known.servable) throw new ApiError('UNPROCESSABLE', known.reason ?? `'${modelId}' cannot be served here`, { modelId });
        throw new ApiError(
          'UNPROCESSABLE',
          `'${known.modelId}' is not in the model store yet; pull it first with POST /v3/mlhub/inference/pulls`,
          {
            hint: 'createModelPull',
            modelId: known.modelId,
          },
        );
      }
      try {
        const server = await ctx.plane.create(actorOf(request, ctx.config), modelId, body.idleTimeoutSeconds);
        return reply.code(202).send(envelope(request, publicServer(server), { message: 'Inference server requested' }));
      } catch (error) {
        // Two requests raced: the other one's server is the answer.
        const raced = isApiError(error) && error.code === 'CONFLICT' ? ctx.plane.liveServer(modelId) : undefined;
        if (raced) return conflictWithServer(request, reply, modelId, publicServer(raced));
        throw error;
      }
    },

    async getInferenceServer(request: FastifyRequest) {
      const { serverId } = request.params as { serverId: string };
      return envelope(request, publicServer(ctx.plane.get(serverId)), { message: 'Inference server retrieved' });
    },

    async getInferenceServerHistory(request: FastifyRequest) {
      const { serverId } = request.params as { serverId: string };
      ctx.plane.get(serverId);
      return envelope(request, ctx.plane.state.history(serverId), { message: 'Inference server history retrieved' });
    },

    async listInferenceServers(request: FastifyRequest) {
      const query = request.query as { modelId?: string; state?: ServerState; limit: number; cursor?: string };
      const offset = query.cursor === undefined ? 0 : cursorOffset(query.cursor);
      const filter = {
        ...(query.modelId !== undefined ? { modelId: query.modelId } : {}),
        ...(query.state !== undefined ? { state: query.state } : {}),
      };
      const total = ctx.plane.state.countServers(filter);
      const items = ctx.plane.state.servers(filter, { limit: query.limit, offset }).map(publicServer);
      const next = offset + items.length < total ? Buffer.from(`o:${offset + items.length}`).toString('base64url') : null;
      return envelope(request, items, {
        message: 'Inference servers retrieved',
        metadata: { limit: query.limit, total, nextCursor: next, partial: false, sources: [] },
      });
    },

    async deleteInferenceServer(request: FastifyRequest) {
      const { serverId } = request.params as { serverId: string };
      const server = await ctx.plane.remove(actorOf(request, ctx.config), serverId);
      return envelope(request, publicServer(server), { message: 'Inference server stopped' });
    },

    async createModelPull(request: FastifyRequest, reply: FastifyReply) {
      const body = request.body as { modelId: string; revision?: string; dtype?: ModelPull['dtype'] };
      const outcome = ctx.pulls.start({
        modelId: validateRepoId(body.modelId),
        revision: body.revision ?? 'main',
        dtype: body.dtype ?? 'both',
        createdBy: request.tapis.username,
      });
      if ('running' in outcome) {
        const message = `A pull of '${outcome.running.modelId}' is already under way`;
        request.log.info({ code: 'CONFLICT', jobId: outcome.running.id }, message);
        return reply.code(409).send({ ...errorEnvelope(request, 'CONFLICT', message), result: outcome.running });
      }
      return reply.code(202).send(envelope(request, outcome.created, { message: 'Model pull started' }));
    },

    async getModelPull(request: FastifyRequest) {
      const { jobId } = request.params as { jobId: string };
      const job = ctx.plane.state.pull(jobId);
      if (!job) throw new ApiError('NOT_FOUND', `Model pull '${jobId}' not found`);
      return envelope(request, job, { message: 'Model pull retrieved' });
    },
  };
}

function conflictWithServer(
  request: FastifyRequest,
  reply: FastifyReply,
  modelId: string,
  server: ReturnType<typeof publicServer>,
): FastifyReply {
  const message = `An inference server for '${modelId}' is already ${server.state}`;
  request.log.info({ code: 'CONFLICT', serverId: server.id }, message);
  return reply.code(409).send({ ...errorEnvelope(request, 'CONFLICT', message), result: server });
}

function cursorOffset(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ApiError('INVALID_PARAMETER', "Invalid parameter 'cursor': not a cursor of this list", { parameter: 'cursor' });
  return Number(match[1]);
}

/** Registers every Inference-tag operation of the spec with the spec binder: one call, handlers by operationId. */
export function registerInferenceRoutes(app: FastifyInstance, hub: HubContext, ctx: InferenceContext): void {
  const served = registerSpecRoutes(app, {
    spec: hub.spec,
    handlers: inferenceHandlers(ctx),
    select: withTags('Inference'),
    ...hubPathParams,
  });
  for (const op of served) hub.served.add(op.operationId);
}
