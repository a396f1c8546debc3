import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { AnswerFeedbackHandler } from './application/answer-feedback.handler';
import {
  FeedbackResponseTimesHandler,
  ListFeedbackHandler,
} from './application/feedback-reads.handler';
import { SubmitFeedbackHandler } from './application/submit-feedback.handler';
import { FeedbackRepository } from './infrastructure/feedback.repository';
import { FeedbackGrpcController } from './transport/feedback.grpc-controller';

/**
 * The feedback channel (gRPC FeedbackService). Its events go through the service's outbox
 * (the relay of AppModule publishes them) and come back through the chain's consumer.
 */
@Module({
  controllers: [FeedbackGrpcController],
  providers: [
    {
      provide: TypeOrmTransactionRunner,
      useFactory: (dataSource: DataSource) => new TypeOrmTransactionRunner(dataSource),
      inject: [DataSource],
    },
    { provide: OutboxWriter, useValue: new OutboxWriter() },
    FeedbackRepository,
    SubmitFeedbackHandler,
    AnswerFeedbackHandler,
    ListFeedbackHandler,
    FeedbackResponseTimesHandler,
  ],
})
export class FeedbackModule {}
