import { CodedError } from '@cuakhau/platform';
import type { FeedbackError } from '../domain/feedback';

/** The stable code and kind of each refusal of the feedback rules (mapped once, here). */
export function feedbackCodedError(error: FeedbackError): CodedError {
  switch (error.code) {
    case 'VALIDATION_FAILED':
      return new CodedError(
        'AUDIT.VALIDATION_FAILED',
        'INVALID',
        error.fields.map((field) => `${field.field}: ${field.message}`).join('; '),
        { fields: error.fields },
      );
    case 'NOT_FOUND':
      return new CodedError('FEEDBACK.NOT_FOUND', 'NOT_FOUND', 'no such feedback item');
    case 'ALREADY_ANSWERED':
      return new CodedError(
        'FEEDBACK.ALREADY_ANSWERED',
        'CONFLICT',
        `this item was already answered at ${error.answeredAt.toISOString()}`,
      );
    default: {
      const unknown: never = error;
      throw new TypeError(`unknown feedback error ${JSON.stringify(unknown)}`);
    }
  }
}
