import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type SqlExecutor } from '@cuakhau/messaging';
import { codedErrorOf } from '../application/quarantine-coded-errors';
import type { CaseStatus, QuarantineCase } from '../domain/quarantine-case';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a page of cases starts: after this (opened at, shipment id). */
export interface CaseCursor {
  readonly openedAt: string;
  readonly shipmentId: string;
}

export interface CaseFilter {
  readonly gateCode?: string;
  readonly statuses: readonly CaseStatus[];
}

interface CaseRow {
  body: QuarantineCase;
}

/**
 * The only code of quarantine that touches SQL for cases. Writes go through the caller's
 * transaction (the one the outbox rows are written with); `update` is guarded by the
 * version the caller loaded.
 */
@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A transaction's executor as the EntityManager it is (TypeOrmTransactionRunner's). */
  static managerOf(tx: SqlExecutor): EntityManager {
    if (!(tx instanceof EntityManager)) {
      throw new TypeError('quarantine runs its transactions through TypeOrmTransactionRunner');
    }
    return tx;
  }

  async findByShipment(
    shipmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<QuarantineCase | null> {
    if (!UUID.test(shipmentId)) return null;
    const rows = rowsOf<CaseRow>(
      await manager.query(`SELECT body FROM quarantine_cases WHERE shipment_id = $1`, [shipmentId]),
    );
    return rows[0]?.body ?? null;
  }

  /** One page, oldest first; `limit + 1` rows tell whether there is more. */
  async list(
    filter: CaseFilter,
    cursor: CaseCursor | undefined,
    limit: number,
  ): Promise<QuarantineCase[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (sql: (n: number) => string, ...values: unknown[]): void => {
      parameters.push(...values);
      conditions.push(sql(parameters.length - values.length + 1));
    };
    if (filter.gateCode !== undefined) add((n) => `gate_code = $${n}`, filter.gateCode);
    if (filter.statuses.length > 0) add((n) => `status = ANY($${n}::text[])`, [...filter.statuses]);
    if (cursor !== undefined) {
      add(
        (n) => `(opened_at, shipment_id) > ($${n}::timestamptz, $${n + 1}::uuid)`,
        cursor.openedAt,
        cursor.shipmentId,
      );
    }
    parameters.push(limit);
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    const rows = rowsOf<CaseRow>(
      await this.dataSource.manager.query(
        `SELECT body FROM quarantine_cases ${where}
         ORDER BY opened_at, shipment_id LIMIT $${parameters.length}`,
        parameters,
      ),
    );
    return rows.map((row) => row.body);
  }

  async insert(manager: EntityManager, state: QuarantineCase): Promise<void> {
    const rows = rowsOf<{ shipment_id: string }>(
      await manager.query(
        `INSERT INTO quarantine_cases
           (shipment_id, case_id, gate_code, status, version, body, opened_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (shipment_id) DO NOTHING
         RETURNING shipment_id`,
        [
          state.shipmentId,
          state.caseId,
          state.declaration.gateCode,
          state.status,
          state.version,
          JSON.stringify(state),
          state.openedAt,
          state.updatedAt,
        ],
      ),
    );
    if (rows.length === 0) {
      throw codedErrorOf(
        'QUARANTINE.CASE_ALREADY_EXISTS',
        `shipment ${state.shipmentId} already has a quarantine case`,
      );
    }
  }

  /** Replaces the case if it is still at `expectedVersion`; otherwise VERSION_CONFLICT. */
  async update(
    manager: EntityManager,
    state: QuarantineCase,
    expectedVersion: number,
  ): Promise<void> {
    const rows = rowsOf<{ shipment_id: string }>(
      await manager.query(
        `UPDATE quarantine_cases
            SET gate_code = $3, status = $4, version = $5, body = $6, updated_at = $7
          WHERE shipment_id = $1 AND version = $2
          RETURNING shipment_id`,
        [
          state.shipmentId,
          expectedVersion,
          state.declaration.gateCode,
          state.status,
          state.version,
          JSON.stringify(state),
          state.updatedAt,
        ],
      ),
    );
    if (rows.length === 0) {
      throw codedErrorOf(
        'QUARANTINE.VERSION_CONFLICT',
        `the case of shipment ${state.shipmentId} changed since version ${expectedVersion}`,
      );
    }
  }
}
