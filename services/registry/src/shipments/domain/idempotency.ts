import { createHash } from 'node:crypto';
import type { FieldError } from './registry.errors';
import type { Registration } from './shipment';

/**
 * Idempotent registration (RegisterRequest.idempotency_key, the gateway's Idempotency-Key
 * header). A retried Register with the same key from the same organisation returns the
 * shipment the first call created instead of registering twice; the same key with a
 * different request is refused (REGISTRY.IDEMPOTENCY_KEY_REUSED). "The same request" is
 * decided on the *validated* registration (strings trimmed, unknown fields dropped, the
 * planned arrival as an instant), so `…T08:30:00+07:00` and `…T01:30:00Z` are the same
 * request; the plate as typed is part of the registration (it is shown back), so another
 * spelling of it is another request. The actor is not part of it: a retry by a colleague
 * of the same organisation is still a retry.
 */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

export interface IdempotencyRecord {
  /** The client's key (trimmed). */
  readonly key: string;
  /** Hex SHA-256 of the organisation and the validated registration (`registrationFingerprint`). */
  readonly fingerprint: string;
}

// Control characters (C0, DEL, C1): a key is an opaque printable token such as a UUID.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The key as stored, `undefined` when the client sent none (empty or blank), or a field
 * error: at most 200 characters, no control characters.
 */
export function parseIdempotencyKey(
  raw: string,
):
  | { readonly ok: true; readonly key: string | undefined }
  | { readonly ok: false; readonly error: FieldError } {
  const key = raw.trim();
  if (key === '') return { ok: true, key: undefined };
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || CONTROL.test(key)) {
    return {
      ok: false,
      error: {
        field: 'idempotencyKey',
        code: 'REGISTRY.IDEMPOTENCY_KEY_INVALID',
        message: `an idempotency key has 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters`,
      },
    };
  }
  return { ok: true, key };
}

/**
 * Hex SHA-256 of the canonical JSON (keys sorted at every level) of the organisation and
 * the validated registration: equal for a retry, different for any other request.
 */
export function registrationFingerprint(
  organisationId: string,
  registration: Registration,
): string {
  return createHash('sha256')
    .update(canonicalJson({ organisationId, registration }), 'utf8')
    .digest('hex');
}

/** JSON with object keys in sorted order (arrays keep theirs); `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
