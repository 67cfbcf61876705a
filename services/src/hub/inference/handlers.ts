import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { envelope, errorEnvelope } from '../../common/envelope.js';
import { ApiError, isApiError } from '../../common/errors.js';
import { extractToken } from '../../common/auth/token.js';
import type { Catalog } from '../catalog/types.js';
import { parseIdPath, rawPathAfter, validateRepoId } from '../ids.js';
import type { HubContext } from '../routes/context.js';
import { resolveRefs } from '../routes/spec.js';
import { availabilityOf, storeVerdict, type Availability } from './availability.js';
import type { InferenceConfig } from './config.js';
import type { Actor, ControlPlane } from './control-plane.js';
import { proxyInference, type InferenceBody } from './proxy.js';
import type { PullJobs } from './pull-jobs.js';
import { publicServer, type ModelPull, type ServerState } from './state.js';

type Json = Record<string, unknown>;

/** What the inference handlers work with; built once by `inferencePlugin`. */
export interface InferenceContext {
  plane: ControlPlane;
  pulls: PullJobs;
  catalog: Catalog;
  storeDir: string;
  config: InferenceConfig;
  /** Time budget of one non-streamed inference (and of a stream's first byte). */
  inferenceTimeoutMs: number;
}

const MODELS_PREFIX = '/v3/mlhub/inference/models/';

function actorOf(request: FastifyRequest, config: InferenceConfig): Actor {
  const { tenant, username, claims } = request.tapis;
  const rolesClaim = (claims as Json)['tapis/roles'] ?? (claims as Json)['roles'];
  const roles = Array.isArray(rolesClaim) ? rolesClaim.filter((r): r is string => typeof r === 'string') : typeof rolesClaim === 'string' ? rolesClaim.split(/[\s,]+/) : [];
  const admin =
    config.adminUsers.includes(username) ||
    config.adminUsers.includes(`${tenant}/${username}`) ||
    (config.adminRole !== '' && roles.includes(config.adminRole));
  const extracted = extractToken(request.headers);
  return { tenant, username, admin, token: 'token' in extracted ? extracted.token : null };
}

const modelIdOf = (request: FastifyRequest): string => parseIdPath(rawPathAfter(request.url, MODELS_PREFIX), ['generate'] as const).id;

function publicAvailability(a: Availability): Omit<Availability, 'where'> {
  return { modelId: a.modelId, servable: a.servable, reason: a.reason, server: a.server };
}

// ---------------------------------------------------------------- one function per operation

export async function getInferenceAvailability(ctx: InferenceContext, request: FastifyRequest): Promise<unknown> {
  const availability = await availabilityOf(
    { catalog: ctx.catalog, storeDir: ctx.storeDir, maxModelBytes: ctx.config.inferenceMaxModelBytes, liveServer: (id) => ctx.plane.liveServer(id) },
    modelIdOf(request),
  );
  return envelope(request, publicAvailability(availability), { message: 'Inference availability retrieved' });
}

export async function runInference(ctx: InferenceContext, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const modelId = modelIdOf(request);
  const actor = actorOf(request, ctx.config);
  const server = await ctx.plane.ensureRunning(modelId, actor.token);
  return proxyInference(request, reply, server, request.body as InferenceBody, actor.token ?? '', ctx.inferenceTimeoutMs);
}

