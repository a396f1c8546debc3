import { Controller, Inject } from '@nestjs/common';
import { quarantineServiceV1 } from '@cuakhau/contracts';
import type { AgencySigningKey } from '@cuakhau/signing';
import {
  AddControlledGoodsHandler,
  ExpireControlledGoodsHandler,
  ListControlledGoodsHandler,
  RemoveControlledGoodsHandler,
} from '../../controlled-goods/application/controlled-goods.handlers';
import { QUARANTINE_SIGNING_KEY } from '../../quarantine.tokens';
import { GetCaseHandler } from '../application/get-case.handler';
import { ListCasesHandler } from '../application/list-cases.handler';
import { OfficerCommandHandler } from '../application/officer-command.handler';
import type { CaseStatus } from '../domain/quarantine-case';
import {
  actorFromProto,
  caseStatusFromProto,
  caseToProto,
  controlKindFromProto,
  entryToProto,
  officerDecisionFromProto,
} from './case.mapper';

function gateOf(gateCode: string): string | undefined {
  const gate = gateCode.trim().toUpperCase();
  return gate === '' ? undefined : gate;
}

/** gRPC `cuakhau.quarantine.v1.QuarantineService`: map the request, call one use case, map the answer. */
@Controller()
@quarantineServiceV1.QuarantineServiceControllerMethods()
export class QuarantineGrpcController implements quarantineServiceV1.QuarantineServiceController {
  constructor(
    private readonly listCasesHandler: ListCasesHandler,
    private readonly getCaseHandler: GetCaseHandler,
    private readonly officerCommand: OfficerCommandHandler,
    private readonly listControlled: ListControlledGoodsHandler,
    private readonly addControlled: AddControlledGoodsHandler,
    private readonly expireControlled: ExpireControlledGoodsHandler,
    private readonly removeControlled: RemoveControlledGoodsHandler,
    @Inject(QUARANTINE_SIGNING_KEY) private readonly key: AgencySigningKey,
  ) {}

  async listCases(
    request: quarantineServiceV1.ListCasesRequest,
  ): Promise<quarantineServiceV1.ListCasesResponse> {
    const gateCode = gateOf(request.gateCode);
    const page = await this.listCasesHandler.execute({
      ...(gateCode === undefined ? {} : { gateCode }),
      statuses: request.statuses
        .map(caseStatusFromProto)
        .filter((status): status is CaseStatus => status !== undefined),
      pageSize: request.pageSize,
      pageToken: request.pageToken,
    });
    return {
      cases: page.cases.map((state) => caseToProto(state, false)),
      nextPageToken: page.nextPageToken,
    };
  }

  async getCase(
    request: quarantineServiceV1.GetCaseRequest,
  ): Promise<quarantineServiceV1.GetCaseResponse> {
    const gateCode = gateOf(request.gateCode);
    const state = await this.getCaseHandler.execute({
      shipmentId: request.shipmentId,
      ...(gateCode === undefined ? {} : { gateCode }),
    });
    return { case: caseToProto(state, true) };
  }

  async recordSample(
    request: quarantineServiceV1.RecordSampleRequest,
  ): Promise<quarantineServiceV1.RecordSampleResponse> {
    const gateCode = gateOf(request.gateCode);
    const state = await this.officerCommand.execute({
      shipmentId: request.shipmentId,
      ...(gateCode === undefined ? {} : { gateCode }),
      command: {
        type: 'RecordSample',
        meta: { at: new Date().toISOString(), actor: actorFromProto(request.actor) },
        data: {
          expectedVersion: request.expectedVersion,
          sampleId: request.sampleId,
          labReference: request.labReference,
        },
      },
    });
    return { case: caseToProto(state, true) };
  }

  async recordLabResult(
    request: quarantineServiceV1.RecordLabResultRequest,
  ): Promise<quarantineServiceV1.RecordLabResultResponse> {
    const gateCode = gateOf(request.gateCode);
    const state = await this.officerCommand.execute({
      shipmentId: request.shipmentId,
      ...(gateCode === undefined ? {} : { gateCode }),
      command: {
        type: 'RecordLabResult',
        meta: { at: new Date().toISOString(), actor: actorFromProto(request.actor) },
        data: {
          expectedVersion: request.expectedVersion,
          sampleId: request.sampleId,
          result: request.result,
          notes: request.notes,
        },
      },
    });
    return { case: caseToProto(state, true) };
  }

  async recordDecision(
    request: quarantineServiceV1.RecordDecisionRequest,
  ): Promise<quarantineServiceV1.RecordDecisionResponse> {
    const gateCode = gateOf(request.gateCode);
    const state = await this.officerCommand.execute({
      shipmentId: request.shipmentId,
      ...(gateCode === undefined ? {} : { gateCode }),
      command: {
        type: 'RecordDecision',
        meta: { at: new Date().toISOString(), actor: actorFromProto(request.actor) },
        data: {
          expectedVersion: request.expectedVersion,
          decision: officerDecisionFromProto(request.decision),
          reason: request.reason,
        },
      },
    });
    return { case: caseToProto(state, true) };
  }

  async listControlledGoods(
    request: quarantineServiceV1.ListControlledGoodsRequest,
  ): Promise<quarantineServiceV1.ListControlledGoodsResponse> {
    const entries = await this.listControlled.execute({
      at: request.at ?? new Date().toISOString(),
      includeExpired: request.includeExpired,
    });
    return { entries: entries.map(entryToProto) };
  }

  async addControlledGoods(
    request: quarantineServiceV1.AddControlledGoodsRequest,
  ): Promise<quarantineServiceV1.AddControlledGoodsResponse> {
    const at = new Date().toISOString();
    const entry = await this.addControlled.execute({
      input: {
        hsPrefix: request.hsPrefix,
        kind: controlKindFromProto(request.kind),
        description: request.description,
        validFrom: request.validFrom ?? at,
        ...(request.validUntil === undefined ? {} : { validUntil: request.validUntil }),
        reason: request.reason,
      },
      actor: actorFromProto(request.actor),
      at,
    });
    return { entry: entryToProto(entry) };
  }

  async expireControlledGoods(
    request: quarantineServiceV1.ExpireControlledGoodsRequest,
  ): Promise<quarantineServiceV1.ExpireControlledGoodsResponse> {
    const entry = await this.expireControlled.execute({
      hsPrefix: request.hsPrefix,
      ...(request.validUntil === undefined ? {} : { validUntil: request.validUntil }),
      actor: actorFromProto(request.actor),
      reason: request.reason,
      at: new Date().toISOString(),
    });
    return { entry: entryToProto(entry) };
  }

  async removeControlledGoods(
    request: quarantineServiceV1.RemoveControlledGoodsRequest,
  ): Promise<quarantineServiceV1.RemoveControlledGoodsResponse> {
    await this.removeControlled.execute({
      hsPrefix: request.hsPrefix,
      actor: actorFromProto(request.actor),
      reason: request.reason,
      at: new Date().toISOString(),
    });
    return {};
  }

  listSigningKeys(): quarantineServiceV1.ListSigningKeysResponse {
    return { keys: [{ ...this.key.published }] };
  }
}
