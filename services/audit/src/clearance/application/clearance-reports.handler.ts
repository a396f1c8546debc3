import { Injectable } from '@nestjs/common';
import { auditInvalid } from '../../audit-log/application/audit-coded-errors';
import type { Reader } from '../../audit-log/application/audit-reads.handler';
import { AuditReadRepository } from '../../audit-log/infrastructure/audit-read.repository';
import {
  agencyRowsOfStepRows,
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
 * aggregation runs in PostgreSQL (percentile_disc): a period may hold a million facts. The
 * agency rows are the arrived→agency steps, so one query answers both.
 */
@Injectable()
export class ClearanceTimesHandler {
  constructor(
    private readonly facts: ShipmentFactRepository,
    private readonly reads: AuditReadRepository,
  ) {}

  /** `reader`: who asks (the gateway passes the supervisor), logged like every audit read. */
  async execute(
    query: Period & { groupBy: GroupBy; reader?: Reader | undefined },
  ): Promise<{ rows: ClearanceTimeRow[]; bottleneckStep: string }> {
    const { gateCode, from, to } = resolve(query);
    await recordReportRead(this.reads, query.reader, 'ClearanceTimes');
    const groupBy = query.groupBy;
    if (groupBy === 'step' || groupBy === 'agency') {
      const steps = await this.facts.clearanceTimes(gateCode, from, to, 'step');
      const rows = groupBy === 'step' ? steps : agencyRowsOfStepRows(steps);
      return { rows, bottleneckStep: bottleneckOfStepRows(steps) };
    }
    // Two queries on two connections: PostgreSQL runs them side by side.
    const [rows, steps] = await Promise.all([
      this.facts.clearanceTimes(gateCode, from, to, groupBy),
      this.facts.clearanceTimes(gateCode, from, to, 'step'),
    ]);
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

/**
 * SlowestShipments: arrived→crossed (or →now while in the yard), longest first. PostgreSQL
 * picks the `limit` slowest (by index); their bottleneck step is named here.
 */
@Injectable()
export class SlowestShipmentsHandler {
  constructor(
    private readonly facts: ShipmentFactRepository,
    private readonly reads: AuditReadRepository,
  ) {}

  async execute(
    query: Period & { limit: number; reader?: Reader | undefined },
    now = Date.now(),
  ): Promise<SlowShipment[]> {
    const { gateCode, from, to } = resolve(query);
    await recordReportRead(this.reads, query.reader, 'SlowestShipments');
    const limit = query.limit <= 0 ? 10 : Math.min(query.limit, 100);
    const shipments = await this.facts.slowest(gateCode, from, to, limit, new Date(now));
    return shipments.map((times) => {
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
    });
  }
}

@Injectable()
export class ListSlaBreachesHandler {
  constructor(
    private readonly breaches: SlaBreachRepository,
    private readonly reads: AuditReadRepository,
  ) {}

  async execute(query: {
    gateCode: string;
    limit: number;
    reader?: Reader | undefined;
  }): Promise<StoredBreach[]> {
    await recordReportRead(this.reads, query.reader, 'ListSlaBreaches');
    const limit = query.limit <= 0 ? 100 : Math.min(query.limit, 1000);
    return this.breaches.list(query.gateCode.trim().toUpperCase(), limit);
  }
}

/**
 * Logs a report read with who asked (the gateway passes the supervisor), like every audit
 * read; a request without a reader (an internal caller) is not logged.
 */
async function recordReportRead(
  reads: AuditReadRepository,
  reader: Reader | undefined,
  action: 'ClearanceTimes' | 'SlowestShipments' | 'ListSlaBreaches',
): Promise<void> {
  if (reader === undefined || reader.id.trim() === '') return;
  await reads.record({ readerKind: reader.kind, readerId: reader.id, action, shipmentId: null });
}
