import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type SqlExecutor } from '@cuakhau/messaging';
import type {
  ArrivalSource,
  CallOutcome,
  Direction,
  EntryStatus,
  LaneDirection,
  PriorityClass,
  UnmatchedReason,
  UnmatchedStatus,
} from '../domain/yard';

/** The PostgreSQL channel every committed change of a gate is announced on (a {@link GateChange}). */
export const YARD_CHANGED_CHANNEL = 'logistics_queue_changed';

/** What changed in a gate: these trucks, its call rate (lanes, crossings), or anything (`full`). */
export interface GateChange {
  readonly gateCode: string;
  readonly trucks?: readonly string[];
  readonly rate?: boolean;
  readonly full?: boolean;
}

/** A NOTIFY payload as a change; a bare gate code (or anything unreadable) changes everything. */
export function parseGateChange(payload: string): GateChange | undefined {
  if (payload === '') return undefined;
  if (!payload.startsWith('{')) return { gateCode: payload, full: true };
  try {
    const parsed = JSON.parse(payload) as Partial<Record<keyof GateChange, unknown>>;
    if (typeof parsed.gateCode !== 'string' || parsed.gateCode === '') return undefined;
    const trucks = Array.isArray(parsed.trucks)
      ? parsed.trucks.filter((id): id is string => typeof id === 'string')
      : [];
    return {
      gateCode: parsed.gateCode,
      trucks,
      rate: parsed.rate === true,
      full: parsed.full === true,
    };
  } catch {
    return undefined;
  }
}

export interface ShipmentRow {
  readonly id: string;
  readonly gateCode: string;
  readonly direction: Direction;
  readonly plate: string;
  readonly plannedArrival: Date | null;
  readonly hsCodes: string[];
  readonly requiredCapabilities: string[];
  readonly status: string;
  readonly cleared: boolean;
  readonly version: number;
}

export interface EntryRow {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly plate: string;
  readonly status: EntryStatus;
  readonly priorityClass: PriorityClass;
  readonly arrivedAt: Date;
  readonly queuedAt: Date;
  readonly noShowCount: number;
  readonly laneId: string | null;
  readonly currentCallId: string | null;
  readonly etaShownMinutes: number | null;
  readonly cleared: boolean;
}

export interface LaneRow {
  readonly id: string;
  readonly gateCode: string;
  readonly name: string;
  readonly direction: LaneDirection;
  readonly capabilities: string[];
  readonly open: boolean;
  readonly busyCallId: string | null;
  readonly busyShipmentId: string | null;
}

export interface CallRow {
  readonly id: string;
  readonly shipmentId: string;
  readonly laneId: string;
  readonly gateCode: string;
  readonly calledAt: Date;
  readonly deadline: Date;
  readonly outcome: CallOutcome;
}

export interface UnmatchedRow {
  readonly id: string;
  readonly gateCode: string;
  readonly plateRaw: string;
  readonly plate: string;
  readonly source: ArrivalSource;
  readonly cameraId: string;
  readonly confidence: number;
  readonly arrivedAt: Date;
  readonly reason: UnmatchedReason;
  readonly status: UnmatchedStatus;
  readonly candidateShipmentIds: string[];
  readonly shipmentId: string | null;
}

