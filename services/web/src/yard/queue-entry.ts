import type { QueueEntry } from '../api/types';

/** A shipment status (status.* key) for a queue entry of the yard board. */
export type BoardStatus = 'IN_REVIEW' | 'CLEARED' | 'CALLED' | 'DEPARTED' | 'UNKNOWN';

/** Priority keys of the board (priority.* key). */
export type BoardPriority = 'PERISHABLE' | 'BOOKED' | 'STANDARD' | 'OTHER';

function shortName(value: string | undefined, prefix: string): string {
  if (value === undefined) return '';
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

/**
 * The queue answers with its own entry status (WAITING, CALLED, DEPARTED; with or without
 * the proto prefix) and a `cleared` flag: a waiting truck is either still in review or
 * cleared and ready to be called.
 */
export function boardStatusOf(entry: Pick<QueueEntry, 'status' | 'cleared'>): BoardStatus {
  switch (shortName(entry.status, 'QUEUE_ENTRY_STATUS_')) {
    case 'WAITING':
      return entry.cleared === true ? 'CLEARED' : 'IN_REVIEW';
    case 'CALLED':
      return 'CALLED';
    case 'DEPARTED':
      return 'DEPARTED';
    default:
      return 'UNKNOWN';
  }
}

/** The queue's priority class (PERISHABLE, ON_SLOT, REGULAR) as the board names it. */
export function boardPriorityOf(entry: Pick<QueueEntry, 'priorityClass'>): BoardPriority {
  switch (shortName(entry.priorityClass, 'PRIORITY_CLASS_')) {
    case 'PERISHABLE':
      return 'PERISHABLE';
    case 'ON_SLOT':
      return 'BOOKED';
    case 'REGULAR':
      return 'STANDARD';
    default:
      return 'OTHER';
  }
}
