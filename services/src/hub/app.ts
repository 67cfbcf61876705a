import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { defineConfig, type FoundationConfig } from '../common/config.js';
import { foundationPlugin, type FoundationOptions } from '../common/foundation.js';
import { loggerOptions, serverOptions } from '../common/server-options.js';
import { createCatalog } from './catalog/catalog.js';
import { loadSnapshot } from './catalog/snapshot-loader.js';
import type { Catalog, SourceName } from './catalog/types.js';
import { registerLegacyRoutes } from './legacy/routes.js';
import { createHubContext, type HubContext } from './routes/context.js';
import { DATASET_API, MODEL_API, registerRepoRoutes } from './routes/repo-routes.js';
import { registerServiceRoutes } from './routes/service.js';
import { loadHubSpec, type HubSpec } from './routes/spec.js';
import { registerTabPage } from './tab-page.js';

/** The hub's own configuration, next to the foundation's. */
export interface HubOwnConfig {
  sources: SourceName[];
  huggingfaceUrl: string;
  huggingfaceToken: string;
  huggingfaceTimeoutMs: number;
  storeDir: string;
  snapshotDir: string;
  publicUrl: string;
}

export type HubConfig = Omit<FoundationConfig, keyof HubOwnConfig> & HubOwnConfig;

/** Every configuration key of the hub (`MLHUB_*`), validated at boot. */
export const hubConfig = defineConfig<HubOwnConfig>({
  sources: {
    schema: { type: 'array', items: { enum: ['huggingface', 'snapshot', 'store'] }, minItems: 1, default: ['snapshot', 'store'] },
    description: 'Comma-separated catalog sources: `huggingface`, `snapshot` (shipped offline copy), `store` (the local model store).',
  },
  huggingfaceUrl: {
    schema: { type: 'string', format: 'uri', pattern: '^https?://', default: 'https://huggingface.co' },
    description: 'Base URL of the Hugging Face Hub (API and `resolve` download links).',
  },
  huggingfaceToken: {
    schema: { type: 'string', default: '' },
    description: 'Optional Hugging Face token for the API (gated models, higher rate limits). Never logged.',
    secret: true,
  },
  huggingfaceTimeoutMs: {
    schema: { type: 'integer', minimum: 100, maximum: 120000, default: 5000 },
    description: 'Time budget of one Hugging Face request; past it the answer is 504 UPSTREAM_TIMEOUT.',
  },
  storeDir: {
    schema: { type: 'string', default: '' },
    description: 'The model store folder (`models/<owner>/<name>/...`, `datasets/...`); empty: `{MLHUB_DATA_DIR}/store`.',
  },
  snapshotDir: {
    schema: { type: 'string', default: '' },
    description: 'Folder of the offline catalog snapshot; empty: the one shipped in `services/catalog/`.',
  },
  publicUrl: {
    schema: { type: 'string', anyOf: [{ const: '' }, { format: 'uri', pattern: '^https?://' }], default: '' },
    description: 'Public origin of the hub for links it writes (store downloads, snippets); empty: the origin each request came to.',
  },
});

/** The hub's version: its package.json's, written in every envelope. */
export function hubVersion(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@mlhub/services' && pkg.version) return pkg.version;
    } catch {
      // not here; look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

export interface HubAppOptions {
  config: HubConfig;
  /** A catalog to answer from (tests inject one built with their own sources); else built from `config`. */
  catalog?: Catalog;
  /** The bundled spec; else read from `openapi/dist/hub.openapi.json`. */
  spec?: HubSpec;
  /** Passed to the foundation: the Tenants client's fetch and the clock. */
  tenantsFetch?: FoundationOptions['tenantsFetch'];
  now?: FoundationOptions['now'];
  /** Fetch of the Hugging Face source (tests route it to msw). */
  huggingfaceFetch?: typeof fetch;
}

async function catalogFrom(config: HubConfig, huggingfaceFetch?: typeof fetch): Promise<Catalog> {
  const wants = (source: SourceName): boolean => config.sources.includes(source);
  return createCatalog({
    sources: config.sources,
    ...(wants('snapshot') ? { snapshot: config.snapshotDir ? loadSnapshot(path.resolve(config.snapshotDir)) : loadSnapshot() } : {}),
    ...(wants('store') ? { storeDir: path.resolve(config.storeDir || path.join(config.dataDir, 'store')) } : {}),
    huggingface: {
      hubUrl: config.huggingfaceUrl,
      timeoutMs: config.huggingfaceTimeoutMs,
      ...(config.huggingfaceToken ? { token: config.huggingfaceToken } : {}),
      ...(huggingfaceFetch ? { fetch: huggingfaceFetch } : {}),
    },
    ...(config.publicUrl ? { publicBaseUrl: config.publicUrl } : {}),
  });
}

/**
 * The hub as a plugin (it never listens; `server.ts` does): the foundation, then the routes of every
 * discovery and service operation of the spec and the legacy `/v3/ml-hub` routes. Inference operations
 * are not registered here.
 */
async function hub(app: FastifyInstance, options: HubAppOptions): Promise<void> {
  const { config } = options;
  await app.register(foundationPlugin, {
    config,
    version: hubVersion(),
    ...(options.tenantsFetch ? { tenantsFetch: options.tenantsFetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const spec = options.spec ?? loadHubSpec();
  const catalog = options.catalog ?? (await catalogFrom(config, options.huggingfaceFetch));
  if (!options.catalog) app.addHook('onClose', async () => catalog.close());
  const ctx: HubContext = createHubContext({
    catalog,
    spec,
    sources: config.sources,
    huggingfaceUrl: config.huggingfaceUrl,
    publicUrl: config.publicUrl,
  });
  app.decorate('hub', ctx);
  registerServiceRoutes(app, ctx);
  registerRepoRoutes(app, ctx, MODEL_API);
  registerRepoRoutes(app, ctx, DATASET_API);
  registerLegacyRoutes(app, ctx);
  registerTabPage(app);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The hub's routes context: its catalog, spec, and the operations it serves. */
    hub: HubContext;
  }
}

export const hubApp = fp(hub, { name: 'mlhub-hub', fastify: '5.x' });
export default hubApp;

/**
 * The hub instance with the shared server options (logger, request ids, limits); call `listen` yourself.
 * `logStream` sends the log lines elsewhere than stdout (tests read them).
 */
export async function buildHubApp(options: HubAppOptions, logStream?: NodeJS.WritableStream): Promise<FastifyInstance> {
  const base = serverOptions(options.config);
  const app = Fastify(logStream ? { ...base, logger: { ...loggerOptions(options.config), stream: logStream } } : base);
  // Not readied here: the process adds its shutdown hooks before it listens.
  await app.register(hubApp, options);
  return app;
}
