import { Injectable } from '@nestjs/common';
import { auditInvalid } from '../../audit-log/application/audit-coded-errors';
import {
  bottleneckOf,
  bottleneckOfStepRows,
  stepDurations,
  type ClearanceTimeRow,
  type GroupBy,
} from '../domain/clearance-steps';
import { ShipmentFactRepository } from '../infrastructure/shipment-fact.repository';
import { SlaBreachRepository, type StoredBreach } from '../infrastructure/sla-breach.repository';

export interface Period {
  readonly gateCode: string;
  readonly from: Date | undefined;
  readonly to: Date | undefined;
}

function resolve(period: Period): { gateCode: string; from: Date; to: Date } {
  const to = period.to ?? new Date();
  const from = period.from ?? new Date(to.getTime() - 7 * 86_400_000);
  if (from.getTime() >= to.getTime()) throw auditInvalid('from', 'must be before to');
  return { gateCode: period.gateCode.trim().toUpperCase(), from, to };
}

/**
 * ClearanceTimes: percentiles per agency, step, day or hour, and the bottleneck step. The
 * aggregation runs in PostgreSQL (percentile_disc): a period may hold a million facts.
 */
@Injectable()
export class ClearanceTimesHandler {
  constructor(private readonly facts: ShipmentFactRepository) {}

  async execute(
    query: Period & { groupBy: GroupBy },
  ): Promise<{ rows: ClearanceTimeRow[]; bottleneckStep: string }> {
    const { gateCode, from, to } = resolve(query);
    const rows = await this.facts.clearanceTimes(gateCode, from, to, query.groupBy);
    const steps =
      query.groupBy === 'step' ? rows : await this.facts.clearanceTimes(gateCode, from, to, 'step');
    return { rows, bottleneckStep: bottleneckOfStepRows(steps) };
  }
}

export interface SlowShipment {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly arrivedAt: number;
  readonly crossedAt?: number;
  readonly yardSeconds: number;
  readonly bottleneckStep: string;
  readonly bottleneckSeconds: number;
}

/** SlowestShipments: arrived→crossed (or →now while in the yard), longest first. */
@Injectable()
export class SlowestShipmentsHandler {
  constructor(private readonly facts: ShipmentFactRepository) {}

  async execute(query: Period & { limit: number }, now = Date.now()): Promise<SlowShipment[]> {
    const { gateCode, from, to } = resolve(query);
    const limit = query.limit <= 0 ? 10 : Math.min(query.limit, 100);
    const shipments = await this.facts.inPeriod(gateCode, from, to);
    return shipments
      .filter((times) => times.arrivedAt !== undefined)
      .map((times) => {
        const arrivedAt = times.arrivedAt ?? now;
        const worst = bottleneckOf(stepDurations(times));
        return {
          shipmentId: times.shipmentId,
          gateCode: times.gateCode,
          arrivedAt,
          ...(times.crossedAt === undefined ? {} : { crossedAt: times.crossedAt }),
          yardSeconds: Math.max(0, ((times.crossedAt ?? now) - arrivedAt) / 1000),
          bottleneckStep: worst?.step ?? '',
          bottleneckSeconds: worst?.seconds ?? 0,
        };
      })
      .sort((a, b) => b.yardSeconds - a.yardSeconds)
      .slice(0, limit);
  }
}

@Injectable()
export class ListSlaBreachesHandler {
  constructor(private readonly breaches: SlaBreachRepository) {}

  execute(query: { gateCode: string; limit: number }): Promise<StoredBreach[]> {
    const limit = query.limit <= 0 ? 100 : Math.min(query.limit, 1000);
    return this.breaches.list(query.gateCode.trim().toUpperCase(), limit);
  }
}
