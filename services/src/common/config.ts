import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type AnySchemaObject, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { repoRoot } from './paths.js';

// ajv-formats is CommonJS; under NodeNext the default import is `module.exports`, its plugin on `.default`.
const addFormats = addFormatsModule.default;

/** One configuration key: its JSON schema (holding the default), its variable and what it means. */
export interface ConfigKey<V> {
  /** JSON schema of the value, with its `default`; a key without a default is required. */
  schema: AnySchemaObject & { default?: V };
  /** What the key means, for the README table and `--help`. */
  description: string;
  /** The environment variable; defaults to `MLHUB_` + the key in UPPER_SNAKE_CASE. */
  env?: string;
  /** A secret (a token): never printed, not even in error messages. */
  secret?: boolean;
}

export type ConfigParts<T> = { [K in keyof T]-?: ConfigKey<T[K]> };

/** A stored static tenant key: the PEM, and the tenant's base url when the issuer is to be checked. */
export interface StaticTenantKey {
  public_key: string;
  base_url?: string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The configuration every ML Hub service shares. */
export interface FoundationConfig {
  port: number;
  host: string;
  dataDir: string;
  logLevel: LogLevel;
  tenantsUrl: string;
  allowedTenants: string[];
  staticKeys: Record<string, string | StaticTenantKey>;
  devTenant: string;
  tenantsTimeoutMs: number;
  jwtLeewayS: number;
  jwtMaxLifetimeS: number;
  keyRefetchAfterS: number;
  tokenMaxBytes: number;
  tokenCacheSize: number;
  corsOrigins: string[];
  rateLimitMax: number;
  rateLimitWindowMs: number;
  bodyLimit: number;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
}

const TENANT_ID = '^[A-Za-z0-9][A-Za-z0-9_.-]*$';

export const foundationParts: ConfigParts<FoundationConfig> = {
  port: {
    schema: { type: 'integer', minimum: 0, maximum: 65535, default: 8000 },
    description: 'TCP port to listen on (0 picks a free one).',
  },
  host: {
    schema: { type: 'string', minLength: 1, default: '127.0.0.1' },
    description: 'Address to listen on. Loopback by default; `0.0.0.0` in a container.',
  },
  dataDir: {
    schema: { type: 'string', minLength: 1, default: path.join(repoRoot(), 'data') },
    description: 'Data folder (dev tenant keys, model store, state). Relative paths are resolved from the working directory.',
  },
  logLevel: {
    schema: { type: 'string', enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    description: 'Log level (pino).',
  },
  tenantsUrl: {
    schema: { type: 'string', format: 'uri', pattern: '^https?://', default: 'https://admin.tapis.io' },
    description: 'Base URL of the Tapis Tenants API; tenant keys come from `GET {url}/v3/tenants/{tenant_id}`.',
  },
  allowedTenants: {
    schema: { type: 'array', items: { type: 'string', anyOf: [{ pattern: TENANT_ID }, { const: '*' }] }, default: [] },
    description:
      'Comma-separated tenant ids whose tokens are accepted; `*` accepts any tenant the Tenants API knows. Tenants of `MLHUB_STATIC_KEYS` and the dev tenant are always accepted.',
  },
  staticKeys: {
    schema: {
      type: 'object',
      propertyNames: { pattern: TENANT_ID },
      additionalProperties: {
        anyOf: [
          { type: 'string', pattern: '-----BEGIN PUBLIC KEY-----' },
          {
            type: 'object',
            required: ['public_key'],
            additionalProperties: false,
            properties: {
              public_key: { type: 'string', pattern: '-----BEGIN PUBLIC KEY-----' },
              base_url: { type: 'string', format: 'uri' },
            },
          },
        ],
      },
      default: {},
    },
    description:
      'Tenant keys for sites without access to the Tenants API: JSON `{"tenant": "<PEM>"}` or `{"tenant": {"public_key": "<PEM>", "base_url": "https://tenant.tapis.io"}}`, inline or the path of a JSON file. Without `base_url` the issuer is not checked.',
  },
  devTenant: {
    schema: { type: 'string', anyOf: [{ const: '' }, { pattern: TENANT_ID }], default: '' },
    description:
      'Id of the embedded development tenant (`dev`); empty = off. Needs a loopback `MLHUB_HOST`. Keys live in `{MLHUB_DATA_DIR}/dev-tenant/`.',
  },
  tenantsTimeoutMs: {
    schema: { type: 'integer', minimum: 100, maximum: 60000, default: 5000 },
    description: 'Time budget of one Tenants API call; past it the request answers 503 AUTH_UNAVAILABLE.',
  },
  jwtLeewayS: {
    schema: { type: 'integer', minimum: 0, maximum: 300, default: 30 },
    description: 'Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.',
  },
  jwtMaxLifetimeS: {
    // Tapis issues 4 h access tokens by default; a tenant may raise its TTL (Authenticator's tenant config), so a day
    // leaves room for those while a token made to live forever (exp = 1e12) is refused.
    schema: { type: 'integer', minimum: 60, maximum: 31536000, default: 86400 },
    description:
      'Longest token lifetime accepted, `exp - iat` (`exp - now` without `iat`), in seconds; longer-lived tokens answer 401. Tapis issues 4 h (14400 s) by default; a day leaves room for tenants that raise it.',
  },
  keyRefetchAfterS: {
    schema: { type: 'integer', minimum: 0, maximum: 86400, default: 90 },
    description: 'A signature failure refetches the tenant key (rotation) only if the cached key is older than this.',
  },
  tokenMaxBytes: {
    schema: { type: 'integer', minimum: 256, maximum: 65536, default: 8192 },
    description: 'Longest token accepted; longer ones answer 401 before any parsing.',
  },
  tokenCacheSize: {
    schema: { type: 'integer', minimum: 0, maximum: 1000000, default: 10000 },
    description: 'How many verified tokens are remembered (until their `exp`) to skip the RSA check; 0 disables.',
  },
  corsOrigins: {
    schema: { type: 'array', items: { type: 'string', pattern: '^https?://[^/]+$' }, default: [] },
    description: 'Comma-separated browser origins allowed by CORS (the TapisUI origins of the site, the dev page). Empty: no CORS.',
  },
  rateLimitMax: {
    schema: { type: 'integer', minimum: 1, default: 600 },
    description: 'Requests per user (tenant + username; the IP when anonymous) per window.',
  },
  rateLimitWindowMs: {
    schema: { type: 'integer', minimum: 1000, default: 60000 },
    description: 'Rate limit window in milliseconds.',
  },
  bodyLimit: {
    schema: { type: 'integer', minimum: 1024, default: 1048576 },
    description: 'Largest request body in bytes; larger answers 413 PAYLOAD_TOO_LARGE.',
  },
  trustProxy: {
    schema: { type: 'boolean', default: false },
    description: 'Trust `X-Forwarded-*` (behind an ingress), so rate limits see client IPs.',
  },
  shutdownTimeoutMs: {
    schema: { type: 'integer', minimum: 0, default: 10000 },
    description: 'On SIGTERM/SIGINT, how long open requests may finish before the process exits anyway.',
  },
};

/** A configuration value that does not satisfy the schema; the message names the variable. */
export class ConfigError extends Error {
  readonly problems: { variable: string; problem: string }[];
  constructor(problems: { variable: string; problem: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function envName(key: string): string {
  return `MLHUB_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/**
 * A set of configuration keys validated by one JSON schema. `extend` adds a service's own keys (or
 * overrides a shared key, such as a different default port) to the same mechanism.
 */
export class ConfigDefinition<T> {
  readonly parts: ConfigParts<T>;

  constructor(parts: ConfigParts<T>) {
    this.parts = parts;
  }

  extend<U>(parts: ConfigParts<U>): ConfigDefinition<Omit<T, keyof U> & U> {
    return new ConfigDefinition({ ...this.parts, ...parts } as unknown as ConfigParts<Omit<T, keyof U> & U>);
  }

  /** The whole schema, every default in it. */
  schema(): AnySchemaObject {
    const entries = Object.entries<ConfigKey<unknown>>(this.parts);
    return {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(entries.map(([key, part]) => [key, part.schema])),
      required: entries.filter(([, part]) => part.schema.default === undefined).map(([key]) => key),
    };
  }

  variable(key: keyof T & string): string {
    return (this.parts[key] as ConfigKey<unknown>).env ?? envName(key);
  }

  /**
   * Reads every key from its environment variable, applies defaults and validates. Throws one ConfigError
   * listing every bad variable.
   */
  load(env: Record<string, string | undefined> = process.env): T {
    const problems: { variable: string; problem: string }[] = [];
    const raw: Record<string, unknown> = {};
    for (const [key, part] of Object.entries<ConfigKey<unknown>>(this.parts)) {
      const variable = part.env ?? envName(key);
      const text = env[variable];
      if (text === undefined || text === '') continue;
      try {
        raw[key] = parseText(text, part.schema);
      } catch (error) {
        problems.push({ variable, problem: (error as Error).message });
      }
    }
    const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(this.schema());
    if (!validate(raw)) {
      for (const error of validate.errors ?? []) {
        const key = keyOf(error);
        const part = (this.parts as Record<string, ConfigKey<unknown> | undefined>)[key];
        const variable = part ? (part.env ?? envName(key)) : key;
        if (problems.some((p) => p.variable === variable)) continue;
        const shown = part?.secret ? '' : ` (got ${JSON.stringify(env[variable] ?? null)})`;
        problems.push({ variable, problem: `${describe(error)}${shown}` });
      }
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return raw as T;
  }

  /** The README configuration table (markdown). */
  table(): string {
    const rows = Object.entries<ConfigKey<unknown>>(this.parts).map(([key, part]) => {
      const def = part.schema.default;
      const shown =
        def === undefined ? '(required)' : Array.isArray(def) ? def.join(',') : typeof def === 'string' ? def : JSON.stringify(def);
      return `| \`${part.env ?? envName(key)}\` | \`${shown === '' ? '""' : shown}\` | ${part.description} |`;
    });
    return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
  }
}

export function defineConfig<U>(parts: ConfigParts<U>): ConfigDefinition<Omit<FoundationConfig, keyof U> & U> {
  return foundationConfig.extend(parts);
}

export const foundationConfig = new ConfigDefinition<FoundationConfig>(foundationParts);

/** The shared configuration alone, from the environment. */
export function loadFoundationConfig(env: Record<string, string | undefined> = process.env): FoundationConfig {
  return foundationConfig.load(env);
}

function parseText(text: string, schema: AnySchemaObject): unknown {
  if (schema['type'] === 'array') {
    return text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  if (schema['type'] === 'object') {
    const trimmed = text.trim();
    const json = trimmed.startsWith('{') ? trimmed : readJsonFile(trimmed);
    try {
      return JSON.parse(json) as unknown;
    } catch (error) {
      throw new Error(`is not valid JSON: ${(error as Error).message}`);
    }
  }
  return text;
}

function readJsonFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`is neither inline JSON nor a readable file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function keyOf(error: ErrorObject): string {
  const [first] = error.instancePath.split('/').filter((segment) => segment !== '');
  if (first !== undefined) return first;
  const missing: unknown = error.params['missingProperty'] ?? error.params['additionalProperty'];
  return typeof missing === 'string' ? missing : '(config)';
}

function describe(error: ErrorObject): string {
  const inner = error.instancePath.split('/').slice(2).join('/');
  const where = inner ? `at ${inner}: ` : '';
  if (error.keyword === 'enum') return `${where}must be one of ${(error.params['allowedValues'] as unknown[]).join(', ')}`;
  if (error.keyword === 'required') return 'is required';
  return `${where}${error.message ?? 'is invalid'}`;
}
