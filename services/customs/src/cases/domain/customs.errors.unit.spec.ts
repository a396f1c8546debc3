import { CUSTOMS_ERROR_KINDS, customsErrorKind, type CustomsErrorCode } from './customs.errors';

describe('customs error codes', () => {
  const codes = Object.keys(CUSTOMS_ERROR_KINDS) as CustomsErrorCode[];

  it.each(codes)('%s is a stable AREA.UPPER_SNAKE_CASE code of a known kind', (code) => {
    expect(code).toMatch(/^CUSTOMS\.[A-Z][A-Z0-9_]*$/);
    expect(['NOT_FOUND', 'CONFLICT', 'INVALID', 'PRECONDITION_FAILED']).toContain(
      customsErrorKind(code),
    );
  });

  it.each<[CustomsErrorCode, string]>([
    ['CUSTOMS.CASE_NOT_FOUND', 'NOT_FOUND'],
    ['CUSTOMS.REASON_REQUIRED', 'INVALID'],
    ['CUSTOMS.VERSION_CONFLICT', 'CONFLICT'],
    ['CUSTOMS.CASE_CLOSED', 'CONFLICT'],
    ['CUSTOMS.CASE_ALREADY_DECIDED', 'CONFLICT'],
    ['CUSTOMS.INSPECTION_REQUIRED', 'PRECONDITION_FAILED'],
  ])('%s is %s', (code, kind) => {
    expect(customsErrorKind(code)).toBe(kind);
  });
});
