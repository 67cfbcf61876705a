import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { toMlHubError } from './errors.js';
import type { paths } from './generated/hub.js';

/** A typed ML Hub client: openapi-fetch's `GET`/`POST`/`DELETE`/... over the hub's paths. */
export type MlHubClient = Client<paths>;

/** A Tapis access token, or a function that gives the current one (called before every request). */
export type TokenProvider = () => string | undefined | null | Promise<string | undefined | null>;

export interface MlHubClientOptions {
  /** Origin of the hub (`https://tacc.tapis.io`); the operations' paths start with `/v3/mlhub`. */
  baseUrl: string;
  /** A fixed Tapis access token, sent as `X-Tapis-Token`. */
  token?: string;
  /** Gives the token before every request, so a refreshed token is picked up; may be async. Wins over `token`. */
  getToken?: TokenProvider;
  /**
   * The fetch to use. Defaults to whatever `globalThis.fetch` is at call time (not at creation time), so
   * interceptors installed later, such as msw in tests, still see every call.
   */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export const TOKEN_HEADER = 'X-Tapis-Token';

/**
 * Creates a typed client of the ML Hub API. Like openapi-fetch, every call resolves to
 * `{ data, error, response }` and never throws on an HTTP error; pass the result to `unwrap` to get
 * `result` or an `MlHubError`.
 *
 * Path parameters are percent-encoded, so a model id with a slash travels as one segment:
 * `client.GET('/v3/mlhub/models/{modelId}', { params: { path: { modelId: 'google/flan-t5-small' } } })`
 * requests `/v3/mlhub/models/google%2Fflan-t5-small`.
 *
 * A call that gets no HTTP answer (connection refused or reset, DNS, a body cut short) rejects with an
 * `MlHubError` of code `NETWORK_ERROR` and status 0; an aborted call rejects with the abort as it is.
 */
export function createMlHubClient(options: MlHubClientOptions): MlHubClient {
  const { baseUrl, token, getToken, headers } = options;
  const fetchImpl = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<paths>({ baseUrl, fetch: fetchImpl, ...(headers ? { headers } : {}) });
  const provider: TokenProvider | undefined = getToken ?? (token !== undefined ? () => token : undefined);
  if (provider) client.use(authMiddleware(provider));
  return withNetworkErrors(client, baseUrl);
}

const CALLS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'] as const;

/**
 * Makes every call of the client reject only with an `MlHubError` (or an abort). Wrapping the calls, not
 * `fetch`, also covers a body whose reading fails after the headers arrived, which openapi-fetch reads itself.
 */
function withNetworkErrors(client: MlHubClient, baseUrl: string): MlHubClient {
  for (const name of CALLS) {
    const call = client[name] as (...args: unknown[]) => Promise<unknown>;
    const wrapped = async (...args: unknown[]): Promise<unknown> => {
      try {
        return await call(...args);
      } catch (error) {
        // The path template (`/v3/mlhub/models/{modelId}`): it names the operation without the caller's values.
        const path = args[name === 'request' ? 1 : 0];
        throw toMlHubError(error, `${baseUrl.replace(/\/+$/, '')}${typeof path === 'string' ? path : ''}`);
      }
    };
    (client as unknown as Record<string, unknown>)[name] = wrapped;
  }
  return client;
}

/** Sets `X-Tapis-Token` on every request from the provider; a request that already has one keeps it. */
export function authMiddleware(getToken: TokenProvider): Middleware {
  return {
    async onRequest({ request }) {
      if (request.headers.has(TOKEN_HEADER)) return undefined;
      const value = await getToken();
      if (value) request.headers.set(TOKEN_HEADER, value);
      return request;
    },
  };
}
