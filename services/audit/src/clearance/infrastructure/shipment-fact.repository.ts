import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AgencyName,
  ClearanceTimeRow,
  GroupBy,
  ShipmentTimes,
} from '../domain/clearance-steps';

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

/** Seconds from `a` to `b` as float8 (NULL when either is unknown). */
const d = (a: string, b: string): string => `date_part('epoch', ${b} - ${a})`;
const LAST_DECISION =
  'GREATEST(f.customs_decided_at, f.border_guard_decided_at, f.quarantine_decided_at)';
const PERIOD = `($1 = '' OR f.gate_code = $1)
  AND COALESCE(f.arrived_at, f.registered_at) >= $2 AND COALESCE(f.arrived_at, f.registered_at) < $3`;
const SUMMARY = `count(*)::int AS count,
  percentile_disc(ARRAY[0.5, 0.9, 0.95]) WITHIN GROUP (ORDER BY x) AS p, max(x) AS max`;

/** The report's fixed groups (in the order of STEPS / AGENCIES of clearance-steps.ts). */
const FIXED_GROUPS: Record<'step' | 'agency', readonly (readonly [string, string])[]> = {
  step: [
    ['registered→arrived', d('f.registered_at', 'f.arrived_at')],
    ['arrived→customs', d('f.arrived_at', 'f.customs_decided_at')],
    ['arrived→border-guard', d('f.arrived_at', 'f.border_guard_decided_at')],
    ['arrived→quarantine', d('f.arrived_at', 'f.quarantine_decided_at')],
    ['last-decision→called', d(LAST_DECISION, 'f.called_at')],
    ['called→crossed', d('f.called_at', 'f.crossed_at')],
    ['arrived→crossed', d('f.arrived_at', 'f.crossed_at')],
    ['registered→crossed', d('f.registered_at', 'f.crossed_at')],
  ],
  agency: [
    ['customs', d('f.arrived_at', 'f.customs_decided_at')],
    ['border-guard', d('f.arrived_at', 'f.border_guard_decided_at')],
    ['quarantine', d('f.arrived_at', 'f.quarantine_decided_at')],
  ],
};

/**
 * The report query. Fixed groups: one aggregate per group over its own samples, UNION ALL
 * (about 4× faster over 1M facts than one GROUP BY over a lateral VALUES list, which sorts
 * every sample twice). Day/hour: arrived→crossed grouped by the UTC day or hour of arrival.
 * Negative spans count as 0, as in the pure version.
 */
function reportSql(groupBy: GroupBy): string {
  if (groupBy === 'day' || groupBy === 'hour') {
    const format = groupBy === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM-DD"T"HH24":00Z"';
    return `SELECT "group", ${SUMMARY} FROM (
        SELECT to_char(f.arrived_at AT TIME ZONE 'UTC', '${format}') AS "group",
          GREATEST(${d('f.arrived_at', 'f.crossed_at')}, 0) AS x
        FROM shipment_fact f WHERE ${PERIOD} AND f.arrived_at IS NOT NULL AND f.crossed_at IS NOT NULL
      ) s GROUP BY "group" ORDER BY "group" COLLATE "C"`;
  }
  const parts = FIXED_GROUPS[groupBy].map(
    ([group, seconds], order) => `SELECT '${group}' AS "group", ${order} AS ord, ${SUMMARY} FROM (
        SELECT GREATEST(raw, 0) AS x FROM (SELECT ${seconds} AS raw FROM shipment_fact f
          WHERE ${PERIOD}) r WHERE raw IS NOT NULL
      ) s`,
  );
  return `SELECT "group", count, p, max FROM (${parts.join(' UNION ALL ')}) u
    WHERE count > 0 ORDER BY ord`;
}

interface SummaryRow {
  group: string;
  count: number;
  p: number[];
  max: number;
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

  /**
   * The clearance-time report computed in PostgreSQL: per group, count, nearest-rank p50, p90,
   * p95 (`percentile_disc`: the first value whose rank ≥ p·n, i.e. rank ⌈p·n⌉) and max of the
   * step durations (seconds, negative spans as 0) of the shipments of a gate that arrived (or
   * registered, when not arrived) in [from, to). Same rows as the pure `clearanceTimeRows`.
   */
  async clearanceTimes(
    gateCode: string,
    from: Date,
    to: Date,
    groupBy: GroupBy,
  ): Promise<ClearanceTimeRow[]> {
    const rows = await this.dataSource.query<SummaryRow[]>(reportSql(groupBy), [
      gateCode,
      from,
      to,
    ]);
    return rows.map((row) => ({
      group: row.group,
      count: row.count,
      p50: row.p[0] ?? 0,
      p90: row.p[1] ?? 0,
      p95: row.p[2] ?? 0,
      max: row.max,
    }));
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
