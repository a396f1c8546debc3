import { Injectable } from '@nestjs/common';
import { auditV1, commonV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import type { Principal } from '../../auth/domain/access-rules';
import { traderContextOf } from '../../shipments/application/trader-context';
import { RegistryClient } from '../../shipments/infrastructure/registry.client';
import type { ReportPeriod } from '../../supervision/domain/report-period';
import { supervisedGateOf } from '../../supervision/domain/supervision-scope';
import {
  answerScopeOf,
  feedbackFilterOf,
  type FeedbackAgencyName,
  type FeedbackQuery,
} from '../domain/feedback-scope';
import { FeedbackClient } from '../infrastructure/feedback.client';
import { DriverPassVerifier } from './driver-pass.verifier';
import {
  AGENCY_PROTO,
  feedbackView,
  KIND_PROTO,
  STATUS_PROTO,
  type FeedbackKindName,
  type FeedbackView,
} from './feedback-view';

export interface FeedbackText {
  readonly kind: FeedbackKindName;
  readonly agency: FeedbackAgencyName;
  readonly message: string;
}

export interface FeedbackPage {
  readonly items: readonly FeedbackView[];
  readonly nextCursor: string | null;
}

export interface ResponseTimes {
  readonly gateCode: string;
  readonly from: string;
  readonly to: string;
  readonly rows: readonly {
    readonly agency: string;
    readonly openCount: number;
    readonly answeredCount: number;
    readonly p50Seconds: number;
    readonly p90Seconds: number;
    readonly maxSeconds: number;
    readonly oldestOpenSeconds: number;
  }[];
}

function officerActor(principal: Principal): commonV1.Actor {
  if (principal.kind !== 'user') {
    throw new CodedError('AUTH.FORBIDDEN', 'FORBIDDEN', 'an API key may not answer feedback');
  }
  return {
    kind:
      principal.role === 'YARD_OPERATOR'
        ? commonV1.ActorKind.ACTOR_KIND_OPERATOR
        : commonV1.ActorKind.ACTOR_KIND_OFFICER,
    id: principal.userId,
    displayName: principal.displayName,
  };
}

/**
 * The feedback channel over the audit service's FeedbackService: who may submit on which
 * shipment (a trader: own organisation; a driver: plate + pass code), who answers (the
 * agency concerned, own gate), who reads what (feedback-scope).
 */
@Injectable()
export class FeedbackDesk {
  constructor(
    private readonly feedback: FeedbackClient,
    private readonly registry: RegistryClient,
    private readonly drivers: DriverPassVerifier,
  ) {}

  /** A shipment of another organisation does not exist for the trader (404). */
  async submitAsTrader(
    principal: Principal,
    shipmentId: string,
    text: FeedbackText,
  ): Promise<FeedbackView> {
    const context = traderContextOf(principal);
    const { shipment } = await this.registry.get({
      shipmentId,
      organisationId: context.organisationId,
    });
    if (shipment === undefined) {
      throw new CodedError('REGISTRY.SHIPMENT_NOT_FOUND', 'NOT_FOUND', 'no such shipment');
    }
    const { item } = await this.feedback.submitFeedback({
      shipmentId: shipment.id,
      gateCode: shipment.gateCode,
      organisationId: shipment.organisationId,
      kind: KIND_PROTO[text.kind],
      agency: AGENCY_PROTO[text.agency],
      message: text.message,
      author: context.actor,
    });
    return feedbackView(item);
  }

  async submitAsDriver(
    pass: { plate: string; passCode: string; clientIp: string },
    text: FeedbackText,
  ): Promise<FeedbackView> {
    const driver = await this.drivers.verify(pass);
    const { item } = await this.feedback.submitFeedback({
      shipmentId: driver.shipmentId,
      gateCode: driver.gateCode,
      organisationId: '',
      kind: KIND_PROTO[text.kind],
      agency: AGENCY_PROTO[text.agency],
      message: text.message,
      author: {
        kind: commonV1.ActorKind.ACTOR_KIND_DRIVER,
        id: driver.normalisedPlate,
        displayName: '',
      },
    });
    return feedbackView(item);
  }

  /** What drivers left on their shipment, with the answers. */
  async listForDriver(pass: {
    plate: string;
    passCode: string;
    clientIp: string;
  }): Promise<FeedbackPage> {
    const driver = await this.drivers.verify(pass);
    const { items } = await this.feedback.listFeedback({
      shipmentId: driver.shipmentId,
      pageSize: 200,
    });
    return {
      items: items
        .filter((item) => item.author?.kind === commonV1.ActorKind.ACTOR_KIND_DRIVER)
        .map(feedbackView),
      nextCursor: null,
    };
  }

  async list(
    principal: Principal,
    query: FeedbackQuery,
    page: { limit: number; cursor: string | undefined },
  ): Promise<FeedbackPage> {
    const filter = feedbackFilterOf(principal, query);
    const answer = await this.feedback.listFeedback({
      gateCode: filter.gateCode ?? '',
      agency:
        filter.agency === undefined
          ? auditV1.FeedbackAgency.FEEDBACK_AGENCY_UNSPECIFIED
          : AGENCY_PROTO[filter.agency],
      ...(filter.status === undefined ? {} : { status: STATUS_PROTO[filter.status] }),
      organisationId: filter.organisationId ?? '',
      shipmentId: filter.shipmentId ?? '',
      pageSize: page.limit,
      pageToken: page.cursor ?? '',
    });
    return {
      items: answer.items.map(feedbackView),
      nextCursor: answer.nextPageToken === '' ? null : answer.nextPageToken,
    };
  }

  /** An item of another agency or gate is not found; a second answer is 409. */
  async answer(principal: Principal, feedbackId: string, text: string): Promise<FeedbackView> {
    const scope = answerScopeOf(principal);
    const { item } = await this.feedback.answerFeedback({
      feedbackId,
      agency:
        scope.agency === undefined
          ? auditV1.FeedbackAgency.FEEDBACK_AGENCY_UNSPECIFIED
          : AGENCY_PROTO[scope.agency],
      gateCode: scope.gateCode ?? '',
      answer: text,
      answeredBy: officerActor(principal),
    });
    return feedbackView(item);
  }

  async responseTimes(
    principal: Principal,
    requestedGate: string | undefined,
    period: ReportPeriod,
  ): Promise<ResponseTimes> {
    const gateCode = supervisedGateOf(principal, requestedGate);
    const { rows } = await this.feedback.feedbackResponseTimes({
      gateCode,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
    });
    return {
      gateCode,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      rows: rows.map((row) => ({ ...row })),
    };
  }
}
