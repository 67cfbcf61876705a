type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The TypeScript module of the hub's closed error-code list: each code of the bundled spec's `ErrorCode`
 * enum with the HTTP status its `x-status` gives it, in the enum's order (the order the reverse lookup
 * status -> code relies on: the first code of a status is the one a bare status means). Throws when the
 * extension and the enum disagree, so a code can never be added without its status.
 */
export function errorCodesModule(spec: Json, specName: string): string {
  const schemas = isObject(spec.components) && isObject(spec.components.schemas) ? spec.components.schemas : {};
  const schema = schemas.ErrorCode;
  if (!isObject(schema) || !Array.isArray(schema.enum)) throw new Error(`${specName}: components.schemas.ErrorCode has no enum`);
  const codes = schema.enum as unknown[];
  const statuses = schema['x-status'];
  if (!isObject(statuses)) throw new Error(`${specName}: ErrorCode has no x-status map (code -> HTTP status)`);
  const missing = codes.filter((code) => typeof code !== 'string' || !(code in statuses));
  const extra = Object.keys(statuses).filter((code) => !codes.includes(code));
  if (missing.length || extra.length) {
    const list = (names: unknown[]) => names.join(', ') || 'none';
    throw new Error(
      `${specName}: ErrorCode x-status must name exactly the enum's codes (missing: ${list(missing)}; not in the enum: ${list(extra)})`,
    );
  }
  const rows = (codes as string[]).map((code) => {
    const status = statuses[code];
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
      const got = JSON.stringify(status);
      throw new Error(`${specName}: ErrorCode x-status of ${code} must be an HTTP error status (400-599), not ${got}`);
    }
    return `  ${code}: ${status},\n`;
  });
  return (
    `import type { components } from './hub.js';\n\n` +
    `/** Stable machine code of an error, in \`metadata.code\`; the list is closed. */\n` +
    `export type ErrorCode = components['schemas']['ErrorCode'];\n\n` +
    `/** The HTTP status each error code always travels with (\`x-status\` of \`ErrorCode\`), in the spec's order. */\n` +
    `export const errorStatus = {\n${rows.join('')}} as const satisfies Record<ErrorCode, number>;\n`
  );
}
