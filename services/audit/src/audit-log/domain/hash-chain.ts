import { createHash } from 'node:crypto';

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The CloudEvents headers an entry's content hash covers (others, e.g. traceparent, are not). */
export const HASHED_HEADERS = [
  'ce_specversion',
  'ce_id',
  'ce_source',
  'ce_type',
  'ce_time',
  'ce_subject',
  'content-type',
] as const;

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, numbers and strings as
 * JSON.stringify writes them. The same value always gives the same text.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${(value as readonly JsonValue[]).map(canonicalJson).join(',')}]`;
  }
  const object = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(object).sort();
  return `{${keys
    .filter((key) => object[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key] as JsonValue)}`)
    .join(',')}}`;
}

/** What one entry's content hash is computed over. */
export interface EntryContent {
  readonly headers: Readonly<Record<string, string>>;
  readonly key: string | null;
  /** The Kafka value as received (UTF-8), or null. */
  readonly payload: string | null;
}

/** The payload as a JSON value when it is JSON, else the raw text (so no event is refused). */
function payloadValue(payload: string | null): JsonValue {
  if (payload === null) return null;
  try {
    return JSON.parse(payload) as JsonValue;
  } catch {
    return { raw: payload };
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SHA-256 over the canonical JSON of the hashed headers, the key and the payload. */
export function contentHash(content: EntryContent): string {
  const headers: Record<string, string> = {};
  for (const name of HASHED_HEADERS) {
    const value = content.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return sha256Hex(
    canonicalJson({ headers, key: content.key, payload: payloadValue(content.payload) }),
  );
}

/** hash = SHA-256(prev_hash || content_hash), both as lower-case hex text. */
export function chainHash(prevHash: string, content: string): string {
  return sha256Hex(prevHash + content);
}

/** One stored entry as the verifier reads it. */
export interface StoredEntry extends EntryContent {
  readonly seq: number;
  readonly contentHash: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** Where the verification of a stretch of the chain stands (carried from page to page). */
export interface ChainCursor {
  readonly entries: number;
  readonly lastSeq: number;
  readonly lastHash: string;
  /** Sequence number of the first broken entry, if any. */
  readonly firstBroken?: number;
}

export const CHAIN_START: ChainCursor = { entries: 0, lastSeq: 0, lastHash: GENESIS_HASH };

/**
 * Verifies the next entries of the chain (in seq order) from `cursor`. An entry is broken
 * when its sequence number is not the next one, its prev_hash is not the previous hash, its
 * content hash does not match its content, or its hash does not match the two.
 */
export function verifyEntries(cursor: ChainCursor, entries: readonly StoredEntry[]): ChainCursor {
  let { entries: count, lastSeq, lastHash } = cursor;
  let firstBroken = cursor.firstBroken;
  for (const entry of entries) {
    count += 1;
    const broken =
      entry.seq !== lastSeq + 1 ||
      entry.prevHash !== lastHash ||
      contentHash(entry) !== entry.contentHash ||
      chainHash(entry.prevHash, entry.contentHash) !== entry.hash;
    if (broken && firstBroken === undefined) firstBroken = entry.seq;
    lastSeq = entry.seq;
    // Continue from what the chain should be, so one bad row does not hide the others' fate.
    lastHash = entry.hash;
  }
  return firstBroken === undefined
    ? { entries: count, lastSeq, lastHash }
    : { entries: count, lastSeq, lastHash, firstBroken };
}

/** Links new entries after `previous` (the last stored entry). */
export function linkEntries<T extends EntryContent>(
  previous: { readonly seq: number; readonly hash: string },
  contents: readonly T[],
): (T & { seq: number; contentHash: string; prevHash: string; hash: string })[] {
  let { seq, hash } = previous;
  return contents.map((content) => {
    const own = contentHash(content);
    const next = chainHash(hash, own);
    const linked = { ...content, seq: seq + 1, contentHash: own, prevHash: hash, hash: next };
    seq += 1;
    hash = next;
    return linked;
  });
}

/** The text the audit key signs for a daily root. */
export function dailyRootSigningInput(day: string, lastSeq: number, rootHash: string): string {
  return `cuakhau.audit.root.v1|${day}|${lastSeq}|${rootHash}`;
}
