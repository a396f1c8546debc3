import { Controller } from '@nestjs/common';
import { auditServiceV1, commonV1 } from '@cuakhau/contracts';
import type { GroupBy } from '../../clearance/domain/clearance-steps';
import {
  ClearanceTimesHandler,
  ListSlaBreachesHandler,
  SlowestShipmentsHandler,
} from '../../clearance/application/clearance-reports.handler';
import {
  ListAuditEntriesHandler,
  VerifyChainHandler,
  type Reader,
} from '../application/audit-reads.handler';
import { auditInvalid } from '../application/audit-coded-errors';
import { SignDailyRootHandler } from '../application/sign-daily-root.handler';
import { AuditKey } from '../infrastructure/audit-key.provider';

function readerOf(actor: commonV1.Actor | undefined): Reader | undefined {
  return actor === undefined ? undefined : { kind: actor.kind, id: actor.id };
}

function dateOf(iso: string | undefined): Date | undefined {
  return iso === undefined || iso === '' ? undefined : new Date(iso);
}

function groupByOf(value: auditServiceV1.GroupBy): GroupBy {
  switch (value) {
    case auditServiceV1.GroupBy.GROUP_BY_AGENCY:
      return 'agency';
    case auditServiceV1.GroupBy.GROUP_BY_STEP:
    case auditServiceV1.GroupBy.GROUP_BY_UNSPECIFIED:
      return 'step';
    case auditServiceV1.GroupBy.GROUP_BY_DAY:
      return 'day';
    case auditServiceV1.GroupBy.GROUP_BY_HOUR:
      return 'hour';
    default:
      throw auditInvalid('groupBy', `unknown ${String(value)}`);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** gRPC `cuakhau.audit.v1.AuditService`: map the request, call one use case, map the answer. */
@Controller()
@auditServiceV1.AuditServiceControllerMethods()
export class AuditGrpcController implements auditServiceV1.AuditServiceController {
  constructor(
    private readonly listEntries: ListAuditEntriesHandler,
    private readonly verify: VerifyChainHandler,
    private readonly clearanceTimesHandler: ClearanceTimesHandler,
    private readonly slowest: SlowestShipmentsHandler,
    private readonly breaches: ListSlaBreachesHandler,
    private readonly dailyRoot: SignDailyRootHandler,
    private readonly auditKey: AuditKey,
  ) {}

  async listAuditEntries(
    request: auditServiceV1.ListAuditEntriesRequest,
  ): Promise<auditServiceV1.ListAuditEntriesResponse> {
    const entries = await this.listEntries.execute({
      shipmentId: request.shipmentId,
      reader: readerOf(request.reader),
      pageSize: request.pageSize,
      afterSeq: Number(request.afterSeq),
    });
    return {
      entries: entries.map((entry) => ({
        seq: String(entry.seq),
        eventId: entry.eventId,
        eventType: entry.eventType,
        subject: entry.subject,
        topic: entry.topic,
        partition: entry.partition,
        offset: entry.offset,
        ...(entry.eventTime === null ? {} : { eventTime: entry.eventTime.toISOString() }),
        appendedAt: entry.appendedAt.toISOString(),
        contentHash: entry.contentHash,
        prevHash: entry.prevHash,
        hash: entry.hash,
        signatureStatus: entry.signatureStatus ?? '',
        signatureProblem: entry.signatureProblem ?? '',
        payloadJson: entry.payloadJson,
      })),
    };
  }

  async verifyChain(
    request: auditServiceV1.VerifyChainRequest,
  ): Promise<auditServiceV1.VerifyChainResponse> {
    const result = await this.verify.execute({ reader: readerOf(request.reader) });
    return {
      valid: result.valid,
      entries: String(result.entries),
      firstBrokenEntry: String(result.firstBrokenEntry),
      headHash: result.headHash,
    };
  }

  async clearanceTimes(
    request: auditServiceV1.ClearanceTimesRequest,
  ): Promise<auditServiceV1.ClearanceTimesResponse> {
    const result = await this.clearanceTimesHandler.execute({
      gateCode: request.gateCode,
      from: dateOf(request.from),
      to: dateOf(request.to),
      groupBy: groupByOf(request.groupBy),
      reader: readerOf(request.reader),
    });
    return {
      rows: result.rows.map((row) => ({
        group: row.group,
        count: row.count,
        p50Seconds: row.p50,
        p90Seconds: row.p90,
        p95Seconds: row.p95,
        maxSeconds: row.max,
      })),
      bottleneckStep: result.bottleneckStep,
    };
  }

  async slowestShipments(
    request: auditServiceV1.SlowestShipmentsRequest,
  ): Promise<auditServiceV1.SlowestShipmentsResponse> {
    const shipments = await this.slowest.execute({
      gateCode: request.gateCode,
      from: dateOf(request.from),
      to: dateOf(request.to),
      limit: request.limit,
      reader: readerOf(request.reader),
    });
    return {
      shipments: shipments.map((shipment) => ({
        shipmentId: shipment.shipmentId,
        gateCode: shipment.gateCode,
        arrivedAt: iso(shipment.arrivedAt),
        ...(shipment.crossedAt === undefined ? {} : { crossedAt: iso(shipment.crossedAt) }),
        yardSeconds: shipment.yardSeconds,
        bottleneckStep: shipment.bottleneckStep,
        bottleneckSeconds: shipment.bottleneckSeconds,
      })),
    };
  }

  async listSlaBreaches(
    request: auditServiceV1.ListSlaBreachesRequest,
  ): Promise<auditServiceV1.ListSlaBreachesResponse> {
    const breaches = await this.breaches.execute({
      gateCode: request.gateCode,
      limit: request.limit,
      reader: readerOf(request.reader),
    });
    return {
      breaches: breaches.map((breach) => ({
        shipmentId: breach.shipmentId,
        gateCode: breach.gateCode,
        rule: breach.rule,
        thresholdMinutes: breach.thresholdMinutes,
        observedMinutes: breach.observedMinutes,
        startedAt: iso(breach.startedAt),
        detectedAt: breach.detectedAt.toISOString(),
      })),
    };
  }

  async getDailyRoot(
    request: auditServiceV1.GetDailyRootRequest,
  ): Promise<auditServiceV1.GetDailyRootResponse> {
    const root = await this.dailyRoot.execute(request.day);
    return { ...root, lastSeq: String(root.lastSeq) };
  }

  listSigningKeys(): auditServiceV1.ListSigningKeysResponse {
    return { keys: [{ ...this.auditKey.key.published }] };
  }
}