export async function createInferenceServer(ctx: InferenceContext, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const body = request.body as { modelId: string; backend?: string; idleTimeoutSeconds?: number };
  const modelId = validateRepoId(body.modelId);
  if (body.backend !== undefined && body.backend !== ctx.plane.backend.name) {
    throw new ApiError('UNPROCESSABLE', `This hub runs inference servers on the '${ctx.plane.backend.name}' backend, not '${body.backend}'`, {
      parameter: 'backend',
      allowed: [ctx.plane.backend.name],
    });
  }
  const live = ctx.plane.liveServer(modelId);
  if (live) return conflictWithServer(request, reply, live.modelId, publicServer(live));
  const inStore = await storeVerdict(ctx.storeDir, modelId);
  if (!inStore.servable) {
    const availability = await availabilityOf(
      { catalog: ctx.catalog, storeDir: ctx.storeDir, maxModelBytes: ctx.config.inferenceMaxModelBytes, liveServer: (id) => ctx.plane.liveServer(id) },
      modelId,
    );
    if (!availability.servable) throw new ApiError('UNPROCESSABLE', availability.reason ?? `'${modelId}' cannot be served here`, { modelId });
    throw new ApiError('UNPROCESSABLE', `'${availability.modelId}' is not in the model store yet; pull it first with POST /v3/mlhub/inference/pulls`, {
      hint: 'createModelPull',
      modelId: availability.modelId,
    });
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
}

function conflictWithServer(request: FastifyRequest, reply: FastifyReply, modelId: string, server: ReturnType<typeof publicServer>): FastifyReply {
  const message = `An inference server for '${modelId}' is already ${server.state}`;
  request.log.info({ code: 'CONFLICT', serverId: server.id }, message);
  return reply.code(409).send({ ...errorEnvelope(request, 'CONFLICT', message), result: server });
}

export async function getInferenceServer(ctx: InferenceContext, request: FastifyRequest): Promise<unknown> {
  const { serverId } = request.params as { serverId: string };
  return envelope(request, publicServer(ctx.plane.get(serverId)), { message: 'Inference server retrieved' });
}

export async function getInferenceServerHistory(ctx: InferenceContext, request: FastifyRequest): Promise<unknown> {
  const { serverId } = request.params as { serverId: string };
  ctx.plane.get(serverId);
  return envelope(request, ctx.plane.state.history(serverId), { message: 'Inference server history retrieved' });
}

export async function listInferenceServers(ctx: InferenceContext, request: FastifyRequest, hub: HubContext): Promise<unknown> {
  const query = hub.query('listInferenceServers', request) as { modelId?: string; state?: ServerState; limit: number; cursor?: string };
  const offset = query.cursor === undefined ? 0 : cursorOffset(query.cursor);
  const filter = { ...(query.modelId !== undefined ? { modelId: query.modelId } : {}), ...(query.state !== undefined ? { state: query.state } : {}) };
  const total = ctx.plane.state.countServers(filter);
  const items = ctx.plane.state.servers(filter, { limit: query.limit, offset }).map(publicServer);
  const next = offset + items.length < total ? Buffer.from(`o:${offset + items.length}`).toString('base64url') : null;
  return envelope(request, items, {
    message: 'Inference servers retrieved',
    metadata: { limit: query.limit, total, nextCursor: next, partial: false, sources: [] },
  });
}

function cursorOffset(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ApiError('INVALID_PARAMETER', "Invalid parameter 'cursor': not a cursor of this list", { parameter: 'cursor' });
  return Number(match[1]);
}

export async function deleteInferenceServer(ctx: InferenceContext, request: FastifyRequest): Promise<unknown> {
  const { serverId } = request.params as { serverId: string };
  const server = await ctx.plane.remove(actorOf(request, ctx.config), serverId);
  return envelope(request, publicServer(server), { message: 'Inference server stopped' });
}

export async function createModelPull(ctx: InferenceContext, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const body = request.body as { modelId: string; revision?: string; dtype?: ModelPull['dtype'] };
  const outcome = ctx.pulls.start({
    modelId: validateRepoId(body.modelId),
    revision: body.revision ?? 'main',
    dtype: body.dtype ?? 'both',
    createdBy: request.tapis.username,
  });
  if ('running' in outcome) {
    const message = `A pull of '${outcome.running.modelId}' is already under way`;
    return reply.code(409).send({ ...errorEnvelope(request, 'CONFLICT', message), result: outcome.running });
  }
  return reply.code(202).send(envelope(request, outcome.created, { message: 'Model pull started' }));
}

export async function getModelPull(ctx: InferenceContext, request: FastifyRequest): Promise<unknown> {
  const { jobId } = request.params as { jobId: string };
  const job = ctx.plane.state.pull(jobId);
  if (!job) throw new ApiError('NOT_FOUND', `Model pull '${jobId}' not found`);
  return envelope(request, job, { message: 'Model pull retrieved' });
}

// ---------------------------------------------------------------- registration

/** The spec's request body schema of an operation, refs resolved, for Fastify to validate. */
function bodySchema(hub: HubContext, operationId: string): Json | undefined {
  const raw = hub.spec.operation(operationId).raw as { requestBody?: { content?: Record<string, { schema?: unknown }> } };
  const schema = raw.requestBody?.content?.['application/json']?.schema;
  return schema === undefined ? undefined : (resolveRefs(hub.spec.document, schema, new Set()) as Json);
}

function pathSchema(hub: HubContext, operationId: string): Json {
  const params = hub.spec.operation(operationId).pathParams;
  return { type: 'object', properties: params, required: Object.keys(params) };
}

/** Registers every Inference-tag operation of the spec on the hub, each answered by the function of its name. */
export function registerInferenceRoutes(app: FastifyInstance, hub: HubContext, ctx: InferenceContext): void {
  const route = (
    operationId: string,
    url: string,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
    options: { params?: boolean; body?: boolean } = {},
  ): void => {
    const op = hub.spec.operation(operationId);
    hub.served.add(operationId);
    const body = options.body ? bodySchema(hub, operationId) : undefined;
    app.route({
      method: op.method as 'GET' | 'POST' | 'DELETE',
      url,
      config: { public: op.public },
      schema: { ...(options.params ? { params: pathSchema(hub, operationId) } : {}), ...(body ? { body } : {}) },
      handler,
    });
  };
  app.route({
    method: 'GET',
    url: `${MODELS_PREFIX}*`,
    config: { public: false },
    handler: (request) => getInferenceAvailability(ctx, request),
  });
  hub.served.add('getInferenceAvailability');
  const runBody = bodySchema(hub, 'runInference');
  app.route({
    method: 'POST',
    url: `${MODELS_PREFIX}*`,
    config: { public: false },
    ...(runBody ? { schema: { body: runBody } } : {}),
    handler: async (request, reply) => {
      if (parseIdPath(rawPathAfter(request.url, MODELS_PREFIX), ['generate'] as const).suffix !== 'generate') {
        throw new ApiError('NOT_FOUND', `Route POST ${request.url.split('?')[0]} not found`);
      }
      return runInference(ctx, request, reply);
    },
  });
  hub.served.add('runInference');
  route('listInferenceServers', '/v3/mlhub/inference/servers', (request) => listInferenceServers(ctx, request, hub));
  route('createInferenceServer', '/v3/mlhub/inference/servers', (request, reply) => createInferenceServer(ctx, request, reply), { body: true });
  route('getInferenceServer', '/v3/mlhub/inference/servers/:serverId', (request) => getInferenceServer(ctx, request), { params: true });
  route('deleteInferenceServer', '/v3/mlhub/inference/servers/:serverId', (request) => deleteInferenceServer(ctx, request), { params: true });
  route('getInferenceServerHistory', '/v3/mlhub/inference/servers/:serverId/history', (request) => getInferenceServerHistory(ctx, request), {
    params: true,
  });
  route('createModelPull', '/v3/mlhub/inference/pulls', (request, reply) => createModelPull(ctx, request, reply), { body: true });
  route('getModelPull', '/v3/mlhub/inference/pulls/:jobId', (request) => getModelPull(ctx, request), { params: true });
}
