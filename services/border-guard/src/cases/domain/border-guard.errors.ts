/**
 * The border guard's stable error codes and the kind of failure each is (the same kinds as
 * `ErrorKind` of @cuakhau/platform; each transport maps a kind to its status once).
 */
export const BORDER_GUARD_ERROR_KINDS = {
  'BORDER_GUARD.CASE_NOT_FOUND': 'NOT_FOUND',
  'BORDER_GUARD.WATCH_LIST_ENTRY_NOT_FOUND': 'NOT_FOUND',
  'BORDER_GUARD.VALIDATION_FAILED': 'INVALID',
  /** HOLD and REJECTED need a reason; so do expiring and removing a watch-list entry. */
  'BORDER_GUARD.REASON_REQUIRED': 'INVALID',
  /** NOT_REQUIRED (the border guard always applies) or no decision at all. */
  'BORDER_GUARD.DECISION_INVALID': 'INVALID',
  /** The officer decided on a version of the case that is no longer the current one. */
  'BORDER_GUARD.VERSION_CONFLICT': 'CONFLICT',
  /** The case is closed (rejected, cancelled, or the truck has crossed). */
  'BORDER_GUARD.CASE_CLOSED': 'CONFLICT',
  /** The case already has this decision. */
  'BORDER_GUARD.CASE_ALREADY_DECIDED': 'CONFLICT',
  /** The crossing of this shipment is already recorded. */
  'BORDER_GUARD.ALREADY_CROSSED': 'CONFLICT',
  /** The entry is already expired or removed. */
  'BORDER_GUARD.WATCH_LIST_ENTRY_INACTIVE': 'CONFLICT',
  /** A crossing before the queue called the truck to a lane. */
  'BORDER_GUARD.NOT_CALLED': 'PRECONDITION_FAILED',
  /** A crossing of a shipment the border guard has not cleared. */
  'BORDER_GUARD.CASE_NOT_CLEARED': 'PRECONDITION_FAILED',
} as const satisfies Record<string, 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'PRECONDITION_FAILED'>;

export type BorderGuardErrorCode = keyof typeof BORDER_GUARD_ERROR_KINDS;

export interface BorderGuardError {
  readonly code: BorderGuardErrorCode;
  readonly message: string;
}

export function borderGuardError(code: BorderGuardErrorCode, message: string): BorderGuardError {
  return { code, message };
}