export interface NewEntry {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly plate: string;
  readonly priorityClass: PriorityClass;
  readonly classRank: number;
  readonly arrivalId: string;
  readonly source: ArrivalSource;
  readonly cameraId: string;
  readonly confidence: number;
  readonly arrivedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHIPMENT_COLUMNS = `id, gate_code AS "gateCode", direction, plate, planned_arrival AS "plannedArrival",
  hs_codes AS "hsCodes", required_capabilities AS "requiredCapabilities", status, cleared, version`;
const ENTRY_COLUMNS = `q.shipment_id AS "shipmentId", q.gate_code AS "gateCode", q.plate, q.status,
  q.priority_class AS "priorityClass", q.arrived_at AS "arrivedAt", q.queued_at AS "queuedAt",
  q.no_show_count AS "noShowCount", q.lane_id AS "laneId", q.current_call_id AS "currentCallId",
  q.eta_shown_minutes AS "etaShownMinutes", COALESCE(s.cleared, false) AS cleared`;
const LANE_COLUMNS = `l.id, l.gate_code AS "gateCode", l.name, l.direction, l.capabilities, l.open,
  l.busy_call_id AS "busyCallId", c.shipment_id AS "busyShipmentId"`;
const CALL_COLUMNS = `id, shipment_id AS "shipmentId", lane_id AS "laneId", gate_code AS "gateCode",
  called_at AS "calledAt", deadline, outcome`;
const UNMATCHED_COLUMNS = `id, gate_code AS "gateCode", plate_raw AS "plateRaw", plate, source,
  camera_id AS "cameraId", confidence, arrived_at AS "arrivedAt", reason, status,
  candidate_shipment_ids::text[] AS "candidateShipmentIds", shipment_id AS "shipmentId"`;

/** The only code of the queue that speaks SQL. Every method takes the transaction it runs in. */
@Injectable()
export class YardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Reads outside a transaction. */
  get reader(): SqlExecutor {
    return this.dataSource;
  }

  private async rows<Row>(
    tx: SqlExecutor,
    sql: string,
    parameters: unknown[] = [],
  ): Promise<Row[]> {
    return rowsOf<Row>(await tx.query(sql, parameters));
  }

  /** Announces a committed change of a gate (delivered by PostgreSQL at commit). */
  async notifyChanged(tx: SqlExecutor, change: GateChange): Promise<void> {
    await tx.query(`SELECT pg_notify($1, $2)`, [YARD_CHANGED_CHANNEL, JSON.stringify(change)]);
  }

  // --- shipments (the registry's read model)

  /** Inserts or replaces a shipment unless a newer version is stored; true when written. */
  async upsertShipment(tx: SqlExecutor, row: Omit<ShipmentRow, 'cleared'>): Promise<boolean> {
    const written = await this.rows(
      tx,
      `INSERT INTO shipments (id, gate_code, direction, plate, planned_arrival, hs_codes,
         required_capabilities, status, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET gate_code = EXCLUDED.gate_code, direction = EXCLUDED.direction,
         plate = EXCLUDED.plate, planned_arrival = EXCLUDED.planned_arrival,
         hs_codes = EXCLUDED.hs_codes, required_capabilities = EXCLUDED.required_capabilities,
         version = EXCLUDED.version, updated_at = now()
       WHERE shipments.version <= EXCLUDED.version
       RETURNING id`,
      [
        row.id,
        row.gateCode,
        row.direction,
        row.plate,
        row.plannedArrival,
        row.hsCodes,
        row.requiredCapabilities,
        row.status,
        row.version,
      ],
    );
    return written.length > 0;
  }

  /** Sets the status (and the cleared flag when given) unless a newer version is stored. */
  async setShipmentStatus(
    tx: SqlExecutor,
    id: string,
    status: string,
    version: number,
    cleared: boolean | undefined,
  ): Promise<ShipmentRow | undefined> {
    const [row] = await this.rows<ShipmentRow>(
      tx,
      `UPDATE shipments SET status = $2, version = GREATEST(version, $3),
         cleared = COALESCE($4, cleared), updated_at = now()
       WHERE id = $1 AND version <= $3
       RETURNING ${SHIPMENT_COLUMNS}`,
      [id, status, version, cleared ?? null],
    );
    return row;
  }

  async getShipment(tx: SqlExecutor, id: string): Promise<ShipmentRow | undefined> {
    const [row] = await this.rows<ShipmentRow>(
      tx,
      `SELECT ${SHIPMENT_COLUMNS} FROM shipments WHERE id = $1`,
      [id],
    );
    return row;
  }

  async shipmentsByPlate(tx: SqlExecutor, gateCode: string, plate: string): Promise<ShipmentRow[]> {
    return this.rows<ShipmentRow>(
      tx,
      `SELECT ${SHIPMENT_COLUMNS} FROM shipments WHERE gate_code = $1 AND plate = $2 ORDER BY id`,
      [gateCode, plate],
    );
  }

