// Open Inference Protocol (KServe v2) health: liveness, server readiness, model readiness. Public, for probes.
import type { FastifyReply } from 'fastify';
import type { InferenceService } from '../service.js';
import { notServed } from './legacy.js';
import type { OperationRequest } from './request.js';

export function makeOipHandlers(service: InferenceService) {
  return {
    async getServerLive() {
      return { live: true };
    },

    async getServerReady(_request: OperationRequest<'getServerReady'>, reply: FastifyReply) {
      if (!service.ready) throw service.notReady();
      return reply.send({ ready: true });
    },

    async getModelReady(request: OperationRequest<'getModelReady'>, reply: FastifyReply) {
      const { name } = request.params;
      if (name !== service.modelId) throw notServed(service, name);
      if (!service.ready) throw service.notReady();
      return reply.send({ name: service.modelId, ready: true });
    },
  };
}
