import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from './result';
import { registryError, type RegistryError } from './registry.errors';

/**
 * The driver's pass code: 12 characters of Crockford base32 (5 bits each, 60 bits in all),
 * printed as `XXXX-XXXX-XXXX`. The alphabet has no I, L, O or U, and a typed I/L reads as
 * 1 and O as 0, so what a driver reads off a paper pass is what the system checks.
 *
 * Only an HMAC-SHA256 of the normalised code under a server-side pepper is stored; the
 * code itself is returned once, when it is issued. A fast keyed hash is the right tool here,
 * not argon2/scrypt: slow hashes exist to make offline guessing of *low-entropy, human-chosen*
 * passwords expensive, whereas this code is 60 bits from a CSPRNG — 2^60 HMACs per stolen
 * row is out of reach even at GPU speed, and without the pepper (configuration, not in the
 * database) a stolen table cannot be tested at all. A slow hash would only cost every
 * registration and every driver lookup milliseconds of CPU for no added safety. Hashing lives here as a pure function
 * (same inputs, same output, no I/O): node:crypto is a library, not infrastructure. The
 * randomness is injected (`crypto.randomBytes` in production) so tests stay deterministic.
 * The pepper comes from validated configuration (at least 32 random bytes).
 */
export const PASS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PASS_CODE_LENGTH = 12;
export const PASS_CODE_GROUP = 4;
/** log2(32) × 12. */
export const PASS_CODE_ENTROPY_BITS = 60;

export type RandomBytes = (size: number) => Uint8Array;

/** A fresh code, e.g. `7K3M-Q9XD-2H4T`. Each byte's low 5 bits pick a letter: 256 is a multiple of 32, so no bias. */
export function generatePassCode(randomBytes: RandomBytes): string {
  const bytes = randomBytes(PASS_CODE_LENGTH);
  if (bytes.length < PASS_CODE_LENGTH) {
    throw new RangeError(`randomBytes returned ${bytes.length} bytes, ${PASS_CODE_LENGTH} needed`);
  }
  let code = '';
  for (let index = 0; index < PASS_CODE_LENGTH; index += 1) {
    code += PASS_CODE_ALPHABET.charAt((bytes[index] ?? 0) & 0x1f);
  }
  return formatPassCode(code);
}

/** `7k3m q9xd-2h4t` → `7K3MQ9XD2H4T`; I and L read as 1, O as 0; anything else malformed. */
export function normalisePassCode(raw: string): Result<string, RegistryError> {
  if (raw.length > PASS_CODE_LENGTH * 3) {
    return err(malformed());
  }
  const canonical = raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (canonical.length !== PASS_CODE_LENGTH) {
    return err(malformed());
  }
  for (const char of canonical) {
    if (!PASS_CODE_ALPHABET.includes(char)) {
      return err(malformed());
    }
  }
  return ok(canonical);
}

/** `7K3MQ9XD2H4T` → `7K3M-Q9XD-2H4T`. */
export function formatPassCode(normalised: string): string {
  const groups: string[] = [];
  for (let index = 0; index < normalised.length; index += PASS_CODE_GROUP) {
    groups.push(normalised.slice(index, index + PASS_CODE_GROUP));
  }
  return groups.join('-');
}

/** Hex HMAC-SHA256 of the normalised code: what is stored as `passCodeHash`. */
export function hashPassCode(code: string, pepper: string | Uint8Array): string {
  const normalised = normalisePassCode(code);
  const text = normalised.ok ? normalised.value : code;
  return createHmac('sha256', pepper).update(text, 'utf8').digest('hex');
}

/** Whether `candidate` (as typed) is the code behind `storedHash`; compared in constant time. */
export function verifyPassCode(
  candidate: string,
  storedHash: string,
  pepper: string | Uint8Array,
): boolean {
  const normalised = normalisePassCode(candidate);
  // Hash even a malformed candidate, so that the time taken says nothing about it.
  const actual = Buffer.from(hashPassCode(normalised.ok ? normalised.value : '', pepper), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  if (expected.length !== actual.length) {
    return false;
  }
  return timingSafeEqual(actual, expected) && normalised.ok;
}

function malformed(): RegistryError {
  return registryError(
    'REGISTRY.PASS_CODE_MALFORMED',
    `a pass code has ${PASS_CODE_LENGTH} letters and digits, e.g. 7K3M-Q9XD-2H4T`,
  );
}
