import { describe, expect, it } from '@jest/globals';
import { errorCodesModule } from '../src/spec/error-codes.js';

const specWith = (errorCode: Record<string, unknown>) => ({ components: { schemas: { ErrorCode: { type: 'string', ...errorCode } } } });

describe('the generated error-code module', () => {
  it('maps each code of the enum to its x-status, in the enum order', () => {
    const spec = specWith({ enum: ['NOT_FOUND', 'BAD_REQUEST'], 'x-status': { BAD_REQUEST: 400, NOT_FOUND: 404 } });
    expect(errorCodesModule(spec, 'hub')).toContain('export const errorStatus = {\n  NOT_FOUND: 404,\n  BAD_REQUEST: 400,\n}');
  });

  it('refuses a code without a status, or a status without a code', () => {
    const missing = specWith({ enum: ['BAD_REQUEST', 'TEAPOT'], 'x-status': { BAD_REQUEST: 400 } });
    expect(() => errorCodesModule(missing, 'hub')).toThrow(/missing: TEAPOT; not in the enum: none/);
    const extra = specWith({ enum: ['BAD_REQUEST'], 'x-status': { BAD_REQUEST: 400, GONE: 410 } });
    expect(() => errorCodesModule(extra, 'hub')).toThrow(/missing: none; not in the enum: GONE/);
  });

  it('refuses a status that is not an HTTP error status, and a spec without the extension', () => {
    expect(() => errorCodesModule(specWith({ enum: ['BAD_REQUEST'], 'x-status': { BAD_REQUEST: 200 } }), 'hub')).toThrow(
      /BAD_REQUEST .* not 200/,
    );
    expect(() => errorCodesModule(specWith({ enum: ['BAD_REQUEST'] }), 'hub')).toThrow(/no x-status/);
  });
});
