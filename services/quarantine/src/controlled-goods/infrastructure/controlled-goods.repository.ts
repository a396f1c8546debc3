import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rowsOf } from '@cuakhau/messaging';
import type { ControlKind, ControlledGoodsEntry } from '../domain/controlled-goods';

interface EntryRow {
  hs_prefix: string;
  kind: ControlKind;
  description: string;
  valid_from: Date;
  valid_until: Date | null;
  added_by: string;
  reason: string;
}

const COLUMNS = 'hs_prefix, kind, description, valid_from, valid_until, added_by, reason';

function toEntry(row: EntryRow): ControlledGoodsEntry {
  return {
    hsPrefix: row.hs_prefix,
    kind: row.kind,
    description: row.description,
    validFrom: row.valid_from.toISOString(),
    ...(row.valid_until === null ? {} : { validUntil: row.valid_until.toISOString() }),
    addedBy: row.added_by,
    reason: row.reason,
  };
}

/** The only code that touches SQL for the controlled-goods list. */
@Injectable()
export class ControlledGoodsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The whole list (expired entries too), by prefix. */
  async all(manager: EntityManager = this.dataSource.manager): Promise<ControlledGoodsEntry[]> {
    const rows = rowsOf<EntryRow>(
      await manager.query(`SELECT ${COLUMNS} FROM controlled_goods ORDER BY hs_prefix`),
    );
    return rows.map(toEntry);
  }

  /** The entry of a prefix, locked for the rest of the transaction. */
  async findForUpdate(
    manager: EntityManager,
    hsPrefix: string,
  ): Promise<ControlledGoodsEntry | null> {
    const rows = rowsOf<EntryRow>(
      await manager.query(
        `SELECT ${COLUMNS} FROM controlled_goods WHERE hs_prefix = $1 FOR UPDATE`,
        [hsPrefix],
      ),
    );
    const row = rows[0];
    return row === undefined ? null : toEntry(row);
  }

  /** Inserts or replaces the entry of its prefix. */
  async save(manager: EntityManager, entry: ControlledGoodsEntry): Promise<void> {
    await manager.query(
      `INSERT INTO controlled_goods (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (hs_prefix) DO UPDATE SET
         kind = EXCLUDED.kind, description = EXCLUDED.description,
         valid_from = EXCLUDED.valid_from, valid_until = EXCLUDED.valid_until,
         added_by = EXCLUDED.added_by, reason = EXCLUDED.reason`,
      [
        entry.hsPrefix,
        entry.kind,
        entry.description,
        entry.validFrom,
        entry.validUntil ?? null,
        entry.addedBy,
        entry.reason,
      ],
    );
  }

  async remove(manager: EntityManager, hsPrefix: string): Promise<void> {
    await manager.query(`DELETE FROM controlled_goods WHERE hs_prefix = $1`, [hsPrefix]);
  }
}
