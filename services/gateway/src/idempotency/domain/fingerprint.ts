import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth: equal bodies give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What makes two requests "the same" for an Idempotency-Key: method, path and body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** A key of 1..255 visible ASCII characters (the IETF draft's recommendation). */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{1,255}$/.test(key);
}

export type IdempotencyOutcome =
  | { readonly kind: 'FIRST' }
  | { readonly kind: 'REPLAY'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'MISMATCH' }
  | { readonly kind: 'IN_PROGRESS' };

export interface StoredIdempotency {
  readonly fingerprint: string;
  readonly state: 'IN_PROGRESS' | 'COMPLETED';
  readonly status: number | null;
  readonly body: unknown;
}

/** What to do with a request given the record its key already has (if any). */
export function decideIdempotency(
  stored: StoredIdempotency | undefined,
  fingerprint: string,
): IdempotencyOutcome {
  if (stored === undefined) return { kind: 'FIRST' };
  if (stored.fingerprint !== fingerprint) return { kind: 'MISMATCH' };
  if (stored.state === 'IN_PROGRESS' || stored.status === null) return { kind: 'IN_PROGRESS' };
  return { kind: 'REPLAY', status: stored.status, body: stored.body };
}
