import { Controller, Inject } from '@nestjs/common';
import { customsServiceV1, type commonV1 } from '@cuakhau/contracts';
import type { CodedError } from '@cuakhau/platform';
import { ChangeChannelHandler } from '../application/change-channel.handler';
import { requestInvalid } from '../application/customs-coded-errors';
import { GetCaseHandler } from '../application/get-case.handler';
import { ListCasesHandler } from '../application/list-cases.handler';
import {
  channelFromProto,
  criteriaFromProto,
  decisionFromProto,
  directionFromProto,
  officerFromProto,
  riskRuleToProto,
  statusFromProto,
} from '../application/proto-values.mapper';
import { RecordDecisionHandler } from '../application/record-decision.handler';
import { RecordInspectionHandler } from '../application/record-inspection.handler';
import type { Actor, CaseStatus } from '../domain/customs-case';
import type { Channel } from '../domain/declaration';
import { DecisionSigner } from '../infrastructure/decision-signer';
import { ExpireRiskRuleHandler } from '../../risk-rules/application/expire-risk-rule.handler';
import { ListRiskRulesHandler } from '../../risk-rules/application/list-risk-rules.handler';
import { UpsertRiskRuleHandler } from '../../risk-rules/application/upsert-risk-rule.handler';
import { caseToProto } from './case.mapper';

/** gRPC `cuakhau.customs.v1.CustomsService`: map the request, call one use case, map the answer. */
@Controller()
@customsServiceV1.CustomsServiceControllerMethods()
export class CustomsGrpcController implements customsServiceV1.CustomsServiceController {
  constructor(
    private readonly listCasesHandler: ListCasesHandler,
    private readonly getCaseHandler: GetCaseHandler,
    private readonly recordInspectionHandler: RecordInspectionHandler,
    private readonly changeChannelHandler: ChangeChannelHandler,
    private readonly recordDecisionHandler: RecordDecisionHandler,
    private readonly listRiskRulesHandler: ListRiskRulesHandler,
    private readonly upsertRiskRuleHandler: UpsertRiskRuleHandler,
    private readonly expireRiskRuleHandler: ExpireRiskRuleHandler,
    @Inject(DecisionSigner) private readonly signer: DecisionSigner,
  ) {}

  async listCases(
    request: customsServiceV1.ListCasesRequest,
  ): Promise<customsServiceV1.ListCasesResponse> {
    const gateCode = request.gateCode.trim().toUpperCase();
    const page = await this.listCasesHandler.execute({
      filter: {
        ...(gateCode === '' ? {} : { gateCode }),
        statuses: request.statuses
          .map(statusFromProto)
          .filter((status): status is CaseStatus => status !== undefined),
        channels: request.channels
          .map(channelFromProto)
          .filter((channel): channel is Channel => channel !== undefined),
      },
      pageSize: request.pageSize,
      pageToken: request.pageToken,
    });
    return {
      cases: page.cases.map((stored) => caseToProto(stored, false)),
      nextPageToken: page.nextPageToken,
    };
  }

  async getCase(
    request: customsServiceV1.GetCaseRequest,
  ): Promise<customsServiceV1.GetCaseResponse> {
    return { case: caseToProto(await this.getCaseHandler.execute(request.shipmentId), true) };
  }

  async recordInspection(
    request: customsServiceV1.RecordInspectionRequest,
  ): Promise<customsServiceV1.RecordInspectionResponse> {
    const stored = await this.recordInspectionHandler.execute({
      shipmentId: request.shipmentId,
      actor: officerOf(request.actor),
      requestId: request.requestId.trim(),
      expectedVersion: request.expectedVersion,
      findings: request.findings,
      seals: request.seals,
      photos: request.photos.map((photo) => ({
        documentId: photo.documentId,
        ...(photo.caption.trim() === '' ? {} : { caption: photo.caption.trim() }),
      })),
    });
    return { case: caseToProto(stored, true) };
  }

  async changeChannel(
    request: customsServiceV1.ChangeChannelRequest,
  ): Promise<customsServiceV1.ChangeChannelResponse> {
    const channel = channelFromProto(request.channel);
    if (channel === undefined) {
      throw requestInvalid('CUSTOMS.CHANNEL_INVALID', 'channel must be GREEN, YELLOW or RED');
    }
    const stored = await this.changeChannelHandler.execute({
      shipmentId: request.shipmentId,
      actor: officerOf(request.actor),
      requestId: request.requestId.trim(),
      expectedVersion: request.expectedVersion,
      channel,
      reason: request.reason,
    });
    return { case: caseToProto(stored, true) };
  }

