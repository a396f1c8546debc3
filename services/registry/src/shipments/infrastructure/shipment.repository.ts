import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf, type SqlExecutor } from '@cuakhau/messaging';
import { codedErrorOf } from '../application/registry-coded-errors';
import type { IdempotencyRecord } from '../domain/idempotency';
import type { Shipment, ShipmentStatus } from '../domain/shipment';
import { GateEntity } from './gate.entity';
import { ShipmentEntity } from './shipment.entity';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const DECLARATION_KEY = 'shipments_gate_declaration_key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GATES_TTL_MS = 30_000;
/** Columns of one row of `insertNew`. */
const INSERT_COLUMNS = 24;

/** A shipment to insert, with the idempotency key and fingerprint of the Register that made it. */
export interface NewShipmentRow {
  readonly shipment: Shipment;
  readonly idempotency?: IdempotencyRecord;
}

/** A stored shipment with the idempotency key it was registered under. */
export interface IdempotentShipment {
  readonly shipment: Shipment;
  readonly key: string;
  readonly fingerprint: string;
}

/** Where a page of shipments starts: after this (planned arrival, id). */
export interface ShipmentCursor {
  readonly plannedArrival: string;
  readonly id: string;
}

export interface ShipmentFilter {
  readonly organisationId?: string;
  readonly statuses?: readonly ShipmentStatus[];
  readonly gateCode?: string;
  /** Planned arrival at or after (ISO 8601). */
  readonly plannedArrivalFrom?: string;
  /** Planned arrival strictly before (ISO 8601). */
  readonly plannedArrivalTo?: string;
}

/**
 * The only code of the registry that touches SQL for shipments and gates. Writes go through
 * the caller's transaction (`EntityManager` of TypeOrmTransactionRunner, the same one the
 * outbox rows are written with); `update` is guarded by the version the caller loaded.
 */
