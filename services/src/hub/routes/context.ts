import type { FastifyRequest } from 'fastify';
import type { Catalog, SourceName } from '../catalog/types.js';
import type { HubSpec } from './spec.js';

/** What every handler of the hub reads: the catalog, the spec and a few settings. */
export interface HubContext {
  catalog: Catalog;
  spec: HubSpec;
  /** Enabled catalog sources, for `getVersion`. */
  sources: SourceName[];
  /** Base of Hugging Face links (`https://huggingface.co`). */
  huggingfaceUrl: string;
  /** Operation ids that have a route, so a test can hold them equal to the spec. */
  served: Set<string>;
  /** The origin this hub writes into links (downloads, snippets): never one a client made up. */
  baseUrl(request: FastifyRequest): string;
}

export interface LinkOrigin {
  /** `MLHUB_PUBLIC_URL`: when set, every link starts with it. */
  publicUrl: string;
  /** `MLHUB_PUBLIC_HOSTS`: `Host` values (`hub.example.org`, `hub.example.org:8443`) whose requests get links to that host. */
  publicHosts: readonly string[];
  /** `MLHUB_HOST`: the listen address, the links' host otherwise. */
  listenHost: string;
}

/** `0.0.0.0` and `::` are where the hub listens, not a host a client can reach: links name the loopback name. */
function linkHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The origin of links. A `Host` header is the client's word: it is used only when it is one the
 * operator listed; else the links name the listen address and the port the hub actually listens on.
 */
export function linkOrigin(options: LinkOrigin): (request: FastifyRequest) => string {
  if (options.publicUrl) {
    const fixed = options.publicUrl.replace(/\/+$/, '');
    return () => fixed;
  }
  const allowed = new Set(options.publicHosts.map((h) => h.toLowerCase()));
  let listening: string | undefined;
  return (request) => {
    const host = request.headers.host?.toLowerCase();
    if (host !== undefined && allowed.has(host)) return `${request.protocol}://${host}`;
    if (listening === undefined) {
      const address = request.server.server.address();
      if (address === null || typeof address === 'string') return `http://${linkHost(options.listenHost)}`;
      listening = `http://${linkHost(options.listenHost)}:${address.port}`;
    }
    return listening;
  };
}
