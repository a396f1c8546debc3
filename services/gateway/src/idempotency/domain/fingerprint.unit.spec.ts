import {
  canonicalJson,
  decideIdempotency,
  isValidIdempotencyKey,
  requestFingerprint,
} from './fingerprint';

describe('idempotency fingerprint', () => {
  it('ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(requestFingerprint('post', '/s', { a: 1, b: 2 })).toBe(
      requestFingerprint('POST', '/s', { b: 2, a: 1 }),
    );
  });

  it.each([
    ['another body', 'POST', '/s', { a: 2 }],
    ['another path', 'POST', '/t', { a: 1 }],
    ['another method', 'PATCH', '/s', { a: 1 }],
    ['array order', 'POST', '/s', { a: 1, l: [2, 1] }],
  ])('differs for %s', (_name, method, path, body) => {
    expect(requestFingerprint(method, path, body)).not.toBe(
      requestFingerprint('POST', '/s', { a: 1, ...(_name === 'array order' ? { l: [1, 2] } : {}) }),
    );
  });

  it.each([
    ['abc-123', true],
    ['', false],
    ['has space', false],
    ['x'.repeat(256), false],
  ])('key %p valid: %p', (key, valid) => {
    expect(isValidIdempotencyKey(key)).toBe(valid);
  });

  it.each([
    ['no record', undefined, { kind: 'FIRST' }],
    [
      'same request, done',
      { fingerprint: 'f', state: 'COMPLETED', status: 201, body: { id: 1 } },
      { kind: 'REPLAY', status: 201, body: { id: 1 } },
    ],
    [
      'other request',
      { fingerprint: 'g', state: 'COMPLETED', status: 201, body: {} },
      { kind: 'MISMATCH' },
    ],
    [
      'same request, running',
      { fingerprint: 'f', state: 'IN_PROGRESS', status: null, body: null },
      { kind: 'IN_PROGRESS' },
    ],
  ] as const)('given %s', (_name, stored, outcome) => {
    expect(decideIdempotency(stored, 'f')).toEqual(outcome);
  });
});
