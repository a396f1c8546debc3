import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { auditServiceV1 } from '@cuakhau/contracts';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { GrpcServiceClient } from '../../grpc/grpc-service.client';

type Req<T> = Partial<T>;

/** The audit service's gRPC AuditService (it checks no roles: the gateway does). */
@Injectable()
export class AuditClient implements OnModuleDestroy {
  private readonly grpc: GrpcServiceClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.grpc = new GrpcServiceClient(
      'cuakhau/audit/v1/audit_service.proto',
      'cuakhau.audit.v1.AuditService',
      config.AUDIT_GRPC_URL,
      config.GRPC_DEADLINE_MS,
    );
  }

  listAuditEntries(
    request: Req<auditServiceV1.ListAuditEntriesRequest>,
  ): Promise<auditServiceV1.ListAuditEntriesResponse> {
    return this.grpc.call('listAuditEntries', request);
  }

  verifyChain(
    request: Req<auditServiceV1.VerifyChainRequest>,
  ): Promise<auditServiceV1.VerifyChainResponse> {
    return this.grpc.call('verifyChain', request);
  }

  clearanceTimes(
    request: Req<auditServiceV1.ClearanceTimesRequest>,
  ): Promise<auditServiceV1.ClearanceTimesResponse> {
    return this.grpc.call('clearanceTimes', request);
  }

  slowestShipments(
    request: Req<auditServiceV1.SlowestShipmentsRequest>,
  ): Promise<auditServiceV1.SlowestShipmentsResponse> {
    return this.grpc.call('slowestShipments', request);
  }

  listSlaBreaches(
    request: Req<auditServiceV1.ListSlaBreachesRequest>,
  ): Promise<auditServiceV1.ListSlaBreachesResponse> {
    return this.grpc.call('listSlaBreaches', request);
  }

  onModuleDestroy(): void {
    this.grpc.close();
  }
}
