import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type SqlExecutor } from '@cuakhau/messaging';
import type { BorderGuardCase, CallState, CaseStatus } from '../domain/border-guard-case';
import type { VehiclePermit } from '../domain/vehicle-permit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CaseCursor {
  readonly updatedAt: string;
  readonly shipmentId: string;
}

/** The only code that touches SQL for cases, calls and permits. */
@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  static managerOf(tx: SqlExecutor): EntityManager {
    if (!(tx instanceof EntityManager)) {
      throw new TypeError(
        'the border guard runs its transactions through TypeOrmTransactionRunner',
      );
    }
    return tx;
  }

  /** The case of a shipment; `forUpdate` locks the row until the transaction ends. */
  async findByShipment(
    shipmentId: string,
    manager: EntityManager = this.dataSource.manager,
    forUpdate = false,
  ): Promise<BorderGuardCase | null> {
    if (!UUID.test(shipmentId)) return null;
    const rows = rowsOf<{ data: BorderGuardCase }>(
      await manager.query(
        `SELECT data FROM cases WHERE shipment_id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
        [shipmentId],
      ),
    );
    return rows[0]?.data ?? null;
  }

  async list(
    statuses: readonly CaseStatus[],
    gateCode: string | undefined,
    cursor: CaseCursor | undefined,
    limit: number,
  ): Promise<BorderGuardCase[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (statuses.length > 0) {
      params.push([...statuses]);
      where.push(`status = ANY($${params.length})`);
    }
    if (gateCode !== undefined) {
      params.push(gateCode);
      where.push(`gate_code = $${params.length}`);
    }
    if (cursor !== undefined) {
      params.push(cursor.updatedAt, cursor.shipmentId);
      where.push(`(updated_at, shipment_id) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit);
    const rows = rowsOf<{ data: BorderGuardCase }>(
      await this.dataSource.query(
        `SELECT data FROM cases ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
         ORDER BY updated_at DESC, shipment_id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return rows.map((row) => row.data);
  }

  /** Inserts a new case; false when the shipment already has one (a concurrent first check). */
  async insert(manager: EntityManager, state: BorderGuardCase): Promise<boolean> {
    const rows = rowsOf(
      await manager.query(
        `INSERT INTO cases (shipment_id, case_id, gate_code, status, version, data, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (shipment_id) DO NOTHING RETURNING shipment_id`,
        [
          state.shipmentId,
          state.caseId,
          state.gateCode,
          state.status,
          state.version,
          JSON.stringify(state),
          state.createdAt,
          state.updatedAt,
        ],
      ),
    );
    return rows.length === 1;
  }

  /** Replaces the case if it is still at `expectedVersion`; false when someone changed it. */
  async update(
    manager: EntityManager,
    state: BorderGuardCase,
    expectedVersion: number,
  ): Promise<boolean> {
    const rows = rowsOf(
      await manager.query(
        `UPDATE cases SET gate_code = $3, status = $4, version = $5, data = $6, updated_at = $7
         WHERE shipment_id = $1 AND version = $2 RETURNING shipment_id`,
        [
          state.shipmentId,
          expectedVersion,
          state.gateCode,
          state.status,
          state.version,
          JSON.stringify(state),
          state.updatedAt,
        ],
      ),
    );
    return rows.length === 1;
  }

  async findCall(shipmentId: string, manager: EntityManager): Promise<CallState | null> {
    const rows = rowsOf<{ called_lane_id: string | null; registry_status: string | null }>(
      await manager.query(
        `SELECT called_lane_id, registry_status FROM shipment_calls WHERE shipment_id = $1`,
        [shipmentId],
      ),
    );
    const row = rows[0];
    return row === undefined
      ? null
      : { calledLaneId: row.called_lane_id, registryStatus: row.registry_status };
  }

  /** TruckCalled (lane set) or TruckNoShow (lane cleared). */
  async recordCall(
    manager: EntityManager,
    shipmentId: string,
    laneId: string | null,
    at: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO shipment_calls (shipment_id, called_lane_id, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (shipment_id) DO UPDATE SET called_lane_id = EXCLUDED.called_lane_id,
         updated_at = EXCLUDED.updated_at`,
      [shipmentId, laneId, at],
    );
  }

  /** The registry's overall status of the shipment (ShipmentStatusChanged). */
  async recordRegistryStatus(
    manager: EntityManager,
    shipmentId: string,
    status: string,
    at: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO shipment_calls (shipment_id, registry_status, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (shipment_id) DO UPDATE SET registry_status = EXCLUDED.registry_status,
         updated_at = EXCLUDED.updated_at`,
      [shipmentId, status, at],
    );
  }

  async permitsOf(plate: string, manager: EntityManager): Promise<VehiclePermit[]> {
    const rows = rowsOf<{
      permit_number: string;
      plate: string;
      valid_from: Date;
      valid_until: Date;
    }>(
      await manager.query(
        `SELECT permit_number, plate, valid_from, valid_until FROM vehicle_permits WHERE plate = $1`,
        [plate],
      ),
    );
    return rows.map((row) => ({
      permitNumber: row.permit_number,
      plate: row.plate,
      validFrom: new Date(row.valid_from).toISOString(),
      validUntil: new Date(row.valid_until).toISOString(),
    }));
  }
}