  // --- queue entries

  async lockEntry(tx: SqlExecutor, shipmentId: string): Promise<EntryRow | undefined> {
    const [row] = await this.rows<EntryRow>(
      tx,
      `SELECT ${ENTRY_COLUMNS} FROM queue_entries q LEFT JOIN shipments s ON s.id = q.shipment_id
       WHERE q.shipment_id = $1 FOR UPDATE OF q`,
      [shipmentId],
    );
    return row;
  }

  /** Inserts the entry; false when the shipment already has one (a repeated arrival). */
  async insertEntry(tx: SqlExecutor, entry: NewEntry): Promise<boolean> {
    const inserted = await this.rows(
      tx,
      `INSERT INTO queue_entries (shipment_id, gate_code, plate, status, priority_class, class_rank,
         arrival_id, source, camera_id, confidence, arrived_at, queued_at)
       VALUES ($1, $2, $3, 'WAITING', $4, $5, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (shipment_id) DO NOTHING
       RETURNING shipment_id`,
      [
        entry.shipmentId,
        entry.gateCode,
        entry.plate,
        entry.priorityClass,
        entry.classRank,
        entry.arrivalId,
        entry.source,
        entry.cameraId,
        entry.confidence,
        entry.arrivedAt,
      ],
    );
    return inserted.length > 0;
  }

  async setEntryClass(
    tx: SqlExecutor,
    shipmentId: string,
    priorityClass: PriorityClass,
    classRank: number,
  ): Promise<void> {
    await tx.query(
      `UPDATE queue_entries SET priority_class = $2, class_rank = $3, updated_at = now()
       WHERE shipment_id = $1 AND status = 'WAITING' RETURNING shipment_id`,
      [shipmentId, priorityClass, classRank],
    );
  }

  async removeWaitingEntry(tx: SqlExecutor, shipmentId: string): Promise<string | undefined> {
    const [row] = await this.rows<{ gateCode: string }>(
      tx,
      `UPDATE queue_entries SET status = 'REMOVED', updated_at = now()
       WHERE shipment_id = $1 AND status = 'WAITING' RETURNING gate_code AS "gateCode"`,
      [shipmentId],
    );
    return row?.gateCode;
  }

  /** The waiting and called trucks of a gate (waiting ones in no particular order). */
  async activeEntries(tx: SqlExecutor, gateCode: string): Promise<EntryRow[]> {
    return this.rows<EntryRow>(
      tx,
      `SELECT ${ENTRY_COLUMNS} FROM queue_entries q LEFT JOIN shipments s ON s.id = q.shipment_id
       WHERE q.gate_code = $1 AND q.status IN ('WAITING', 'CALLED')`,
      [gateCode],
    );
  }

  /** The entries of these shipments, whatever their status. */
  async entries(tx: SqlExecutor, shipmentIds: readonly string[]): Promise<EntryRow[]> {
    if (shipmentIds.length === 0) return [];
    return this.rows<EntryRow>(
      tx,
      `SELECT ${ENTRY_COLUMNS} FROM queue_entries q LEFT JOIN shipments s ON s.id = q.shipment_id
       WHERE q.shipment_id = ANY($1::uuid[])`,
      [shipmentIds],
    );
  }

  /** How many trucks wait at a gate, per class. */
  async waitingPerClass(tx: SqlExecutor, gateCode: string): Promise<Map<PriorityClass, number>> {
    const rows = await this.rows<{ priorityClass: PriorityClass; n: string }>(
      tx,
      `SELECT priority_class AS "priorityClass", count(*) AS n FROM queue_entries
       WHERE gate_code = $1 AND status = 'WAITING' GROUP BY priority_class`,
      [gateCode],
    );
    return new Map(rows.map((row) => [row.priorityClass, Number(row.n)]));
  }

