/** Enum prefixes the gateway removes in JSON (`CASE_STATUS_OPEN` → `OPEN`). */
export const ENUM_PREFIXES = [
  'AGENCY_DECISION_',
  'AGENCY_STATUS_',
  'AGENCY_',
  'ACTOR_KIND_',
  'CASE_STATUS_',
  'CASE_HISTORY_STEP_',
  'CHANNEL_SOURCE_',
  'CHANNEL_',
  'DIRECTION_',
  'MATCH_BASIS_',
  'SHIPMENT_STATUS_',
  'QUEUE_ENTRY_STATUS_',
  'PRIORITY_CLASS_',
  'UNMATCHED_REASON_',
  'UNMATCHED_STATUS_',
  'ARRIVAL_SOURCE_',
  'RULE_KIND_',
  'REASON_SOURCE_',
  'WATCH_LIST_SUBJECT_',
] as const;

const ENUM_VALUE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** `CHANNEL_GREEN` → `GREEN`; other strings unchanged. The longest matching prefix wins. */
export function shortEnumName(value: string): string {
  if (!ENUM_VALUE.test(value)) return value;
  const prefix = ENUM_PREFIXES.filter((candidate) => value.startsWith(candidate)).sort(
    (a, b) => b.length - a.length,
  )[0];
  return prefix === undefined || prefix.length === value.length
    ? value
    : value.slice(prefix.length);
}

/**
 * A gRPC answer as public JSON: enum values by their short names, everything else as is
 * (Timestamps already arrive as ISO strings from the generated codecs).
 */
export function withShortEnums(value: unknown): unknown {
  if (typeof value === 'string') return shortEnumName(value);
  if (Array.isArray(value)) return value.map(withShortEnums);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, withShortEnums(entry)]),
    );
  }
  return value;
}
