import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SlaBreach } from '../domain/sla-rules';

export interface StoredBreach extends SlaBreach {
  readonly detectedAt: Date;
}

interface BreachRow {
  shipment_id: string;
  rule: SlaBreach['rule'];
  agency: string;
  gate_code: string;
  threshold_minutes: number;
  observed_minutes: number;
  started_at: Date;
  detected_at: Date;
}

/** The identity of a breach: alerted once per shipment, rule and agency. */
export function breachKey(shipmentId: string, rule: string, agency: string): string {
  return `${shipmentId}|${rule}|${agency}`;
}

@Injectable()
export class SlaBreachRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the breaches not recorded yet (key: shipment, rule, agency; the first of a key
   * in the list wins) in one statement.
   * @returns the new ones, in the given order: each is alerted exactly once.
   */
  async insertNew(
    tx: EntityManager,
    breaches: readonly SlaBreach[],
    detectedAt: Date,
  ): Promise<SlaBreach[]> {
    const first = new Map<string, SlaBreach>();
    for (const breach of breaches) {
      const key = breachKey(breach.shipmentId, breach.rule, breach.agency ?? '');
      if (!first.has(key)) first.set(key, breach);
    }
    const unique = [...first.values()];
    if (unique.length === 0) return [];
    const rows = await tx.query<{ shipment_id: string; rule: string; agency: string }[]>(
      `INSERT INTO sla_breach (shipment_id, rule, agency, gate_code, threshold_minutes,
         observed_minutes, started_at, detected_at)
       SELECT shipment_id, rule, agency, gate_code, threshold_minutes, observed_minutes,
         started_at, $8
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[],
         $7::timestamptz[])
         AS u(shipment_id, rule, agency, gate_code, threshold_minutes, observed_minutes, started_at)
       ON CONFLICT (shipment_id, rule, agency) DO NOTHING
       RETURNING shipment_id, rule, agency`,
      [
        unique.map((breach) => breach.shipmentId),
        unique.map((breach) => breach.rule),
        unique.map((breach) => breach.agency ?? ''),
        unique.map((breach) => breach.gateCode),
        unique.map((breach) => breach.thresholdMinutes),
        unique.map((breach) => breach.observedMinutes),
        unique.map((breach) => new Date(breach.startedAt)),
        detectedAt,
      ],
    );
    const inserted = new Set(rows.map((row) => breachKey(row.shipment_id, row.rule, row.agency)));
    return unique.filter((breach) =>
      inserted.has(breachKey(breach.shipmentId, breach.rule, breach.agency ?? '')),
    );
  }

  async list(gateCode: string, limit: number): Promise<StoredBreach[]> {
    const rows = await this.dataSource.query<BreachRow[]>(
      `SELECT * FROM sla_breach WHERE ($1 = '' OR gate_code = $1)
       ORDER BY detected_at DESC LIMIT $2`,
      [gateCode, limit],
    );
    return rows.map((row) => ({
      shipmentId: row.shipment_id,
      rule: row.rule,
      ...(row.agency === '' ? {} : { agency: row.agency as NonNullable<SlaBreach['agency']> }),
      gateCode: row.gate_code,
      thresholdMinutes: row.threshold_minutes,
      observedMinutes: row.observed_minutes,
      startedAt: row.started_at.getTime(),
      detectedAt: row.detected_at,
    }));
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>(
      `WITH gone AS (DELETE FROM sla_breach WHERE detected_at < $1 RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff],
    );
    return rows[0]?.n ?? 0;
  }
}