  async recordDecision(
    request: customsServiceV1.RecordDecisionRequest,
  ): Promise<customsServiceV1.RecordDecisionResponse> {
    const decision = decisionFromProto(request.decision);
    if (decision === undefined) {
      throw requestInvalid(
        'CUSTOMS.DECISION_INVALID',
        'customs decides CLEARED, HOLD or REJECTED (never NOT_REQUIRED)',
      );
    }
    const stored = await this.recordDecisionHandler.execute({
      shipmentId: request.shipmentId,
      actor: officerOf(request.actor),
      requestId: request.requestId.trim(),
      expectedVersion: request.expectedVersion,
      decision,
      reason: request.reason,
    });
    return { case: caseToProto(stored, true) };
  }

  async listRiskRules(
    request: customsServiceV1.ListRiskRulesRequest,
  ): Promise<customsServiceV1.ListRiskRulesResponse> {
    const list = await this.listRiskRulesHandler.execute(request.includeExpired);
    return {
      rules: list.rules.map(riskRuleToProto),
      ruleSetVersion: list.ruleSetVersion,
      samplingRateGreen: list.samplingRates.GREEN,
      samplingRateYellow: list.samplingRates.YELLOW,
    };
  }

  async upsertRiskRule(
    request: customsServiceV1.UpsertRiskRuleRequest,
  ): Promise<customsServiceV1.UpsertRiskRuleResponse> {
    const rule = request.rule;
    const criteria = rule === undefined ? undefined : criteriaFromProto(rule);
    const channel = rule === undefined ? undefined : channelFromProto(rule.channel);
    if (rule === undefined || criteria === undefined || channel === undefined) {
      throw requestInvalid(
        'CUSTOMS.RULE_INVALID',
        'a rule needs an id, a channel and exactly one criteria',
      );
    }
    const direction = directionFromProto(rule.direction);
    const gateCode = rule.gateCode.trim().toUpperCase();
    const changed = await this.upsertRiskRuleHandler.execute({
      rule: {
        id: rule.id.trim(),
        effectiveFrom: rule.effectiveFrom ?? new Date().toISOString(),
        ...(rule.effectiveTo === undefined ? {} : { effectiveTo: rule.effectiveTo }),
        channel,
        title: { vi: rule.title?.vi ?? '', en: rule.title?.en ?? '' },
        ...(direction === undefined ? {} : { direction }),
        ...(gateCode === '' ? {} : { gateCode }),
        criteria,
      },
      expectedVersion: request.expectedVersion,
      reason: request.reason,
      actor: supervisorOf(request.actor),
    });
    return { rule: riskRuleToProto(changed.rule), ruleSetVersion: changed.ruleSetVersion };
  }

  async expireRiskRule(
    request: customsServiceV1.ExpireRiskRuleRequest,
  ): Promise<customsServiceV1.ExpireRiskRuleResponse> {
    const changed = await this.expireRiskRuleHandler.execute({
      ruleId: request.ruleId.trim(),
      expectedVersion: request.expectedVersion,
      ...(request.effectiveTo === undefined ? {} : { effectiveTo: request.effectiveTo }),
      reason: request.reason,
      actor: supervisorOf(request.actor),
    });
    return { rule: riskRuleToProto(changed.rule), ruleSetVersion: changed.ruleSetVersion };
  }

  listSigningKeys(): customsServiceV1.ListSigningKeysResponse {
    return { keys: this.signer.publishedKeys.map((key) => ({ ...key })) };
  }
}

function actorRequired(): CodedError {
  return requestInvalid('CUSTOMS.ACTOR_REQUIRED', 'the request must name the officer (actor.id)');
}

function officerOf(actor: commonV1.Actor | undefined): Actor {
  const officer = officerFromProto(actor);
  if (officer === undefined) throw actorRequired();
  return officer;
}

function supervisorOf(actor: commonV1.Actor | undefined): commonV1.Actor {
  if (actor === undefined || actor.id.trim() === '') throw actorRequired();
  return { ...actor, id: actor.id.trim() };
}
