import { CodedError } from '@cuakhau/platform';
import { QUEUE_ERROR_KINDS, type QueueErrorCode } from '../domain/queue.errors';

/** A refusal of the queue as the CodedError the transports map. */
export function queueError(code: QueueErrorCode, message: string): CodedError {
  return new CodedError(code, QUEUE_ERROR_KINDS[code], message);
}
