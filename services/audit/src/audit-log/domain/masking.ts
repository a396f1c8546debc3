import type { JsonValue } from './hash-chain';

/** Keys whose values are personal identifiers (Decree 13/2023): masked in every report. */
const MASKED_KEYS = new Set(['documentNumber', 'phone', 'document_number', 'passportNumber']);

/** Keeps the last `visible` characters: "C1234567" → "*****567". */
export function maskValue(value: string, visible = 3): string {
  if (value.length <= visible) return '*'.repeat(value.length);
  return '*'.repeat(value.length - visible) + value.slice(-visible);
}

/**
 * Masks document numbers and phone numbers anywhere in a JSON value: fields named like
 * `documentNumber`/`phone`, and the `number` of entries under a `documents` list.
 */
export function maskPersonalData(value: JsonValue, parentKey = ''): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return (value as readonly JsonValue[]).map((item) => maskPersonalData(item, parentKey));
  }
  const object = value as { readonly [key: string]: JsonValue };
  const masked: Record<string, JsonValue> = {};
  for (const [key, inner] of Object.entries(object)) {
    const sensitive = MASKED_KEYS.has(key) || (parentKey === 'documents' && key === 'number');
    masked[key] =
      sensitive && typeof inner === 'string' ? maskValue(inner) : maskPersonalData(inner, key);
  }
  return masked;
}

/** Masks a raw payload text: JSON is masked field by field; anything else is withheld. */
export function maskPayloadText(payload: string | null): string {
  if (payload === null) return '';
  try {
    return JSON.stringify(maskPersonalData(JSON.parse(payload) as JsonValue));
  } catch {
    return JSON.stringify({ raw: '(not JSON: withheld)' });
  }
}
