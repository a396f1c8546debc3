import { CodedError } from '@cuakhau/platform';
import { QUEUE_ERROR_KINDS, type QueueErrorCode } from '../domain/queue.errors';

/** A refusal of the queue as the CodedError the transports map. */
export function queueError(code: QueueErrorCode, message: string): CodedError {
  return new CodedError(code, QUEUE_ERROR_KINDS[code], message);
}

/** A request field the queue refuses (INVALID_ARGUMENT with the field in `error-fields`). */
export function queueFieldInvalid(field: string, code: string, message: string): CodedError {
  return new CodedError(
    'QUEUE.VALIDATION_FAILED',
    QUEUE_ERROR_KINDS['QUEUE.VALIDATION_FAILED'],
    `${field}: ${message}`,
    { fields: [{ field, code, message }] },
  );
}
