import { Injectable } from '@nestjs/common';
import { OutboxWriter, uuidv7 } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import {
  submitFeedback,
  type FeedbackAgency,
  type FeedbackKind,
  type FeedbackState,
  type Person,
} from '../domain/feedback';
import { FeedbackRepository } from '../infrastructure/feedback.repository';
import { feedbackCodedError } from './feedback-errors';
import { feedbackSubmittedEvent } from './feedback-event.mapper';

export interface SubmitFeedback {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly organisationId: string;
  readonly kind: FeedbackKind | undefined;
  readonly agency: FeedbackAgency | undefined;
  readonly message: string;
  readonly author: Person | undefined;
}

/** Records a new open item and its FeedbackSubmitted event in one transaction. */
@Injectable()
export class SubmitFeedbackHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly items: FeedbackRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(command: SubmitFeedback): Promise<FeedbackState> {
    const decision = submitFeedback({ ...command, id: uuidv7(), now: new Date() });
    if (!decision.ok) throw feedbackCodedError(decision.error);
    const item = decision.value;
    await this.transactions.inTransaction(async (tx) => {
      await this.items.insert(tx, item);
      await this.outbox.append(tx, [feedbackSubmittedEvent(item)]);
    });
    return item;
  }
}
