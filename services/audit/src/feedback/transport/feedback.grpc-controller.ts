import { Controller } from '@nestjs/common';
import { feedbackServiceV1 } from '@cuakhau/contracts';
import { AnswerFeedbackHandler } from '../application/answer-feedback.handler';
import {
  FeedbackResponseTimesHandler,
  ListFeedbackHandler,
} from '../application/feedback-reads.handler';
import { SubmitFeedbackHandler } from '../application/submit-feedback.handler';
import { agencyOf, itemOf, kindOf, personOf, statusOf } from './feedback.mapper';

const orUndefined = (text: string): string | undefined => (text === '' ? undefined : text);
const dateOf = (iso: string | undefined): Date | undefined =>
  iso === undefined || iso === '' ? undefined : new Date(iso);

/** gRPC `cuakhau.audit.v1.FeedbackService`: map the request, call one use case, map the answer. */
@Controller()
@feedbackServiceV1.FeedbackServiceControllerMethods()
export class FeedbackGrpcController implements feedbackServiceV1.FeedbackServiceController {
  constructor(
    private readonly submit: SubmitFeedbackHandler,
    private readonly answer: AnswerFeedbackHandler,
    private readonly list: ListFeedbackHandler,
    private readonly responseTimes: FeedbackResponseTimesHandler,
  ) {}

  async submitFeedback(
    request: feedbackServiceV1.SubmitFeedbackRequest,
  ): Promise<feedbackServiceV1.SubmitFeedbackResponse> {
    const item = await this.submit.execute({
      shipmentId: request.shipmentId,
      gateCode: request.gateCode,
      organisationId: request.organisationId,
      kind: kindOf(request.kind),
      agency: agencyOf(request.agency),
      message: request.message,
      author: personOf(request.author),
    });
    return { item: itemOf(item) };
  }

  async answerFeedback(
    request: feedbackServiceV1.AnswerFeedbackRequest,
  ): Promise<feedbackServiceV1.AnswerFeedbackResponse> {
    const item = await this.answer.execute({
      feedbackId: request.feedbackId,
      agency: agencyOf(request.agency),
      gateCode: orUndefined(request.gateCode),
      answer: request.answer,
      answeredBy: personOf(request.answeredBy),
    });
    return { item: itemOf(item) };
  }

  async listFeedback(
    request: feedbackServiceV1.ListFeedbackRequest,
  ): Promise<feedbackServiceV1.ListFeedbackResponse> {
    const page = await this.list.execute(
      {
        gateCode: orUndefined(request.gateCode),
        agency: agencyOf(request.agency),
        status: statusOf(request.status),
        organisationId: orUndefined(request.organisationId),
        shipmentId: orUndefined(request.shipmentId),
      },
      request.pageSize,
      request.pageToken,
    );
    return { items: page.items.map(itemOf), nextPageToken: page.nextPageToken };
  }

  async feedbackResponseTimes(
    request: feedbackServiceV1.FeedbackResponseTimesRequest,
  ): Promise<feedbackServiceV1.FeedbackResponseTimesResponse> {
    const rows = await this.responseTimes.execute({
      gateCode: orUndefined(request.gateCode),
      from: dateOf(request.from),
      to: dateOf(request.to),
    });
    return { rows: rows.map((row) => ({ ...row })) };
  }
}
