import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import {
  answerFeedback,
  isFeedbackId,
  type FeedbackAgency,
  type FeedbackState,
  type Person,
} from '../domain/feedback';
import { FeedbackRepository } from '../infrastructure/feedback.repository';
import { feedbackCodedError } from './feedback-errors';
import { feedbackAnsweredEvent } from './feedback-event.mapper';

export interface AnswerFeedback {
  readonly feedbackId: string;
  /** The officer's agency and gate; undefined: any (ADMIN). */
  readonly agency: FeedbackAgency | undefined;
  readonly gateCode: string | undefined;
  readonly answer: string;
  readonly answeredBy: Person | undefined;
}

/**
 * Answers an open item: load it locked → decide → save the answer and its
 * FeedbackAnswered event, one transaction (a second answer is refused, never overwritten).
 */
@Injectable()
export class AnswerFeedbackHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly items: FeedbackRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: AnswerFeedback): Promise<FeedbackState> {
    return this.transactions.inTransaction(async (tx) => {
      const item = isFeedbackId(command.feedbackId)
        ? await this.items.findForUpdate(tx, command.feedbackId)
        : undefined;
      const decision = answerFeedback(item, {
        agency: command.agency,
        gateCode: command.gateCode,
        answer: command.answer,
        by: command.answeredBy,
        now: new Date(),
      });
      if (!decision.ok) throw feedbackCodedError(decision.error);
      await this.items.saveAnswer(tx, decision.value);
      await this.outbox.append(tx, [feedbackAnsweredEvent(decision.value)]);
      return decision.value;
    });
  }
}