  async entry(tx: SqlExecutor, shipmentId: string): Promise<EntryRow | undefined> {
    // Shipment ids are UUIDs: anything else has no entry (and would fail the uuid cast).
    if (!UUID.test(shipmentId)) return undefined;
    const [row] = await this.rows<EntryRow>(
      tx,
      `SELECT ${ENTRY_COLUMNS} FROM queue_entries q LEFT JOIN shipments s ON s.id = q.shipment_id
       WHERE q.shipment_id = $1`,
      [shipmentId],
    );
    return row;
  }

  /** Records the first ETA shown to each truck (the ETA-honesty baseline); never overwritten. */
  async recordShownEtas(
    tx: SqlExecutor,
    etas: readonly { shipmentId: string; minutes: number }[],
  ): Promise<void> {
    if (etas.length === 0) return;
    await tx.query(
      `UPDATE queue_entries q SET eta_shown_minutes = e.minutes
       FROM unnest($1::uuid[], $2::int[]) AS e(shipment_id, minutes)
       WHERE q.shipment_id = e.shipment_id AND q.eta_shown_minutes IS NULL
       RETURNING q.shipment_id`,
      [etas.map((eta) => eta.shipmentId), etas.map((eta) => eta.minutes)],
    );
  }

  /** Gates with anything in the yard or any lane. */
  async gates(tx: SqlExecutor): Promise<string[]> {
    const rows = await this.rows<{ gateCode: string }>(
      tx,
      `SELECT gate_code AS "gateCode" FROM lanes
       UNION SELECT gate_code FROM queue_entries WHERE status IN ('WAITING', 'CALLED')`,
    );
    return rows.map((row) => row.gateCode);
  }

  // --- lanes and calls

  async lockLane(tx: SqlExecutor, laneId: string): Promise<LaneRow | undefined> {
    const [row] = await this.rows<LaneRow>(
      tx,
      `SELECT ${LANE_COLUMNS} FROM lanes l LEFT JOIN calls c ON c.id = l.busy_call_id
       WHERE l.id = $1 FOR UPDATE OF l`,
      [laneId],
    );
    return row;
  }

  async lanes(tx: SqlExecutor, gateCode: string): Promise<LaneRow[]> {
    return this.rows<LaneRow>(
      tx,
      `SELECT ${LANE_COLUMNS} FROM lanes l LEFT JOIN calls c ON c.id = l.busy_call_id
       WHERE l.gate_code = $1 ORDER BY l.id`,
      [gateCode],
    );
  }

  async setLaneOpen(tx: SqlExecutor, laneId: string, open: boolean): Promise<void> {
    await tx.query(`UPDATE lanes SET open = $2, updated_at = now() WHERE id = $1 RETURNING id`, [
      laneId,
      open,
    ]);
  }

  /**
   * The first waiting truck in queue order that the registry has cleared and that fits the
   * lane (direction, capabilities — domain/lane-fit.ts), row-locked; trucks locked by a
   * concurrent call are skipped, so two calls never take the same truck.
   */
  async lockNextTruck(tx: SqlExecutor, lane: LaneRow): Promise<EntryRow | undefined> {
    const [row] = await this.rows<EntryRow>(
      tx,
      `SELECT ${ENTRY_COLUMNS} FROM queue_entries q JOIN shipments s ON s.id = q.shipment_id
       WHERE q.gate_code = $1 AND q.status = 'WAITING' AND s.cleared
         AND ($2 = 'BOTH' OR s.direction = $2) AND s.required_capabilities <@ $3::text[]
       ORDER BY q.class_rank, q.queued_at, q.shipment_id
       LIMIT 1
       FOR UPDATE OF q SKIP LOCKED`,
      [lane.gateCode, lane.direction, lane.capabilities],
    );
    return row;
  }

