import {
  canonicalJson,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  parseIdempotencyKey,
  registrationFingerprint,
} from './idempotency';
import { validateRegistration } from './register-shipment';
import { CONTEXT, validInput, validRegistration } from './shipment.fixtures';

describe('parseIdempotencyKey', () => {
  it.each(['', '   '])('reads %j as "no key"', (raw) => {
    expect(parseIdempotencyKey(raw)).toEqual({ ok: true, key: undefined });
  });

  it('trims and keeps a printable key (a UUID, up to the maximum length)', () => {
    expect(parseIdempotencyKey(' 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b ')).toEqual({
      ok: true,
      key: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    });
    const longest = 'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH);
    expect(parseIdempotencyKey(longest)).toEqual({ ok: true, key: longest });
  });

  it.each(['k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH + 1), 'key\nwith newline', 'nul\u0000'])(
    'refuses %j with a field error',
    (raw) => {
      const parsed = parseIdempotencyKey(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) {
        expect(parsed.error).toMatchObject({
          field: 'idempotencyKey',
          code: 'REGISTRY.IDEMPOTENCY_KEY_INVALID',
        });
      }
    },
  );
});

describe('registrationFingerprint', () => {
  it('is a hex SHA-256, equal for equal requests', () => {
    const fingerprint = registrationFingerprint('org-1', validRegistration());
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(registrationFingerprint('org-1', validRegistration())).toBe(fingerprint);
  });

  it('is the same for two spellings of one request (compared after validation)', () => {
    const a = validateRegistration(
      { ...validInput(), plannedArrival: '2026-12-01T08:30:00+07:00', unknownField: 1 },
      CONTEXT,
    );
    const b = validateRegistration(
      { ...validInput(), plannedArrival: '2026-12-01T01:30:00.000Z', gateCode: ' MONGCAI ' },
      CONTEXT,
    );
    if (!a.ok || !b.ok) throw new Error('fixtures must be valid');
    expect(registrationFingerprint('org-1', a.value)).toBe(
      registrationFingerprint('org-1', b.value),
    );
  });

  it('differs for another organisation or any other field', () => {
    const base = registrationFingerprint('org-1', validRegistration());
    expect(registrationFingerprint('org-2', validRegistration())).not.toBe(base);
    expect(
      registrationFingerprint('org-1', validRegistration({ declarationNumber: '999999999999' })),
    ).not.toBe(base);
  });

  it('does not depend on the order object keys were built in', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: 'x' }] })).toBe(
      '{"a":[{"d":2,"e":"x"}],"b":1}',
    );
  });
});
