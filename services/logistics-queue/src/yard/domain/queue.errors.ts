import type { ErrorKind } from '@cuakhau/platform';

/** The queue's stable error codes and the kind of failure each one is. */
export const QUEUE_ERROR_KINDS = {
  'QUEUE.VALIDATION_FAILED': 'INVALID',
  'QUEUE.SHIPMENT_NOT_IN_QUEUE': 'NOT_FOUND',
  'QUEUE.SHIPMENT_NOT_FOUND': 'NOT_FOUND',
  'QUEUE.LANE_NOT_FOUND': 'NOT_FOUND',
  'QUEUE.UNMATCHED_NOT_FOUND': 'NOT_FOUND',
  'QUEUE.LANE_CLOSED': 'PRECONDITION_FAILED',
  'QUEUE.LANE_BUSY': 'CONFLICT',
  'QUEUE.NO_TRUCK_READY': 'PRECONDITION_FAILED',
  'QUEUE.UNMATCHED_ALREADY_RESOLVED': 'CONFLICT',
  'QUEUE.SHIPMENT_OTHER_GATE': 'INVALID',
} as const satisfies Record<string, ErrorKind>;

export type QueueErrorCode = keyof typeof QUEUE_ERROR_KINDS;
