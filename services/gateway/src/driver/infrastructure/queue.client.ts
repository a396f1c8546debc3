import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { queueServiceV1 } from '@cuakhau/contracts';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { GrpcServiceClient } from '../../grpc/grpc-service.client';

export const QUEUE_PROTO = 'cuakhau/queue/v1/queue_service.proto';

/** The logistics-queue's gRPC QueueService (driver position and the yard operator's calls). */
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

  /** Several shipments' positions in one call (see PositionBatcher); at most 500 ids. */
  getPositions(
    request: Partial<queueServiceV1.GetPositionsRequest>,
  ): Promise<queueServiceV1.GetPositionsResponse> {
    return this.grpc.call('getPositions', request);
  }

  recordArrival(
    request: Partial<queueServiceV1.RecordArrivalRequest>,
  ): Promise<queueServiceV1.RecordArrivalResponse> {
    return this.grpc.call('recordArrival', request);
  }

  listQueue(
    request: Partial<queueServiceV1.ListQueueRequest>,
  ): Promise<queueServiceV1.ListQueueResponse> {
    return this.grpc.call('listQueue', request);
  }

  listUnmatched(
    request: Partial<queueServiceV1.ListUnmatchedRequest>,
  ): Promise<queueServiceV1.ListUnmatchedResponse> {
    return this.grpc.call('listUnmatched', request);
  }

  confirmUnmatched(
    request: Partial<queueServiceV1.ConfirmUnmatchedRequest>,
  ): Promise<queueServiceV1.ConfirmUnmatchedResponse> {
    return this.grpc.call('confirmUnmatched', request);
  }

  dismissUnmatched(
    request: Partial<queueServiceV1.DismissUnmatchedRequest>,
  ): Promise<queueServiceV1.DismissUnmatchedResponse> {
    return this.grpc.call('dismissUnmatched', request);
  }

  listLanes(
    request: Partial<queueServiceV1.ListLanesRequest>,
  ): Promise<queueServiceV1.ListLanesResponse> {
    return this.grpc.call('listLanes', request);
  }

  setLaneOpen(
    request: Partial<queueServiceV1.SetLaneOpenRequest>,
  ): Promise<queueServiceV1.SetLaneOpenResponse> {
    return this.grpc.call('setLaneOpen', request);
  }

  callNext(
    request: Partial<queueServiceV1.CallNextRequest>,
  ): Promise<queueServiceV1.CallNextResponse> {
    return this.grpc.call('callNext', request);
  }

  onModuleDestroy(): void {
    this.grpc.close();
  }
}
