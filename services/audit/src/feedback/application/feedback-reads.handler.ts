import { Injectable } from '@nestjs/common';
import {
  isFeedbackId,
  responseTimeFigures,
  type FeedbackState,
  type ResponseTimeRow,
} from '../domain/feedback';
import {
  FeedbackRepository,
  type FeedbackFilter,
  type PageCursor,
} from '../infrastructure/feedback.repository';
import { feedbackCodedError } from './feedback-errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface FeedbackPage {
  readonly items: readonly FeedbackState[];
  /** "" on the last page. */
  readonly nextPageToken: string;
}

function tokenOf(item: FeedbackState): string {
  return Buffer.from(`${item.submittedAt.toISOString()}|${item.id}`, 'utf8').toString('base64url');
}

function cursorOf(token: string): PageCursor | undefined {
  if (token === '') return undefined;
  const [at, id] = Buffer.from(token, 'base64url').toString('utf8').split('|');
  const submittedAt = new Date(at ?? '');
  if (Number.isNaN(submittedAt.getTime()) || id === undefined || !isFeedbackId(id)) {
    throw feedbackCodedError({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'pageToken', code: 'INVALID', message: 'not a token of this list' }],
    });
  }
  return { submittedAt, id };
}

/** Items matching the filters, newest first, one page at a time. */
@Injectable()
export class ListFeedbackHandler {
  constructor(private readonly items: FeedbackRepository) {}

  async execute(
    filter: FeedbackFilter,
    pageSize: number,
    pageToken: string,
  ): Promise<FeedbackPage> {
    if (filter.shipmentId !== undefined && !isFeedbackId(filter.shipmentId)) {
      return { items: [], nextPageToken: '' };
    }
    const size = pageSize <= 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
    const items = await this.items.list(filter, cursorOf(pageToken), size);
    const last = items.at(-1);
    return {
      items,
      nextPageToken: items.length === size && last !== undefined ? tokenOf(last) : '',
    };
  }
}

/** Open items and time to answer of a gate, per agency and in total. */
@Injectable()
export class FeedbackResponseTimesHandler {
  constructor(private readonly items: FeedbackRepository) {}

  async execute(query: {
    gateCode: string | undefined;
    from: Date | undefined;
    to: Date | undefined;
  }): Promise<ResponseTimeRow[]> {
    const samples = await this.items.timings(query.gateCode, query.from, query.to);
    return responseTimeFigures(samples, new Date());
  }
}
