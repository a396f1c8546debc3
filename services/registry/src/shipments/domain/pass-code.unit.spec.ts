import { randomBytes } from 'node:crypto';
import {
  PASS_CODE_ALPHABET,
  PASS_CODE_ENTROPY_BITS,
  PASS_CODE_LENGTH,
  formatPassCode,
  generatePassCode,
  hashPassCode,
  normalisePassCode,
  verifyPassCode,
} from './pass-code';

const PEPPER = 'a-test-pepper-of-at-least-32-bytes!!';
const FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

function bytes(...values: number[]): (size: number) => Uint8Array {
  return (size) =>
    Uint8Array.from({ length: size }, (_, index) => values[index % values.length] ?? 0);
}

describe('generatePassCode', () => {
  it('has at least 50 bits of entropy: 12 characters of a 32-letter alphabet', () => {
    expect(PASS_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(PASS_CODE_ALPHABET).size).toBe(32);
    expect(PASS_CODE_LENGTH).toBe(12);
    expect(PASS_CODE_ENTROPY_BITS).toBe(Math.log2(PASS_CODE_ALPHABET.length) * PASS_CODE_LENGTH);
    expect(PASS_CODE_ENTROPY_BITS).toBeGreaterThanOrEqual(50);
  });

  it('maps each random byte to one letter, grouped XXXX-XXXX-XXXX', () => {
    expect(generatePassCode(bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))).toBe('0123-4567-89AB');
    expect(generatePassCode(bytes(31))).toBe('ZZZZ-ZZZZ-ZZZZ');
    expect(generatePassCode(bytes(255))).toBe('ZZZZ-ZZZZ-ZZZZ'); // low 5 bits
    expect(generatePassCode(bytes(32))).toBe('0000-0000-0000');
  });

  it('asks for 12 random bytes and refuses a short answer', () => {
    const sizes: number[] = [];
    generatePassCode((size) => {
      sizes.push(size);
      return new Uint8Array(size);
    });
    expect(sizes).toEqual([12]);
    expect(() => generatePassCode(() => new Uint8Array(11))).toThrow(RangeError);
  });

  it('draws typable, distinct codes using the whole alphabet from a real random source', () => {
    const codes = Array.from({ length: 2000 }, () => generatePassCode(randomBytes));
    for (const code of codes) {
      expect(code).toMatch(FORMAT);
    }
    expect(new Set(codes).size).toBe(codes.length);
    const used = new Set(codes.join('').replace(/-/g, ''));
    expect(used.size).toBe(32);
  });
});

describe('normalisePassCode', () => {
  it.each([
    ['7K3M-Q9XD-2H4T', '7K3MQ9XD2H4T'],
    ['7k3m q9xd-2h4t', '7K3MQ9XD2H4T'],
    [' 7K3MQ9XD2H4T ', '7K3MQ9XD2H4T'],
    ['IIII-LLLL-OOOO', '111111110000'], // confusables read as digits
    ['iiii-llll-oooo', '111111110000'],
  ])('reads %p as %p', (raw, normalised) => {
    expect(normalisePassCode(raw)).toEqual({ ok: true, value: normalised });
  });

  it.each([
    '',
    '7K3M-Q9XD-2H4',
    '7K3M-Q9XD-2H4TX',
    'UUUU-UUUU-UUUU',
    '7K3M_Q9XD_2H4T',
    'Ä'.repeat(12),
    'x'.repeat(100),
  ])('refuses %p with REGISTRY.PASS_CODE_MALFORMED', (raw) => {
    const result = normalisePassCode(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('REGISTRY.PASS_CODE_MALFORMED');
    }
  });

  it('formats a normalised code back into groups', () => {
    expect(formatPassCode('7K3MQ9XD2H4T')).toBe('7K3M-Q9XD-2H4T');
  });
});

describe('hashPassCode and verifyPassCode', () => {
  const code = '7K3M-Q9XD-2H4T';
  const stored = hashPassCode(code, PEPPER);

  it('stores a 256-bit HMAC, not the code', () => {
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain('7K3M');
    expect(hashPassCode('7k3m q9xd 2h4t', PEPPER)).toBe(stored); // hash of the normalised code
    expect(hashPassCode(code, `${PEPPER}x`)).not.toBe(stored); // the pepper matters
  });

  it('accepts the code as the driver may type it', () => {
    expect(verifyPassCode(code, stored, PEPPER)).toBe(true);
    expect(verifyPassCode('7k3mq9xd2h4t', stored, PEPPER)).toBe(true);
  });

  it.each([
    ['another code', '7K3M-Q9XD-2H4V'],
    ['a malformed code', '7K3M'],
    ['an empty code', ''],
  ])('refuses %s', (_, candidate) => {
    expect(verifyPassCode(candidate, stored, PEPPER)).toBe(false);
  });

  it('refuses the right code under another pepper, and a broken stored hash', () => {
    expect(verifyPassCode(code, stored, `${PEPPER}x`)).toBe(false);
    expect(verifyPassCode(code, 'not-hex', PEPPER)).toBe(false);
    expect(verifyPassCode(code, stored.slice(0, 32), PEPPER)).toBe(false);
  });

  it('stops accepting the old code once a new one is issued', () => {
    const first = generatePassCode(randomBytes);
    const second = generatePassCode(randomBytes);
    const current = hashPassCode(second, PEPPER);
    expect(verifyPassCode(second, current, PEPPER)).toBe(true);
    expect(verifyPassCode(first, current, PEPPER)).toBe(false);
  });
});
