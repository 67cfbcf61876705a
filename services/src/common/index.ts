// The foundation every ML Hub service stands on. This file is its whole public surface.
export {
  ConfigDefinition,
  ConfigError,
  defineConfig,
  envName,
  foundationConfig,
  foundationParts,
  loadFoundationConfig,
  type ConfigKey,
  type ConfigParts,
  type FoundationConfig,
  type LogLevel,
  type StaticTenantKey,
} from './config.js';
export { ApiError, codeForStatus, errorStatus, isApiError, type ApiErrorOptions, type ErrorCode } from './errors.js';
export { envelope, errorEnvelope, type EnvelopeOptions, type ErrorEnvelope, type SuccessEnvelope } from './envelope.js';
export {
  errorHandler,
  errorHandlerFor,
  notFoundHandler,
  notFoundHandlerFor,
  toApiError,
  useProtocolErrors,
  validationError,
  type ValidationErrorOptions,
  type ValidationIssue,
} from './error-handler.js';
export { openAiErrors, tapisErrors, tgiErrors, type ProtocolErrors } from './error-bodies.js';
export {
  bundledSpecPath,
  loadSpecDocument,
  resolveRefs,
  specDocumentOf,
  type SpecDocument,
  type SpecOperation,
  type SpecQueryParameter,
} from './spec.js';
export { refuseUnevaluatedProperties } from './strict-document.js';
export {
  registerSpecRoutes,
  withTags,
  withoutTags,
  type SlashParamParser,
  type SpecHandler,
  type SpecHandlers,
  type SpecRequest,
  type SpecRoutesOptions,
} from './spec-routes.js';
export { loggerOptions, REDACTED_PATHS, requestIdOf, serverOptions } from './server-options.js';
export { foundationPlugin, type FoundationOptions } from './foundation.js';
export { startServer, type StartOptions } from './lifecycle.js';
export { repoRoot } from './paths.js';
export { isCommitSha, recordedCommit, STORE_METADATA_FILE } from './store-metadata.js';
export type { TapisClaims, TapisIdentity } from './auth/identity.js';
export { isPublic } from './auth/plugin.js';
export { extractToken } from './auth/token.js';
export {
  TenantKeyStore,
  issuerOf,
  type FetchLike,
  type TenantKey,
  type TenantKeyStoreOptions,
  type TenantsLocation,
} from './auth/tenant-keys.js';
export { TapisVerifier, invalidToken, type TapisVerifierOptions } from './auth/verifier.js';
export { DEV_TENANT_BASE_URL, devTenantKeyFile, devTenantStaticKey, ensureDevTenantKeys, type DevTenantKeys } from './dev-tenant/keys.js';
export { isLoopbackHost } from './dev-tenant/plugin.js';
export { mintDevToken, type DevTokenOptions } from './dev-tenant/token.js';
export { devTokenCommand, TOKEN_USAGE } from './dev-tenant/cli.js';