@Injectable()
export class ShipmentRepository {
  private gates: { codes: ReadonlySet<string>; loadedAt: number } | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** A transaction's executor as the EntityManager it is (TypeOrmTransactionRunner's). */
  static managerOf(tx: SqlExecutor): EntityManager {
    if (!(tx instanceof EntityManager)) {
      throw new TypeError('the registry runs its transactions through TypeOrmTransactionRunner');
    }
    return tx;
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Shipment | null> {
    if (!UUID.test(id)) return null;
    const entity = await manager.findOneBy(ShipmentEntity, { id });
    return entity === null ? null : toShipment(entity);
  }

  /** Shipments with this normalised plate, newest first (the driver's lookup). */
  async findByPlate(plateNormalised: string, limit = 20): Promise<Shipment[]> {
    const entities = await this.dataSource.manager.find(ShipmentEntity, {
      where: { plateNormalised },
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return entities.map(toShipment);
  }

  /** One page, newest planned arrival first; `limit + 1` rows tell whether there is more. */
  async list(
    filter: ShipmentFilter,
    cursor: ShipmentCursor | undefined,
    limit: number,
  ): Promise<Shipment[]> {
    const query = this.dataSource.manager.createQueryBuilder(ShipmentEntity, 's');
    if (filter.organisationId !== undefined) {
      query.andWhere('s.organisationId = :organisationId', {
        organisationId: filter.organisationId,
      });
    }
    if (filter.statuses !== undefined && filter.statuses.length > 0) {
      query.andWhere('s.status IN (:...statuses)', { statuses: [...filter.statuses] });
    }
    if (filter.gateCode !== undefined) {
      query.andWhere('s.gateCode = :gateCode', { gateCode: filter.gateCode });
    }
    if (filter.plannedArrivalFrom !== undefined) {
      query.andWhere('s.plannedArrival >= :from', { from: new Date(filter.plannedArrivalFrom) });
    }
    if (filter.plannedArrivalTo !== undefined) {
      query.andWhere('s.plannedArrival < :to', { to: new Date(filter.plannedArrivalTo) });
    }
    if (cursor !== undefined) {
      query.andWhere('(s.plannedArrival, s.id) < (:cursorArrival, :cursorId)', {
        cursorArrival: new Date(cursor.plannedArrival),
        cursorId: cursor.id,
      });
    }
    const entities = await query
      .orderBy('s.plannedArrival', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit)
      .getMany();
    return entities.map(toShipment);
  }

  /** The gate codes that exist (cached for 30 s: gates change only by migration). */
  async knownGates(): Promise<ReadonlySet<string>> {
    const now = Date.now();
    if (this.gates === undefined || now - this.gates.loadedAt > GATES_TTL_MS) {
      const gates = await this.dataSource.manager.find(GateEntity, { select: { code: true } });
      this.gates = { codes: new Set(gates.map((gate) => gate.code)), loadedAt: now };
    }
    return this.gates.codes;
  }

  /**
   * Inserts new shipments with one multi-row statement and returns the ids of the rows it
   * inserted. A row that would break a unique index — the live declaration number at its
   * gate (`shipments_gate_declaration_key`) or the organisation's idempotency key
   * (`shipments_organisation_idempotency_key`) — is skipped (`ON CONFLICT DO NOTHING`), not
   * an error, so that one duplicate does not fail the others of a batch: the constraint
   * still decides (a concurrent insert of the same key waits for the other transaction),
   * and the caller tells the two cases apart with `findByIdempotencyKeys`. Any other
   * failure (e.g. a gate that does not exist) fails the whole statement.
   */
  async insertNew(manager: EntityManager, rows: readonly NewShipmentRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const values: unknown[] = [];
    const tuples = rows.map(({ shipment, idempotency }) => {
      const first = values.length + 1;
      values.push(
        shipment.id,
        shipment.organisationId,
        ...columnValues(shipment),
        shipment.createdAt,
        idempotency?.key ?? null,
        idempotency?.fingerprint ?? null,
      );
      return `(${Array.from({ length: INSERT_COLUMNS }, (_, index) => `$${first + index}`).join(', ')})`;
    });
    let inserted: unknown;
    try {
      inserted = await manager.query(
        `INSERT INTO shipments (
           id, organisation_id, gate_code, direction, declaration_number, planned_arrival,
           plate_normalised, vehicle, driver, goods, documents, status, agencies, pass_code_hash,
           version, revision, timeline, arrived_at, called_lane_id, no_show_count, updated_at,
           created_at, idempotency_key, idempotency_fingerprint)
         VALUES ${tuples.join(',\n                ')}
         ON CONFLICT DO NOTHING
         RETURNING id`,
        values,
      );
    } catch (error) {
      throw translateWriteError(error, rows.length === 1 ? rows[0]?.shipment : undefined);
    }
    return new Set(rowsOf(inserted).map((row) => String((row as { id: unknown }).id)));
  }

  /** The shipments registered under these (organisation, idempotency key) pairs. */
  async findByIdempotencyKeys(
    manager: EntityManager,
    keys: readonly { readonly organisationId: string; readonly key: string }[],
  ): Promise<IdempotentShipment[]> {
    if (keys.length === 0) return [];
    const entities = await manager.find(ShipmentEntity, {
      where: keys.map(({ organisationId, key }) => ({ organisationId, idempotencyKey: key })),
    });
    return entities.flatMap((entity) =>
      entity.idempotencyKey === null || entity.idempotencyFingerprint === null
        ? []
        : [
            {
              shipment: toShipment(entity),
              key: entity.idempotencyKey,
              fingerprint: entity.idempotencyFingerprint,
            },
          ],
    );
  }

  /**
   * Replaces the stored shipment by `shipment` if it is still at `expectedVersion`;
   * otherwise REGISTRY.VERSION_CONFLICT (someone else changed it in between).
   */
  async update(manager: EntityManager, shipment: Shipment, expectedVersion: number): Promise<void> {
    let updated: unknown;
    try {
      updated = await manager.query(
        `UPDATE shipments SET
           gate_code = $3, direction = $4, declaration_number = $5, planned_arrival = $6,
           plate_normalised = $7, vehicle = $8, driver = $9, goods = $10, documents = $11,
           status = $12, agencies = $13, pass_code_hash = $14, version = $15, revision = $16,
           timeline = $17, arrived_at = $18, called_lane_id = $19, no_show_count = $20,
           updated_at = $21
         WHERE id = $1 AND version = $2
         RETURNING id`,
        [shipment.id, expectedVersion, ...columnValues(shipment)],
      );
    } catch (error) {
      throw translateWriteError(error, shipment);
    }
    if (rowsOf(updated).length === 0) {
      throw codedErrorOf(
        'REGISTRY.VERSION_CONFLICT',
        `shipment ${shipment.id} was changed by someone else since version ${expectedVersion}`,
      );
    }
  }
}

/** $3 … $21 of insert and update: every column but id, organisation, created_at and the idempotency pair. */
function columnValues(shipment: Shipment): unknown[] {
  return [
    shipment.gateCode,
    shipment.direction,
    shipment.declarationNumber,
    shipment.plannedArrival,
    shipment.vehicle.plateNormalised,
    JSON.stringify(shipment.vehicle),
    JSON.stringify(shipment.driver),
    JSON.stringify(shipment.goods),
    JSON.stringify(shipment.documents),
    shipment.status,
    JSON.stringify(shipment.agencies),
    shipment.passCodeHash,
    shipment.version,
    shipment.revision,
    JSON.stringify(shipment.timeline),
    shipment.arrivedAt ?? null,
    shipment.calledLaneId ?? null,
    shipment.noShowCount,
    shipment.updatedAt,
  ];
}

/** The coded error of a failed write of `shipment` (undefined: several rows, no detail). */
function translateWriteError(error: unknown, shipment: Shipment | undefined): unknown {
  const code = pgField(error, 'code');
  if (code === UNIQUE_VIOLATION && pgField(error, 'constraint') === DECLARATION_KEY) {
    return codedErrorOf(
      'REGISTRY.DECLARATION_DUPLICATE',
      shipment === undefined
        ? 'the declaration is already registered at its gate'
        : `declaration ${shipment.declarationNumber} is already registered at gate ${shipment.gateCode}`,
      error,
    );
  }
  if (code === FOREIGN_KEY_VIOLATION) {
    return codedErrorOf(
      'REGISTRY.GATE_UNKNOWN',
      shipment === undefined ? 'a gate does not exist' : `there is no gate ${shipment.gateCode}`,
      error,
    );
  }
  return error;
}

/** A field of a pg error (TypeORM's QueryFailedError copies them onto itself). */
function pgField(error: unknown, field: 'code' | 'constraint'): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value: unknown = (error as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

function toShipment(entity: ShipmentEntity): Shipment {
  return {
    id: entity.id,
    organisationId: entity.organisationId,
    gateCode: entity.gateCode,
    direction: entity.direction,
    declarationNumber: entity.declarationNumber,
    plannedArrival: entity.plannedArrival.toISOString(),
    vehicle: entity.vehicle,
    driver: entity.driver,
    goods: entity.goods,
    documents: entity.documents,
    status: entity.status,
    agencies: entity.agencies,
    passCodeHash: entity.passCodeHash,
    version: entity.version,
    revision: entity.revision,
    timeline: entity.timeline,
    ...(entity.arrivedAt === null ? {} : { arrivedAt: entity.arrivedAt.toISOString() }),
    ...(entity.calledLaneId === null ? {} : { calledLaneId: entity.calledLaneId }),
    noShowCount: entity.noShowCount,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
