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

/** The only code that touches SQL for the watch list. */
@Injectable()
export class WatchListRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Active, unexpired candidates for one driver and vehicle: every entry with the same document
   * number, one of the plates, or a trigram-similar name (pg_trgm `%`, similarity ≥ 0.3, GIN
   * index) whose letter count the matcher could accept. The domain decides.
   *
   * Nothing is cut off: an earlier `LIMIT 200` without an order let a common name key (~2,000
   * "Nguyễn Văn …" rows pass `%`) return an arbitrary 200 and drop the true match. Instead the
   * matcher's own length rule (letters differing by more than 1 + 1 per 12 never match) is
   * applied in SQL, which is exact, and the name candidates come most similar first.
   * 0.3 is a measured bound, not a proof: every single-edit spelling variant of the bench's
   * generated names the matcher accepts scores ≥ 0.33 (see the int test); a name with two
   * typos in one short token can score lower and is not pre-selected.
   */
  async candidates(
    person: { name: string; documentNumber: string },
    plates: readonly string[],
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WatchListEntry[]> {
    const key = nameKey(person.name);
    const letters = key.replace(/ /g, '').length;
    const rows = rowsOf<Row>(
      await manager.query(
        `SELECT * FROM watch_list_entries
         WHERE state = 'ACTIVE' AND (expires_at IS NULL OR expires_at > $4)
           AND ((document_number <> '' AND document_number = $1)
             OR (plate <> '' AND plate = ANY($2))
             OR (subject = 'PERSON' AND name_key % $3
               AND abs(length(replace(name_key, ' ', '')) - $5)
                 <= 1 + greatest(length(replace(name_key, ' ', '')), $5) / 12))
         ORDER BY similarity(name_key, $3) DESC, id`,
        [
          normaliseDocumentNumber(person.documentNumber),
          plates.map(normalisePlate).filter((plate) => plate !== ''),
          key,
          now,
          letters,
        ],
      ),
    );
    return rows.map((row) => toRecord(row).entry);
  }

  async findById(id: string, manager: EntityManager): Promise<WatchListRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = rowsOf<Row>(
      await manager.query(`SELECT * FROM watch_list_entries WHERE id = $1 FOR UPDATE`, [id]),
    );
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async list(includeInactive: boolean): Promise<WatchListRecord[]> {
    const rows = rowsOf<Row>(
      await this.dataSource.query(
        `SELECT * FROM watch_list_entries ${includeInactive ? '' : `WHERE state = 'ACTIVE'`}
         ORDER BY added_at DESC, id DESC LIMIT 1000`,
      ),
    );
    return rows.map(toRecord);
  }

  async insert(manager: EntityManager, record: WatchListRecord): Promise<void> {
    const { entry } = record;
    await manager.query(
      `INSERT INTO watch_list_entries (id, subject, full_name, name_key, document_number,
         nationality, date_of_birth, plate, reason, expires_at, state, added_by, added_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
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
         WHERE id = $1 AND state = 'ACTIVE' RETURNING *`,
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
