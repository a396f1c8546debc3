import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '@cuakhau/messaging';
import type { Actor } from '../../cases/domain/border-guard-case';
import {
  nameKey,
  normaliseDocumentNumber,
  normalisePlate,
  type WatchListEntry,
  type WatchListEntryState,
} from '../domain/watch-list';
import { nameIndexKeys, nameLetterCount, nameQueryKeys } from '../domain/name-index-keys';

/** An entry with its life cycle (what supervisors see). */
export interface WatchListRecord {
  readonly entry: WatchListEntry;
  readonly state: WatchListEntryState;
  readonly addedBy: Actor;
  readonly addedAt: string;
  readonly endReason: string;
  readonly endedAt: string | null;
}

interface Row {
  id: string;
  subject: WatchListEntry['subject'];
  full_name: string;
  document_number: string;
  nationality: string;
  date_of_birth: string;
  plate: string;
  reason: string;
  expires_at: Date | null;
  state: WatchListEntryState;
  added_by: Actor;
  added_at: Date;
  end_reason: string;
  ended_at: Date | null;
}

/** Every column but the name keys (~60 per person; only the index needs them). */
const COLUMNS = `id, subject, full_name, document_number, nationality, date_of_birth, plate, reason,
  expires_at, state, added_by, added_at, end_reason, ended_at`;

/** The only code that touches SQL for the watch list. */
@Injectable()
export class WatchListRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Active, unexpired candidates for one driver and vehicle: every entry with the same document
   * number (b-tree), one of the plates (b-tree), or a name that shares an index key with each
   * token of the driver's name and one of the letter counts the matcher's length rule accepts
   * (GIN on `name_keys`, see name-index-keys.ts). Nothing is cut off and no similarity threshold
   * is guessed: these conditions hold for every name the matcher accepts; the domain decides.
   */
  async candidates(
    person: { name: string; documentNumber: string },
    plates: readonly string[],
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WatchListEntry[]> {
    const { sql, parameters } = this.candidatesQuery(person, plates, now);
    const found = new Map<string, Row>();
    for (const row of rowsOf<Row>(await manager.query(sql, parameters))) found.set(row.id, row);
    return [...found.values()].map((row) => toRecord(row).entry);
  }

  /** The statement `candidates` runs (exposed for the benchmark's EXPLAIN). */
  candidatesQuery(
    person: { name: string; documentNumber: string },
    plates: readonly string[],
    now: Date,
  ): { sql: string; parameters: unknown[] } {
    const parameters: unknown[] = [
      normaliseDocumentNumber(person.documentNumber),
      plates.map(normalisePlate).filter((plate) => plate !== ''),
      now,
    ];
    const active = `state = 'ACTIVE' AND (expires_at IS NULL OR expires_at > $3)`;
    const branches = [
      `SELECT ${COLUMNS} FROM watch_list_entries
       WHERE ${active} AND document_number <> '' AND document_number = $1`,
      `SELECT ${COLUMNS} FROM watch_list_entries
       WHERE ${active} AND plate <> '' AND plate = ANY($2)`,
    ];
    const keyLists = nameQueryKeys(person.name);
    if (keyLists.length > 0) {
      // A rectangular text[][] for the function (migration 1767225600002): NULLs never overlap.
      const width = Math.max(...keyLists.map((keys) => keys.length));
      parameters.push(
        keyLists.map((keys) => [...keys, ...new Array<null>(width - keys.length).fill(null)]),
      );
      parameters.push(nameLetterCount(person.name));
      branches.push(`SELECT ${COLUMNS} FROM watch_list_name_candidates($4::text[], $5::int, $3)`);
    }
    // One indexed branch per way of being listed: a UNION rather than OR, so that no branch's
    // index condition is evaluated again on the rows another found. An entry found twice (same
    // document and name) is returned once by `candidates`.
    return {
      sql: `${branches.join('\n       UNION ALL\n       ')}\n       ORDER BY id`,
      parameters,
    };
  }

  async findById(id: string, manager: EntityManager): Promise<WatchListRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = rowsOf<Row>(
      await manager.query(`SELECT ${COLUMNS} FROM watch_list_entries WHERE id = $1 FOR UPDATE`, [
        id,
      ]),
    );
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async list(includeInactive: boolean): Promise<WatchListRecord[]> {
    const rows = rowsOf<Row>(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM watch_list_entries ${includeInactive ? '' : `WHERE state = 'ACTIVE'`}
         ORDER BY added_at DESC, id DESC LIMIT 1000`,
      ),
    );
    return rows.map(toRecord);
  }

  async insert(manager: EntityManager, record: WatchListRecord): Promise<void> {
    const { entry } = record;
    await manager.query(
      `INSERT INTO watch_list_entries (id, subject, full_name, name_key, name_keys,
         document_number, nationality, date_of_birth, plate, reason, expires_at, state,
         added_by, added_at)
       VALUES ($1, $2, $3, $4, $14, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        entry.id,
        entry.subject,
        entry.fullName,
        nameKey(entry.fullName),
        normaliseDocumentNumber(entry.documentNumber),
        entry.nationality,
        entry.dateOfBirth,
        normalisePlate(entry.plate),
        entry.reason,
        entry.expiresAt,
        record.state,
        JSON.stringify(record.addedBy),
        record.addedAt,
        entry.subject === 'PERSON' ? nameIndexKeys(entry.fullName) : [],
      ],
    );
  }

  async end(
    manager: EntityManager,
    id: string,
    state: 'EXPIRED' | 'REMOVED',
    reason: string,
    actor: Actor,
    at: string,
  ): Promise<WatchListRecord | null> {
    const rows = rowsOf<Row>(
      await manager.query(
        `UPDATE watch_list_entries SET state = $2, end_reason = $3, ended_by = $4, ended_at = $5
         WHERE id = $1 AND state = 'ACTIVE' RETURNING ${COLUMNS}`,
        [id, state, reason, JSON.stringify(actor), at],
      ),
    );
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }
}

function toRecord(row: Row): WatchListRecord {
  return {
    entry: {
      id: row.id,
      subject: row.subject,
      fullName: row.full_name,
      documentNumber: row.document_number,
      nationality: row.nationality,
      dateOfBirth: row.date_of_birth,
      plate: row.plate,
      reason: row.reason,
      expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
    },
    state: row.state,
    addedBy: row.added_by,
    addedAt: new Date(row.added_at).toISOString(),
    endReason: row.end_reason,
    endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
  };
}
