import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AgencyName, ShipmentTimes } from '../domain/clearance-steps';

/** What one event tells about a shipment's clearance steps (epoch ms). */
export interface FactUpdate {
  readonly shipmentId: string;
  readonly gateCode?: string;
  readonly channel?: string;
  readonly registeredAt?: number;
  readonly arrivedAt?: number;
  readonly opened?: { readonly agency: AgencyName; readonly at: number };
  readonly decided?: { readonly agency: AgencyName; readonly at: number };
  readonly clearedAt?: number;
  readonly calledAt?: number;
  readonly crossedAt?: number;
}

interface FactRow {
  shipment_id: string;
  gate_code: string;
  channel: string | null;
  registered_at: Date | null;
  arrived_at: Date | null;
  customs_opened_at: Date | null;
  border_guard_opened_at: Date | null;
  quarantine_opened_at: Date | null;
  customs_decided_at: Date | null;
  border_guard_decided_at: Date | null;
  quarantine_decided_at: Date | null;
  cleared_at: Date | null;
  called_at: Date | null;
  crossed_at: Date | null;
}

function ms(date: Date | null): number | undefined {
  return date === null ? undefined : date.getTime();
}

function at(value: number | undefined): Date | null {
  return value === undefined ? null : new Date(value);
}

function toTimes(row: FactRow): ShipmentTimes {
  const optional = <K extends string>(key: K, value: number | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, number>);
  const agencies = (suffix: 'opened_at' | 'decided_at'): Partial<Record<AgencyName, number>> => ({
    ...optional('customs', ms(row[`customs_${suffix}`])),
    ...optional('border-guard', ms(row[`border_guard_${suffix}`])),
    ...optional('quarantine', ms(row[`quarantine_${suffix}`])),
  });
  return {
    shipmentId: row.shipment_id,
    gateCode: row.gate_code,
    ...(row.channel === null ? {} : { channel: row.channel }),
    ...optional('registeredAt', ms(row.registered_at)),
    ...optional('arrivedAt', ms(row.arrived_at)),
    openedAt: agencies('opened_at'),
    decidedAt: agencies('decided_at'),
    ...optional('clearedAt', ms(row.cleared_at)),
    ...optional('calledAt', ms(row.called_at)),
    ...optional('crossedAt', ms(row.crossed_at)),
  };
}

/** Clearance-time facts per shipment: first arrival, latest decisions, and so on. */
@Injectable()
export class ShipmentFactRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Merges one event's facts (earliest start times, latest end times) and returns the row. */
  async apply(tx: EntityManager, update: FactUpdate): Promise<ShipmentTimes> {
    const opened = (agency: AgencyName) =>
      update.opened?.agency === agency ? at(update.opened.at) : null;
    const decided = (agency: AgencyName) =>
      update.decided?.agency === agency ? at(update.decided.at) : null;
    const rows = await tx.query<FactRow[]>(
      `INSERT INTO shipment_fact AS f (shipment_id, gate_code, channel, registered_at, arrived_at,
         customs_opened_at, border_guard_opened_at, quarantine_opened_at,
         customs_decided_at, border_guard_decided_at, quarantine_decided_at,
         cleared_at, called_at, crossed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (shipment_id) DO UPDATE SET
         gate_code = CASE WHEN EXCLUDED.gate_code <> '' THEN EXCLUDED.gate_code ELSE f.gate_code END,
         channel = COALESCE(EXCLUDED.channel, f.channel),
         registered_at = LEAST(f.registered_at, EXCLUDED.registered_at),
         arrived_at = LEAST(f.arrived_at, EXCLUDED.arrived_at),
         customs_opened_at = LEAST(f.customs_opened_at, EXCLUDED.customs_opened_at),
         border_guard_opened_at = LEAST(f.border_guard_opened_at, EXCLUDED.border_guard_opened_at),
         quarantine_opened_at = LEAST(f.quarantine_opened_at, EXCLUDED.quarantine_opened_at),
         customs_decided_at = GREATEST(f.customs_decided_at, EXCLUDED.customs_decided_at),
         border_guard_decided_at = GREATEST(f.border_guard_decided_at, EXCLUDED.border_guard_decided_at),
         quarantine_decided_at = GREATEST(f.quarantine_decided_at, EXCLUDED.quarantine_decided_at),
         cleared_at = GREATEST(f.cleared_at, EXCLUDED.cleared_at),
         called_at = GREATEST(f.called_at, EXCLUDED.called_at),
         crossed_at = GREATEST(f.crossed_at, EXCLUDED.crossed_at),
         updated_at = now()
       RETURNING *`,
      [
        update.shipmentId,
        update.gateCode ?? '',
        update.channel ?? null,
        at(update.registeredAt),
        at(update.arrivedAt),
        opened('customs'),
        opened('border-guard'),
        opened('quarantine'),
        decided('customs'),
        decided('border-guard'),
        decided('quarantine'),
        at(update.clearedAt),
        at(update.calledAt),
        at(update.crossedAt),
      ],
    );
    const row = rows[0];
    if (row === undefined) throw new Error(`shipment_fact upsert returned nothing`);
    return toTimes(row);
  }

  /** Shipments of a gate that arrived in [from, to) (or registered then, when not arrived). */
  async inPeriod(gateCode: string, from: Date, to: Date): Promise<ShipmentTimes[]> {
    const rows = await this.dataSource.query<FactRow[]>(
      `SELECT * FROM shipment_fact
       WHERE ($1 = '' OR gate_code = $1)
         AND COALESCE(arrived_at, registered_at) >= $2 AND COALESCE(arrived_at, registered_at) < $3`,
      [gateCode, from, to],
    );
    return rows.map(toTimes);
  }

  /** Shipments still in progress (not crossed), for the periodic SLA check. */
  async open(limit: number): Promise<ShipmentTimes[]> {
    const rows = await this.dataSource.query<FactRow[]>(
      `SELECT * FROM shipment_fact WHERE crossed_at IS NULL
         AND (arrived_at IS NOT NULL OR customs_opened_at IS NOT NULL
              OR border_guard_opened_at IS NOT NULL OR quarantine_opened_at IS NOT NULL)
       ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    return rows.map(toTimes);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>(
      `WITH gone AS (DELETE FROM shipment_fact WHERE updated_at < $1 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff],
    );
    return rows[0]?.n ?? 0;
  }
}
