import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { defineConfig, type FoundationConfig } from '../common/config.js';
import { foundationPlugin, type FoundationOptions } from '../common/foundation.js';
import { servicesPackageDir } from '../common/repo-root.js';
import { loggerOptions, serverOptions } from '../common/server-options.js';
import { createCatalog } from './catalog/catalog.js';
import { ensureCursorKey } from './catalog/cursor.js';
import { loadSnapshot } from './catalog/snapshot-loader.js';
import type { Catalog, SourceName } from './catalog/types.js';
import { registerSpecRoutes, withoutTags } from '../common/spec-routes.js';
import { datasetHandlers } from './handlers/datasets.js';
import { legacyDatasetHandlers } from './handlers/legacy-datasets.js';
import { legacyModelHandlers } from './handlers/legacy-models.js';
import { modelHandlers } from './handlers/models.js';
import { hubPathParams } from './handlers/params.js';
import { inferenceConfigParts, type InferenceConfig } from './inference/config.js';
import { registerInference, type InferenceOptions } from './inference/plugin.js';
import { serviceHandlers } from './handlers/service.js';
import { linkOrigin, type HubContext } from './routes/context.js';
import { loadHubSpec, type HubSpec } from './routes/spec.js';
import { DEFAULT_IMAGE_HOSTS } from './sources/card-image.js';
import { registerTabPage } from './tab-page.js';

/** The hub's own configuration, next to the foundation's. */
export interface HubOwnConfig extends InferenceConfig {
  sources: SourceName[];
  huggingfaceUrl: string;
  huggingfaceToken: string;
  huggingfaceTimeoutMs: number;
  storeDir: string;
  snapshotDir: string;
  publicUrl: string;
  publicHosts: string[];
  huggingfaceMaxBodyBytes: number;
  cardImageMaxBytes: number;
  cardImageHosts: string[];
  cacheMaxBytes: number;
  cacheTtlMs: number;
  cacheStaleMs: number;
  cacheFailureTtlMs: number;
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
    description:
      "Time budget of one client request's Hugging Face calls, all of them together; past it the answer is 504 UPSTREAM_TIMEOUT.",
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
    description:
      'Public origin of the hub for links it writes (store downloads, snippets); empty: a host of `MLHUB_PUBLIC_HOSTS` the request came to, else the listen address and port.',
  },
  publicHosts: {
    schema: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Za-z0-9.-]+(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$' },
      default: [],
    },
    description:
      'Comma-separated `Host` values (`hub.example.org`, `hub.example.org:8443`) whose requests get links to that host, when `MLHUB_PUBLIC_URL` is empty; any other `Host` header is never written into a link.',
  },
  huggingfaceMaxBodyBytes: {
    schema: { type: 'integer', minimum: 1024, default: 8388608 },
    description: 'Largest Hugging Face answer body read, in bytes; a larger one is refused unread (502 UPSTREAM_ERROR).',
  },
  cardImageMaxBytes: {
    schema: { type: 'integer', minimum: 1024, default: 5242880 },
    description:
      'Largest image of a Hugging Face card served through `resolve`, in bytes; a larger one (declared or counted) is refused (422 UNPROCESSABLE).',
  },
  cardImageHosts: {
    schema: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z0-9.-]+$' }, default: [...DEFAULT_IMAGE_HOSTS] },
    description:
      "Comma-separated `https` hosts a Hugging Face card image's redirect may lead to (its CDN), besides `MLHUB_HUGGINGFACE_URL` itself; a redirect elsewhere is refused (502).",
  },
  cacheMaxBytes: {
    schema: { type: 'integer', minimum: 0, default: 67108864 },
    description: 'Bytes of Hugging Face answers kept in memory (their JSON size); least recently used go first.',
  },
  cacheTtlMs: {
    schema: { type: 'integer', minimum: 0, default: 300000 },
    description: 'How long a Hugging Face answer is fresh, in milliseconds.',
  },
  cacheStaleMs: {
    schema: { type: 'integer', minimum: 0, default: 3600000 },
    description: 'How long an expired answer is kept to stand in (marked stale) when Hugging Face fails, in milliseconds.',
  },
  cacheFailureTtlMs: {
    schema: { type: 'integer', minimum: 0, default: 10000 },
    description:
      'How long a failed Hugging Face call is remembered (answered stale or with its error, without calling again); a 429 is remembered for its `Retry-After`.',
  },
  ...inferenceConfigParts,
});

