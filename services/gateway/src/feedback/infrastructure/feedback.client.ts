import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { feedbackServiceV1 } from '@cuakhau/contracts';
import type { GatewayConfig } from '../../gateway.config';
import { GATEWAY_CONFIG } from '../../gateway.tokens';
import { GrpcServiceClient } from '../../grpc/grpc-service.client';

type Req<T> = Partial<T>;

/** The audit service's gRPC FeedbackService (it checks no roles: the gateway does). */
@Injectable()
export class FeedbackClient implements OnModuleDestroy {
  private readonly grpc: GrpcServiceClient;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.grpc = new GrpcServiceClient(
      'cuakhau/audit/v1/feedback_service.proto',
      'cuakhau.audit.v1.FeedbackService',
      config.AUDIT_GRPC_URL,
      config.GRPC_DEADLINE_MS,
    );
  }

  submitFeedback(
    request: Req<feedbackServiceV1.SubmitFeedbackRequest>,
  ): Promise<feedbackServiceV1.SubmitFeedbackResponse> {
    return this.grpc.call('submitFeedback', request);
  }

  answerFeedback(
    request: Req<feedbackServiceV1.AnswerFeedbackRequest>,
  ): Promise<feedbackServiceV1.AnswerFeedbackResponse> {
    return this.grpc.call('answerFeedback', request);
  }

  listFeedback(
    request: Req<feedbackServiceV1.ListFeedbackRequest>,
  ): Promise<feedbackServiceV1.ListFeedbackResponse> {
    return this.grpc.call('listFeedback', request);
  }

  feedbackResponseTimes(
    request: Req<feedbackServiceV1.FeedbackResponseTimesRequest>,
  ): Promise<feedbackServiceV1.FeedbackResponseTimesResponse> {
    return this.grpc.call('feedbackResponseTimes', request);
  }

  onModuleDestroy(): void {
    this.grpc.close();
  }
}
