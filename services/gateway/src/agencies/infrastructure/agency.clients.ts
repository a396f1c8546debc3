import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type {
  borderGuardServiceV1,
  customsServiceV1,
  quarantineServiceV1,
} from '@cuakhau/contracts';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { GrpcServiceClient } from '../../grpc/grpc-service.client';

type Req<T> = Partial<T>;

/** The customs service's gRPC CustomsService, with the gateway's deadline on every call. */
@Injectable()
export class CustomsClient implements OnModuleDestroy {
  private readonly grpc: GrpcServiceClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.grpc = new GrpcServiceClient(
      'cuakhau/customs/v1/customs_service.proto',
      'cuakhau.customs.v1.CustomsService',
      config.CUSTOMS_GRPC_URL,
      config.GRPC_DEADLINE_MS,
    );
  }

  listCases(
    request: Req<customsServiceV1.ListCasesRequest>,
  ): Promise<customsServiceV1.ListCasesResponse> {
    return this.grpc.call('listCases', request);
  }

  getCase(
    request: Req<customsServiceV1.GetCaseRequest>,
  ): Promise<customsServiceV1.GetCaseResponse> {
    return this.grpc.call('getCase', request);
  }

  recordInspection(
    request: Req<customsServiceV1.RecordInspectionRequest>,
  ): Promise<customsServiceV1.RecordInspectionResponse> {
    return this.grpc.call('recordInspection', request);
  }

  changeChannel(
    request: Req<customsServiceV1.ChangeChannelRequest>,
  ): Promise<customsServiceV1.ChangeChannelResponse> {
    return this.grpc.call('changeChannel', request);
  }

  recordDecision(
    request: Req<customsServiceV1.RecordDecisionRequest>,
  ): Promise<customsServiceV1.RecordDecisionResponse> {
    return this.grpc.call('recordDecision', request);
  }

  onModuleDestroy(): void {
    this.grpc.close();
  }
}

/** The border-guard service's gRPC BorderGuardService (it checks no roles: the gateway does). */
@Injectable()
export class BorderGuardClient implements OnModuleDestroy {
  private readonly grpc: GrpcServiceClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.grpc = new GrpcServiceClient(
      'cuakhau/border_guard/v1/border_guard_service.proto',
      'cuakhau.border_guard.v1.BorderGuardService',
      config.BORDER_GUARD_GRPC_URL,
      config.GRPC_DEADLINE_MS,
    );
  }

  listCases(
    request: Req<borderGuardServiceV1.ListCasesRequest>,
  ): Promise<borderGuardServiceV1.ListCasesResponse> {
    return this.grpc.call('listCases', request);
  }

  getCase(
    request: Req<borderGuardServiceV1.GetCaseRequest>,
  ): Promise<borderGuardServiceV1.GetCaseResponse> {
    return this.grpc.call('getCase', request);
  }

  recordDecision(
    request: Req<borderGuardServiceV1.RecordDecisionRequest>,
  ): Promise<borderGuardServiceV1.RecordDecisionResponse> {
    return this.grpc.call('recordDecision', request);
  }

  recordCrossing(
    request: Req<borderGuardServiceV1.RecordCrossingRequest>,
  ): Promise<borderGuardServiceV1.RecordCrossingResponse> {
    return this.grpc.call('recordCrossing', request);
  }

  listWatchListEntries(
    request: Req<borderGuardServiceV1.ListWatchListEntriesRequest>,
  ): Promise<borderGuardServiceV1.ListWatchListEntriesResponse> {
    return this.grpc.call('listWatchListEntries', request);
  }

  addWatchListEntry(
    request: Req<borderGuardServiceV1.AddWatchListEntryRequest>,
  ): Promise<borderGuardServiceV1.AddWatchListEntryResponse> {
    return this.grpc.call('addWatchListEntry', request);
  }

  expireWatchListEntry(
    request: Req<borderGuardServiceV1.ExpireWatchListEntryRequest>,
  ): Promise<borderGuardServiceV1.ExpireWatchListEntryResponse> {
    return this.grpc.call('expireWatchListEntry', request);
  }

  removeWatchListEntry(
    request: Req<borderGuardServiceV1.RemoveWatchListEntryRequest>,
  ): Promise<borderGuardServiceV1.RemoveWatchListEntryResponse> {
    return this.grpc.call('removeWatchListEntry', request);
  }

  onModuleDestroy(): void {
    this.grpc.close();
  }
}

/** The quarantine service's gRPC QuarantineService. */
@Injectable()
export class QuarantineClient implements OnModuleDestroy {
  private readonly grpc: GrpcServiceClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.grpc = new GrpcServiceClient(
      'cuakhau/quarantine/v1/quarantine_service.proto',
      'cuakhau.quarantine.v1.QuarantineService',
      config.QUARANTINE_GRPC_URL,
      config.GRPC_DEADLINE_MS,
    );
  }

  listCases(
    request: Req<quarantineServiceV1.ListCasesRequest>,
  ): Promise<quarantineServiceV1.ListCasesResponse> {
    return this.grpc.call('listCases', request);
  }

  getCase(
    request: Req<quarantineServiceV1.GetCaseRequest>,
  ): Promise<quarantineServiceV1.GetCaseResponse> {
    return this.grpc.call('getCase', request);
  }

  recordSample(
    request: Req<quarantineServiceV1.RecordSampleRequest>,
  ): Promise<quarantineServiceV1.RecordSampleResponse> {
    return this.grpc.call('recordSample', request);
  }

  recordLabResult(
    request: Req<quarantineServiceV1.RecordLabResultRequest>,
  ): Promise<quarantineServiceV1.RecordLabResultResponse> {
    return this.grpc.call('recordLabResult', request);
  }

  recordDecision(
    request: Req<quarantineServiceV1.RecordDecisionRequest>,
  ): Promise<quarantineServiceV1.RecordDecisionResponse> {
    return this.grpc.call('recordDecision', request);
  }

  onModuleDestroy(): void {
    this.grpc.close();
  }
}
