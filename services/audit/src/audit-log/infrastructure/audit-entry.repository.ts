import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GENESIS_HASH, type EntryContent, type StoredEntry } from '../domain/hash-chain';

/** A message as received, before it is linked into the chain. */
export interface IncomingEntry extends EntryContent {
  readonly eventId: string;
  readonly eventType: string;
  readonly subject: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** ce_time when it is a valid timestamp. */
  readonly eventTime: string | null;
}

export interface LinkedEntry extends IncomingEntry {
  readonly seq: number;
  readonly contentHash: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface EntryRow extends StoredEntry {
  readonly eventId: string;
  readonly eventType: string;
  readonly subject: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventTime: Date | null;
  readonly appendedAt: Date;
  readonly signatureStatus: string | null;
  readonly signatureProblem: string | null;
}

interface RawEntryRow {
  seq: string;
  event_id: string;
  event_type: string;
  subject: string;
  topic: string;
  kafka_partition: number;
  kafka_offset: string;
  event_time: Date | null;
  appended_at: Date;
  message_key: string | null;
  headers: Record<string, string>;
  payload: string | null;
  content_hash: string;
  prev_hash: string;
  hash: string;
  signature_status?: string | null;
  signature_problem?: string | null;
}

/** Any int64 key works: it only has to be the same for every writer of the chain. */
const CHAIN_LOCK_KEY = 7_715_001;

function toRow(raw: RawEntryRow): EntryRow {
  return {
    seq: Number(raw.seq),
    eventId: raw.event_id,
    eventType: raw.event_type,
    subject: raw.subject,
    topic: raw.topic,
    partition: raw.kafka_partition,
    offset: raw.kafka_offset,
    eventTime: raw.event_time,
    appendedAt: raw.appended_at,
    key: raw.message_key,
    headers: raw.headers,
    payload: raw.payload,
    contentHash: raw.content_hash,
    prevHash: raw.prev_hash,
    hash: raw.hash,
    signatureStatus: raw.signature_status ?? null,
    signatureProblem: raw.signature_problem ?? null,
  };
}

/** The hash chain table: the only code that touches audit_entry and signature_check. */
@Injectable()
export class AuditEntryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises appends (every instance, every partition): the chain stays linear. */
  async lockChain(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
  }

  async head(tx: EntityManager): Promise<{ seq: number; hash: string }> {
    const rows = await tx.query<{ seq: string; hash: string }[]>(
      'SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1',
    );
    const last = rows[0];
    return last === undefined
      ? { seq: 0, hash: GENESIS_HASH }
      : { seq: Number(last.seq), hash: last.hash };
  }

  async existingIds(tx: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await tx.query<{ event_id: string }[]>(
      'SELECT event_id FROM audit_entry WHERE event_id = ANY($1)',
      [ids],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async insert(tx: EntityManager, entries: readonly LinkedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO audit_entry (seq, event_id, event_type, subject, topic, kafka_partition,
         kafka_offset, event_time, message_key, headers, payload, content_hash, prev_hash, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::int[], $7::bigint[], $8::timestamptz[], $9::text[], $10::jsonb[], $11::text[],
         $12::text[], $13::text[], $14::text[])`,
      [
        entries.map((entry) => entry.seq),
        entries.map((entry) => entry.eventId),
        entries.map((entry) => entry.eventType),
        entries.map((entry) => entry.subject),
        entries.map((entry) => entry.topic),
        entries.map((entry) => entry.partition),
        entries.map((entry) => entry.offset),
        entries.map((entry) => entry.eventTime),
        entries.map((entry) => entry.key),
        entries.map((entry) => JSON.stringify(entry.headers)),
        entries.map((entry) => entry.payload),
        entries.map((entry) => entry.contentHash),
        entries.map((entry) => entry.prevHash),
        entries.map((entry) => entry.hash),
      ],
    );
  }

  /** Records the signature checks of a batch's decisions in one statement. */
  async recordSignatureChecks(
    tx: EntityManager,
    checks: readonly {
      eventId: string;
      seq: number;
      agency: string;
      status: 'VALID' | 'INVALID' | 'UNVERIFIED';
      problem: string | null;
      keyId: string | null;
    }[],
  ): Promise<void> {
    if (checks.length === 0) return;
    await tx.query(
      `INSERT INTO signature_check (event_id, entry_seq, agency, status, problem, key_id)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[],
         $6::text[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        checks.map((check) => check.eventId),
        checks.map((check) => check.seq),
        checks.map((check) => check.agency),
        checks.map((check) => check.status),
        checks.map((check) => check.problem),
        checks.map((check) => check.keyId),
      ],
    );
  }

  /** One shipment's entries in chain order, with their signature check. */
  async listForSubject(subject: string, afterSeq: number, limit: number): Promise<EntryRow[]> {
    const rows = await this.dataSource.query<RawEntryRow[]>(
      `SELECT e.*, s.status AS signature_status, s.problem AS signature_problem
       FROM audit_entry e LEFT JOIN signature_check s ON s.event_id = e.event_id
       WHERE e.subject = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
      [subject, afterSeq, limit],
    );
    return rows.map(toRow);
  }

  /** A page of the chain in seq order (for verification). */
  async page(afterSeq: number, limit: number): Promise<EntryRow[]> {
    const rows = await this.dataSource.query<RawEntryRow[]>(
      'SELECT * FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT $2',
      [afterSeq, limit],
    );
    return rows.map(toRow);
  }

  /** The last entry appended before `before` (for a daily root). */
  async lastBefore(before: Date): Promise<{ seq: number; hash: string } | undefined> {
    const rows = await this.dataSource.query<{ seq: string; hash: string }[]>(
      `SELECT seq, hash FROM audit_entry WHERE appended_at < $1 ORDER BY seq DESC LIMIT 1`,
      [before],
    );
    const last = rows[0];
    return last === undefined ? undefined : { seq: Number(last.seq), hash: last.hash };
  }
}
