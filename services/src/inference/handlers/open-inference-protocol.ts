// Open Inference Protocol (KServe v2) health: liveness, server readiness, model readiness. Public, for probes.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InferenceService } from '../service.js';
import { notServed, pathModelId } from './legacy.js';

export function makeOipHandlers(service: InferenceService) {
  return {
    async getServerLive() {
      return { live: true };
    },

    async getServerReady(_request: FastifyRequest, reply: FastifyReply) {
      if (!service.ready) throw service.notReady();
      return reply.send({ ready: true });
    },

    async getModelReady(request: FastifyRequest, reply: FastifyReply) {
      const name = pathModelId(request.params);
      if (name !== service.modelId) throw notServed(service, name);
      if (!service.ready) throw service.notReady();
      return reply.send({ name: service.modelId, ready: true });
    },
  };
}