  async insertCall(
    tx: SqlExecutor,
    call: CallRow & { waitedMinutes: number; etaShownMinutes: number | null; actor: string },
  ): Promise<void> {
    // One statement (one round trip): the call, the busy lane, the CALLED entry.
    await tx.query(
      `WITH call AS (
         INSERT INTO calls (id, shipment_id, lane_id, gate_code, called_at, deadline, outcome,
           waited_minutes, eta_shown_minutes, actor)
         VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8, $9) RETURNING id),
       lane AS (
         UPDATE lanes SET busy_call_id = $1, updated_at = now() WHERE id = $3 RETURNING id)
       UPDATE queue_entries SET status = 'CALLED', lane_id = $3, current_call_id = $1,
         updated_at = now()
       WHERE shipment_id = $2 AND EXISTS (SELECT 1 FROM call) AND EXISTS (SELECT 1 FROM lane)
       RETURNING shipment_id`,
      [
        call.id,
        call.shipmentId,
        call.laneId,
        call.gateCode,
        call.calledAt,
        call.deadline,
        call.waitedMinutes,
        call.etaShownMinutes,
        call.actor,
      ],
    );
  }

  async lockCall(tx: SqlExecutor, callId: string): Promise<CallRow | undefined> {
    const [row] = await this.rows<CallRow>(
      tx,
      `SELECT ${CALL_COLUMNS} FROM calls WHERE id = $1 FOR UPDATE`,
      [callId],
    );
    return row;
  }

  /** Closes a call and frees its lane (if the lane is still busy with it). */
  async resolveCall(
    tx: SqlExecutor,
    call: CallRow,
    outcome: Exclude<CallOutcome, 'PENDING'>,
    at: Date,
  ): Promise<void> {
    await tx.query(`UPDATE calls SET outcome = $2, resolved_at = $3 WHERE id = $1 RETURNING id`, [
      call.id,
      outcome,
      at,
    ]);
    await tx.query(
      `UPDATE lanes SET busy_call_id = NULL, updated_at = now()
       WHERE id = $1 AND busy_call_id = $2 RETURNING id`,
      [call.laneId, call.id],
    );
  }

