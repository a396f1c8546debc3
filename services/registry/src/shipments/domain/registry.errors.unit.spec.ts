import { REGISTRY_ERROR_KINDS, registryErrorKind, type RegistryErrorCode } from './registry.errors';

describe('registry error codes', () => {
  const codes = Object.keys(REGISTRY_ERROR_KINDS) as RegistryErrorCode[];

  it.each(codes)('%s is a stable AREA.UPPER_SNAKE_CASE code of a known kind', (code) => {
    expect(code).toMatch(/^REGISTRY\.[A-Z][A-Z0-9_]*$/);
    expect(['NOT_FOUND', 'CONFLICT', 'INVALID', 'PRECONDITION_FAILED']).toContain(
      registryErrorKind(code),
    );
  });

  it.each<[RegistryErrorCode, string]>([
    ['REGISTRY.SHIPMENT_NOT_FOUND', 'NOT_FOUND'],
    ['REGISTRY.PASS_CODE_MISMATCH', 'NOT_FOUND'],
    ['REGISTRY.HS_CODE_INVALID', 'INVALID'],
    ['REGISTRY.DECLARATION_DUPLICATE', 'CONFLICT'],
    ['REGISTRY.VERSION_CONFLICT', 'CONFLICT'],
    ['REGISTRY.ILLEGAL_TRANSITION', 'CONFLICT'],
    ['REGISTRY.EVENT_ALREADY_APPLIED', 'CONFLICT'],
    ['REGISTRY.IDEMPOTENCY_KEY_INVALID', 'INVALID'],
    ['REGISTRY.IDEMPOTENCY_KEY_REUSED', 'PRECONDITION_FAILED'],
  ])('%s is %s', (code, kind) => {
    expect(registryErrorKind(code)).toBe(kind);
  });
});
