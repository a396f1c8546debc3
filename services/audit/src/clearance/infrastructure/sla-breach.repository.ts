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

@Injectable()
export class SlaBreachRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** @returns true when this (shipment, rule, agency) breach is new: alert exactly once. */
  async insertIfNew(tx: EntityManager, breach: SlaBreach, detectedAt: Date): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO sla_breach (shipment_id, rule, agency, gate_code, threshold_minutes,
         observed_minutes, started_at, detected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (shipment_id, rule, agency) DO NOTHING RETURNING shipment_id`,
      [
        breach.shipmentId,
        breach.rule,
        breach.agency ?? '',
        breach.gateCode,
        breach.thresholdMinutes,
        breach.observedMinutes,
        new Date(breach.startedAt),
        detectedAt,
      ],
    );
    return rows.length > 0;
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