/** The hub's version: its package.json's, written in every envelope. */
export function hubVersion(): string {
  const dir = servicesPackageDir();
  const pkg = dir ? (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }) : {};
  return pkg.version ?? '0.0.0';
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
  /** Seams of the inference control plane (the Pods API's and the pull hub's fetch, timings). */
  inference?: InferenceOptions;
}

async function catalogFrom(config: HubConfig, huggingfaceFetch?: typeof fetch): Promise<Catalog> {
  const wants = (source: SourceName): boolean => config.sources.includes(source);
  return createCatalog({
    sources: config.sources,
    cursorKey: ensureCursorKey(path.join(config.dataDir, 'hub', 'cursor.key')),
    ...(wants('snapshot') ? { snapshot: config.snapshotDir ? loadSnapshot(path.resolve(config.snapshotDir)) : loadSnapshot() } : {}),
    ...(wants('store') ? { storeDir: path.resolve(config.storeDir || path.join(config.dataDir, 'store')) } : {}),
    huggingface: {
      hubUrl: config.huggingfaceUrl,
      timeoutMs: config.huggingfaceTimeoutMs,
      ...(config.huggingfaceToken ? { token: config.huggingfaceToken } : {}),
      maxBodyBytes: config.huggingfaceMaxBodyBytes,
      imageMaxBytes: config.cardImageMaxBytes,
      imageHosts: config.cardImageHosts,
      ...(huggingfaceFetch ? { fetch: huggingfaceFetch } : {}),
    },
    cache: {
      maxBytes: config.cacheMaxBytes,
      ttlMs: config.cacheTtlMs,
      staleTtlMs: config.cacheStaleMs,
      failureTtlMs: config.cacheFailureTtlMs,
    },
    ...(config.publicUrl ? { publicBaseUrl: config.publicUrl } : {}),
  });
}

/**
 * The hub as a plugin (it never listens; `server.ts` does): the foundation, then one handler per operation
 * of the spec (`./handlers/`, a file per tag) but the Inference ones, bound by `registerSpecRoutes`.
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
  const ctx: HubContext = {
    catalog,
    spec,
    sources: config.sources,
    huggingfaceUrl: config.huggingfaceUrl,
    served: new Set(),
    baseUrl: linkOrigin({ publicUrl: config.publicUrl, publicHosts: config.publicHosts, listenHost: config.host }),
  };
  app.decorate('hub', ctx);
  const operations = registerSpecRoutes(app, {
    spec,
    handlers: {
      ...serviceHandlers(ctx, app.serviceVersion),
      ...modelHandlers(ctx),
      ...datasetHandlers(ctx),
      ...legacyModelHandlers(ctx),
      ...legacyDatasetHandlers(ctx),
    },
    // The Inference tag is the inference control plane's (`./inference/`): it registers it with one call of its
    // own, `registerSpecRoutes(app, { spec, handlers, select: withTags('Inference'), ...hubPathParams })`.
    select: withoutTags('Inference'),
    ...hubPathParams,
  });
  for (const op of operations) ctx.served.add(op.operationId);
  await registerInference(app, ctx, config, options.inference);
  registerTabPage(app);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The hub's routes context: its catalog, spec, and the operations it serves. */
    hub: HubContext;
  }
}

export const hubApp = fp(hub, { name: 'mlhub-hub', fastify: '5.x' });

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
