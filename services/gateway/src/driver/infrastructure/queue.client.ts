import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { queueServiceV1 } from '@cuakhau/contracts';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { GrpcServiceClient } from '../../grpc/grpc-service.client';

export const QUEUE_PROTO = 'cuakhau/queue/v1/queue_service.proto';

/** The logistics-queue's gRPC QueueService (the calls the gateway makes so far). */
@Injectable()
export class QueueClient implements OnModuleDestroy {
  private readonly grpc: GrpcServiceClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.grpc = new GrpcServiceClient(
      QUEUE_PROTO,
      'cuakhau.queue.v1.QueueService',
      config.LOGISTICS_QUEUE_GRPC_URL,
      config.GRPC_DEADLINE_MS,
    );
  }

  getPosition(
    request: Partial<queueServiceV1.GetPositionRequest>,
  ): Promise<queueServiceV1.GetPositionResponse> {
    return this.grpc.call('getPosition', request);
  }

  onModuleDestroy(): void {
    this.grpc.close();
  }
}