  /** After a no-show: back to the end of its class, or out of the queue. */
  async requeueAfterNoShow(
    tx: SqlExecutor,
    shipmentId: string,
    noShowCount: number,
    requeued: boolean,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE queue_entries SET status = $2, no_show_count = $3, queued_at = $4, lane_id = NULL,
         current_call_id = NULL, updated_at = now()
       WHERE shipment_id = $1 RETURNING shipment_id`,
      [shipmentId, requeued ? 'WAITING' : 'REMOVED', noShowCount, at],
    );
  }

  async markDeparted(tx: SqlExecutor, shipmentId: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE queue_entries SET status = 'DEPARTED', departed_at = $2, current_call_id = NULL,
         updated_at = now()
       WHERE shipment_id = $1 RETURNING shipment_id`,
      [shipmentId, at],
    );
  }

  /** Calls without crossing and without no-show: the timers to re-derive. */
  async pendingCalls(tx: SqlExecutor): Promise<CallRow[]> {
    return this.rows<CallRow>(
      tx,
      `SELECT ${CALL_COLUMNS} FROM calls WHERE outcome = 'PENDING' ORDER BY deadline`,
    );
  }

  /** Recent call → crossing minutes per lane of a gate, newest first, at most `perLane` each. */
  async recentServiceMinutes(
    tx: SqlExecutor,
    gateCode: string,
    perLane: number,
  ): Promise<Map<string, number[]>> {
    const rows = await this.rows<{ laneId: string; minutes: number[] }>(
      tx,
      `SELECT l.id AS "laneId", COALESCE(
         (SELECT array_agg(m ORDER BY r DESC) FROM (
            SELECT EXTRACT(EPOCH FROM (c.resolved_at - c.called_at)) / 60 AS m, c.resolved_at AS r
            FROM calls c WHERE c.lane_id = l.id AND c.outcome = 'CROSSED'
            ORDER BY c.resolved_at DESC LIMIT $2) recent), '{}') AS minutes
       FROM lanes l WHERE l.gate_code = $1`,
      [gateCode, perLane],
    );
    return new Map(rows.map((row) => [row.laneId, row.minutes.map(Number)]));
  }

  async departures(
    tx: SqlExecutor,
    gateCode: string,
    limit: number,
  ): Promise<
    {
      shipmentId: string;
      plate: string;
      laneId: string | null;
      arrivedAt: Date;
      calledAt: Date | null;
      crossedAt: Date;
    }[]
  > {
    return this.rows(
      tx,
      `SELECT q.shipment_id AS "shipmentId", q.plate, c.lane_id AS "laneId", q.arrived_at AS "arrivedAt",
         c.called_at AS "calledAt", q.departed_at AS "crossedAt"
       FROM queue_entries q
       LEFT JOIN LATERAL (SELECT lane_id, called_at FROM calls WHERE shipment_id = q.shipment_id
                          ORDER BY called_at DESC LIMIT 1) c ON true
       WHERE q.gate_code = $1 AND q.status = 'DEPARTED'
       ORDER BY q.departed_at DESC LIMIT $2`,
      [gateCode, limit],
    );
  }

  /** Shown ETA and real wait of the most recent calls of a gate. */
  async etaPairs(
    tx: SqlExecutor,
    gateCode: string,
    limit: number,
  ): Promise<{ shown: number; real: number }[]> {
    const rows = await this.rows<{ shown: number; real: number }>(
      tx,
      `SELECT eta_shown_minutes AS shown, waited_minutes AS real FROM calls
       WHERE gate_code = $1 AND eta_shown_minutes IS NOT NULL ORDER BY called_at DESC LIMIT $2`,
      [gateCode, limit],
    );
    return rows.map((row) => ({ shown: Number(row.shown), real: Number(row.real) }));
  }

  // --- unmatched arrivals

  /** Inserts an open unmatched arrival, or returns the open one of the same plate at the gate. */
  async insertUnmatched(
    tx: SqlExecutor,
    row: Omit<UnmatchedRow, 'status' | 'shipmentId'>,
  ): Promise<UnmatchedRow> {
    await tx.query(
      `INSERT INTO unmatched_arrivals (id, gate_code, plate_raw, plate, source, camera_id, confidence,
         arrived_at, reason, status, candidate_shipment_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'OPEN', $10::uuid[])
       ON CONFLICT (gate_code, plate) WHERE status = 'OPEN' DO NOTHING RETURNING id`,
      [
        row.id,
        row.gateCode,
        row.plateRaw,
        row.plate,
        row.source,
        row.cameraId,
        row.confidence,
        row.arrivedAt,
        row.reason,
        row.candidateShipmentIds,
      ],
    );
    const [stored] = await this.rows<UnmatchedRow>(
      tx,
      `SELECT ${UNMATCHED_COLUMNS} FROM unmatched_arrivals WHERE gate_code = $1 AND plate = $2 AND status = 'OPEN'`,
      [row.gateCode, row.plate],
    );
    if (stored === undefined) throw new Error('unmatched arrival vanished');
    return stored;
  }

  async lockUnmatched(tx: SqlExecutor, id: string): Promise<UnmatchedRow | undefined> {
    const [row] = await this.rows<UnmatchedRow>(
      tx,
      `SELECT ${UNMATCHED_COLUMNS} FROM unmatched_arrivals WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async resolveUnmatched(
    tx: SqlExecutor,
    id: string,
    status: Exclude<UnmatchedStatus, 'OPEN'>,
    shipmentId: string | null,
    actor: string,
  ): Promise<UnmatchedRow> {
    const [row] = await this.rows<UnmatchedRow>(
      tx,
      `UPDATE unmatched_arrivals SET status = $2, shipment_id = $3, resolved_by = $4, resolved_at = now()
       WHERE id = $1 RETURNING ${UNMATCHED_COLUMNS}`,
      [id, status, shipmentId, actor],
    );
    if (row === undefined) throw new Error(`unmatched arrival ${id} vanished`);
    return row;
  }

  async openUnmatched(tx: SqlExecutor, gateCode: string): Promise<UnmatchedRow[]> {
    return this.rows<UnmatchedRow>(
      tx,
      `SELECT ${UNMATCHED_COLUMNS} FROM unmatched_arrivals WHERE gate_code = $1 AND status = 'OPEN'
       ORDER BY arrived_at, id`,
      [gateCode],
    );
  }
}
