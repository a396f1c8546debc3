import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type SqlExecutor } from '@cuakhau/messaging';
import type { Signature } from '@cuakhau/signing';
import { codedErrorOf } from '../application/customs-coded-errors';
import type { TraderHistory } from '../domain/assess';
import type { Channel } from '../domain/declaration';
import type { CaseStatus, CustomsCase } from '../domain/customs-case';

/** A case as stored: the domain state plus the signature of its latest decision. */
export interface StoredCase {
  readonly state: CustomsCase;
  readonly signature?: Signature;
}

export interface CaseFilter {
  readonly gateCode?: string;
  readonly statuses?: readonly CaseStatus[];
  readonly channels?: readonly Channel[];
}

interface CaseRow {
  state: CustomsCase;
  decision_signature: Signature | null;
}

/**
 * The only code of customs that touches SQL for cases. Writes go through the caller's
 * transaction; `update` is guarded by the version the caller loaded (`WHERE version = $2`),
 * so of two officers deciding on the same version exactly one row update happens.
 */
@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A transaction's executor as the EntityManager it is (TypeOrmTransactionRunner's). */
  static managerOf(tx: SqlExecutor): EntityManager {
    if (!(tx instanceof EntityManager)) {
      throw new TypeError('customs runs its transactions through TypeOrmTransactionRunner');
    }
    return tx;
  }

  async findByShipmentId(
    shipmentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredCase | null> {
    const rows = rowsOf<CaseRow>(
      await manager.query(
        'SELECT state, decision_signature FROM customs_cases WHERE shipment_id = $1',
        [shipmentId],
      ),
    );
    const row = rows[0];
    return row === undefined ? null : stored(row);
  }

  /** One page in case id order (UUIDv7: oldest first), after `afterId`. */
  async list(
    filter: CaseFilter,
    afterId: string | undefined,
    limit: number,
  ): Promise<StoredCase[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: (n: number) => string, value: unknown): void => {
      values.push(value);
      where.push(sql(values.length));
    };
    if (filter.gateCode !== undefined) add((n) => `gate_code = $${n}`, filter.gateCode);
    if (filter.statuses !== undefined && filter.statuses.length > 0) {
      add((n) => `status = ANY($${n}::text[])`, [...filter.statuses]);
    }
    if (filter.channels !== undefined && filter.channels.length > 0) {
      add((n) => `channel = ANY($${n}::text[])`, [...filter.channels]);
    }
    if (afterId !== undefined) add((n) => `id > $${n}::uuid`, afterId);
    values.push(limit);
    const rows = rowsOf<CaseRow>(
      await this.dataSource.manager.query(
        `SELECT state, decision_signature FROM customs_cases
         ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
         ORDER BY id LIMIT $${values.length}`,
        values,
      ),
    );
    return rows.map(stored);
  }

  /** The trader's violations: its shipments customs REJECTED, with the decision time. */
  async traderHistory(manager: EntityManager, organisationId: string): Promise<TraderHistory> {
    const rows = rowsOf<{ shipment_id: string; decided_at: Date }>(
      await manager.query(
        `SELECT shipment_id, decided_at FROM customs_cases
         WHERE organisation_id = $1 AND status = 'REJECTED' AND decided_at IS NOT NULL`,
        [organisationId],
      ),
    );
    return {
      violations: rows.map((row) => ({
        shipmentId: row.shipment_id,
        at: new Date(row.decided_at).toISOString(),
      })),
    };
  }

  /**
   * Inserts a new case; false (and nothing written) when the shipment already has one —
   * a duplicate ShipmentRegistered that the inbox could not recognise (another event id).
   */
  async insert(
    manager: EntityManager,
    state: CustomsCase,
    signature?: Signature,
  ): Promise<boolean> {
    const inserted: unknown = await manager.query(
      `INSERT INTO customs_cases (
         id, shipment_id, organisation_id, gate_code, status, channel, version, state,
         decision_signature, decided_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (shipment_id) DO NOTHING
       RETURNING id`,
      [
        state.id,
        state.shipmentId,
        ...columnValues(state, signature),
        state.createdAt,
        state.updatedAt,
      ],
    );
    return rowsOf(inserted).length === 1;
  }

  /**
   * Replaces the stored case by `state` if it is still at `expectedVersion`; otherwise
   * CUSTOMS.VERSION_CONFLICT (someone else changed it in between).
   */
  async update(
    manager: EntityManager,
    state: CustomsCase,
    expectedVersion: number,
    signature?: Signature,
  ): Promise<void> {
    const updated: unknown = await manager.query(
      `UPDATE customs_cases SET
         organisation_id = $3, gate_code = $4, status = $5, channel = $6, version = $7,
         state = $8, decision_signature = $9, decided_at = $10, updated_at = $11
       WHERE id = $1 AND version = $2
       RETURNING id`,
      [state.id, expectedVersion, ...columnValues(state, signature), state.updatedAt],
    );
    if (rowsOf(updated).length === 0) {
      throw codedErrorOf(
        'CUSTOMS.VERSION_CONFLICT',
        `case ${state.id} was changed by someone else since version ${expectedVersion}`,
      );
    }
  }
}

/** organisation … decided_at ($3 … $10 of insert and update). */
function columnValues(state: CustomsCase, signature: Signature | undefined): unknown[] {
  return [
    state.declaration.organisationId,
    state.declaration.gateCode,
    state.status,
    state.channel,
    state.version,
    JSON.stringify(state),
    signature === undefined ? null : JSON.stringify(signature),
    state.decision?.decidedAt ?? null,
  ];
}

function stored(row: CaseRow): StoredCase {
  return row.decision_signature === null
    ? { state: row.state }
    : { state: row.state, signature: row.decision_signature };
}
