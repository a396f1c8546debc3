import { Controller, Inject } from '@nestjs/common';
import { borderGuardServiceV1 } from '@cuakhau/contracts';
import { AgencySigningKey } from '@cuakhau/signing';
import { WatchListChangeHandler } from '../../watch-list/application/watch-list-change.handler';
import { QueryCasesHandler } from '../application/query-cases.handler';
import { RecordCrossingHandler } from '../application/record-crossing.handler';
import { RecordDecisionHandler } from '../application/record-decision.handler';
import type { CaseStatus } from '../domain/border-guard-case';
import {
  caseStatusFromProto,
  caseToProto,
  decisionFromProto,
  officerOf,
  recordToProto,
  subjectFromProto,
} from './case.mapper';

/** gRPC `cuakhau.border_guard.v1.BorderGuardService`: map the request, call one use case, map the answer. */
@Controller()
@borderGuardServiceV1.BorderGuardServiceControllerMethods()
export class BorderGuardGrpcController
  implements borderGuardServiceV1.BorderGuardServiceController
{
  constructor(
    private readonly queries: QueryCasesHandler,
    private readonly recordDecisionHandler: RecordDecisionHandler,
    private readonly recordCrossingHandler: RecordCrossingHandler,
    private readonly watchList: WatchListChangeHandler,
    @Inject(AgencySigningKey) private readonly key: AgencySigningKey,
  ) {}

  async listCases(
    request: borderGuardServiceV1.ListCasesRequest,
  ): Promise<borderGuardServiceV1.ListCasesResponse> {
    const gateCode = request.gateCode.trim().toUpperCase();
    const page = await this.queries.list({
      statuses: request.statuses
        .map(caseStatusFromProto)
        .filter((status): status is CaseStatus => status !== undefined),
      ...(gateCode === '' ? {} : { gateCode }),
      pageSize: request.pageSize,
      pageToken: request.pageToken,
    });
    return { cases: page.cases.map(caseToProto), nextPageToken: page.nextPageToken };
  }

  async getCase(
    request: borderGuardServiceV1.GetCaseRequest,
  ): Promise<borderGuardServiceV1.GetCaseResponse> {
    return { case: caseToProto(await this.queries.get(request.shipmentId)) };
  }

  async recordDecision(
    request: borderGuardServiceV1.RecordDecisionRequest,
  ): Promise<borderGuardServiceV1.RecordDecisionResponse> {
    const state = await this.recordDecisionHandler.execute({
      shipmentId: request.shipmentId,
      decision: decisionFromProto(request.decision),
      reason: request.reason,
      expectedVersion: request.expectedVersion,
      actor: officerOf(request.actor),
    });
    return { case: caseToProto(state) };
  }

  async recordCrossing(
    request: borderGuardServiceV1.RecordCrossingRequest,
  ): Promise<borderGuardServiceV1.RecordCrossingResponse> {
    const state = await this.recordCrossingHandler.execute({
      shipmentId: request.shipmentId,
      actor: officerOf(request.actor),
    });
    return { case: caseToProto(state) };
  }

  async listWatchListEntries(
    request: borderGuardServiceV1.ListWatchListEntriesRequest,
  ): Promise<borderGuardServiceV1.ListWatchListEntriesResponse> {
    const records = await this.watchList.list(request.includeInactive);
    return { entries: records.map(recordToProto) };
  }

  async addWatchListEntry(
    request: borderGuardServiceV1.AddWatchListEntryRequest,
  ): Promise<borderGuardServiceV1.AddWatchListEntryResponse> {
    const entry = request.entry;
    const actor = officerOf(request.actor);
    const record = await this.watchList.add(
      {
        subject: subjectFromProto(entry?.subject ?? ('WATCH_LIST_SUBJECT_UNSPECIFIED' as never)),
        fullName: entry?.fullName.trim() ?? '',
        documentNumber: entry?.documentNumber.trim() ?? '',
        nationality: entry?.nationality.trim().toUpperCase() ?? '',
        dateOfBirth: entry?.dateOfBirth.trim() ?? '',
        plate: entry?.plate.trim() ?? '',
        reason: entry?.reason ?? '',
        expiresAt: entry?.expiresAt === undefined ? null : new Date(entry.expiresAt).toISOString(),
      },
      actor,
    );
    return { entry: recordToProto(record) };
  }

  async expireWatchListEntry(
    request: borderGuardServiceV1.ExpireWatchListEntryRequest,
  ): Promise<borderGuardServiceV1.ExpireWatchListEntryResponse> {
    const record = await this.watchList.end(
      request.entryId,
      'EXPIRED',
      request.reason,
      officerOf(request.actor),
    );
    return { entry: recordToProto(record) };
  }

  async removeWatchListEntry(
    request: borderGuardServiceV1.RemoveWatchListEntryRequest,
  ): Promise<borderGuardServiceV1.RemoveWatchListEntryResponse> {
    const record = await this.watchList.end(
      request.entryId,
      'REMOVED',
      request.reason,
      officerOf(request.actor),
    );
    return { entry: recordToProto(record) };
  }

  listSigningKeys(): Promise<borderGuardServiceV1.ListSigningKeysResponse> {
    return Promise.resolve({ keys: [{ ...this.key.published }] });
  }
}
