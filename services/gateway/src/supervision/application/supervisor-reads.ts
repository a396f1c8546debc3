import { Injectable } from '@nestjs/common';
import { auditServiceV1, commonV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import { withShortEnums } from '../../agencies/domain/short-enums';
import type { Principal } from '../../auth/domain/access-rules';
import { RegistryClient } from '../../shipments/infrastructure/registry.client';
import type { ClearanceTimeRow, ReportGroupBy, ReportPeriod } from '../domain/report-period';
import { int64Json } from '../domain/supervision-scope';
import { AuditClient } from '../infrastructure/audit.client';

type Json = Record<string, unknown>;

export interface ClearanceTimesReport {
  readonly gateCode: string;
  readonly from: string;
  readonly to: string;
  readonly groupBy: ReportGroupBy;
  readonly rows: readonly ClearanceTimeRow[];
  readonly bottleneckStep: string | null;
}

export interface AuditPage {
  readonly shipmentId: string;
  readonly entries: readonly Json[];
  /** Pass as `afterSeq` for the next page; null on the last page. */
  readonly nextAfterSeq: number | string | null;
}

export interface ChainCheck {
  readonly valid: boolean;
  readonly entries: number | string;
  /** Sequence number of the first broken entry; null when the chain is valid. */
  readonly firstBrokenEntry: number | string | null;
  readonly headHash: string;
}

const GROUP_BY: Readonly<Record<ReportGroupBy, auditServiceV1.GroupBy>> = {
  agency: auditServiceV1.GroupBy.GROUP_BY_AGENCY,
  step: auditServiceV1.GroupBy.GROUP_BY_STEP,
  day: auditServiceV1.GroupBy.GROUP_BY_DAY,
  hour: auditServiceV1.GroupBy.GROUP_BY_HOUR,
};

/** Who reads the audit trail, as the audit service logs it (the supervisor's account). */
export function readerOf(principal: Principal): commonV1.Actor {
  if (principal.kind !== 'user') {
    throw new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', 'an API key may not read the audit');
  }
  return {
    kind: commonV1.ActorKind.ACTOR_KIND_OFFICER,
    id: principal.userId,
    displayName: principal.displayName,
  };
}

function payloadOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The supervisor's read-only views over the audit service: clearance-time reports, the
 * slowest shipments, SLA breaches (all of one gate), one shipment's audit trail (only
 * when the shipment is at the reader's gate) and the chain verification.
 */
@Injectable()
export class SupervisorReads {
  constructor(
    private readonly audit: AuditClient,
    private readonly registry: RegistryClient,
  ) {}

  async clearanceTimes(
    gateCode: string,
    period: ReportPeriod,
    groupBy: ReportGroupBy,
    reader: commonV1.Actor,
  ): Promise<ClearanceTimesReport> {
    const answer = await this.audit.clearanceTimes({
      gateCode,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      groupBy: GROUP_BY[groupBy],
      reader,
    });
    return {
      gateCode,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      groupBy,
      rows: answer.rows.map((row) => ({
        group: row.group,
        count: row.count,
        p50Seconds: row.p50Seconds,
        p90Seconds: row.p90Seconds,
        p95Seconds: row.p95Seconds,
        maxSeconds: row.maxSeconds,
      })),
      bottleneckStep: answer.bottleneckStep === '' ? null : answer.bottleneckStep,
    };
  }

  async slowestShipments(
    gateCode: string,
    period: ReportPeriod,
    limit: number,
    reader: commonV1.Actor,
  ): Promise<Json> {
    const { shipments } = await this.audit.slowestShipments({
      gateCode,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      limit,
      reader,
    });
    return {
      gateCode,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      items: shipments.map((shipment) => ({
        ...shipment,
        crossedAt: shipment.crossedAt ?? null,
        bottleneckStep: shipment.bottleneckStep === '' ? null : shipment.bottleneckStep,
      })),
    };
  }

  async slaBreaches(gateCode: string, limit: number, reader: commonV1.Actor): Promise<Json> {
    const { breaches } = await this.audit.listSlaBreaches({ gateCode, limit, reader });
    return { gateCode, items: breaches.map((breach) => withShortEnums(breach)) };
  }

  /** One shipment's chain entries; a shipment of another gate does not exist for the reader. */
  async auditEntries(
    gateCode: string | undefined,
    query: { shipmentId: string; afterSeq: number; limit: number },
    reader: commonV1.Actor,
  ): Promise<AuditPage> {
    if (gateCode !== undefined) await this.assertShipmentAtGate(query.shipmentId, gateCode);
    const { entries } = await this.audit.listAuditEntries({
      shipmentId: query.shipmentId,
      afterSeq: String(query.afterSeq),
      pageSize: query.limit,
      reader,
    });
    const last = entries.at(-1);
    return {
      shipmentId: query.shipmentId,
      entries: entries.map(({ payloadJson, seq, eventTime, ...entry }) => ({
        seq: int64Json(seq),
        ...entry,
        eventTime: eventTime ?? null,
        signatureStatus: entry.signatureStatus === '' ? null : entry.signatureStatus,
        signatureProblem: entry.signatureProblem === '' ? null : entry.signatureProblem,
        payload: payloadOf(payloadJson),
      })),
      nextAfterSeq:
        entries.length === query.limit && last !== undefined ? int64Json(last.seq) : null,
    };
  }

  async verifyChain(reader: commonV1.Actor): Promise<ChainCheck> {
    const answer = await this.audit.verifyChain({ reader });
    return {
      valid: answer.valid,
      entries: int64Json(answer.entries),
      firstBrokenEntry: answer.valid ? null : int64Json(answer.firstBrokenEntry),
      headHash: answer.headHash,
    };
  }

  private async assertShipmentAtGate(shipmentId: string, gateCode: string): Promise<void> {
    const notFound = new CodedError(
      'GATEWAY.SHIPMENT_NOT_FOUND',
      'NOT_FOUND',
      'no such shipment at your gate',
    );
    const found = await this.registry.get({ shipmentId }).then(
      (answer) => answer.shipment,
      (error: unknown) => {
        if (error instanceof CodedError && error.kind === 'NOT_FOUND') return undefined;
        throw error;
      },
    );
    if (found === undefined || found.gateCode !== gateCode) throw notFound;
  }
}
