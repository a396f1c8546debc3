/**
 * Customs' stable error codes and the kind of failure each one is. Transports map a kind to
 * an HTTP / gRPC status once (NOT_FOUND 404 / NOT_FOUND, CONFLICT 409 / ABORTED,
 * INVALID 400 / INVALID_ARGUMENT, PRECONDITION_FAILED 412 / FAILED_PRECONDITION); the domain
 * never knows about HTTP or gRPC.
 *
 * The kinds are the same four as `ErrorKind` in `@cuakhau/platform`, so a
 * `CustomsErrorKind` can be handed to `CodedError` as it is.
 */
export type CustomsErrorKind = 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'PRECONDITION_FAILED';

export const CUSTOMS_ERROR_KINDS = {
  // --- lookups
  'CUSTOMS.CASE_NOT_FOUND': 'NOT_FOUND',
  'CUSTOMS.RULE_NOT_FOUND': 'NOT_FOUND',

  // --- invalid input (the request itself is wrong, whatever the case's state)
  /** HOLD, REJECTED and a channel change need a reason. */
  'CUSTOMS.REASON_REQUIRED': 'INVALID',
  /** A decision customs cannot take (NOT_REQUIRED: customs always applies) or an unknown one. */
  'CUSTOMS.DECISION_INVALID': 'INVALID',
  /** A channel that is not GREEN, YELLOW or RED. */
  'CUSTOMS.CHANNEL_INVALID': 'INVALID',
  /** A channel change to the channel the case is already in. */
  'CUSTOMS.CHANNEL_UNCHANGED': 'INVALID',
  /** An inspection record without findings, or with a blank seal / photo reference. */
  'CUSTOMS.INSPECTION_INVALID': 'INVALID',
  /** A risk rule or sampling rate that does not make sense (see `validateRiskRule`). */
  'CUSTOMS.RULE_INVALID': 'INVALID',
  /** A request that names no officer / supervisor (the actor is audited on every change). */
  'CUSTOMS.ACTOR_REQUIRED': 'INVALID',
  /** A list page token this API did not give. */
  'CUSTOMS.PAGE_TOKEN_INVALID': 'INVALID',

  // --- conflicts with the stored state
  'CUSTOMS.CASE_ALREADY_EXISTS': 'CONFLICT',
  /** The officer decided on a version of the case that is no longer the current one. */
  'CUSTOMS.VERSION_CONFLICT': 'CONFLICT',
  /** The case is closed (the shipment was cancelled): nothing more can be recorded on it. */
  'CUSTOMS.CASE_CLOSED': 'CONFLICT',
  /** The case already has a final decision (CLEARED or REJECTED). */
  'CUSTOMS.CASE_ALREADY_DECIDED': 'CONFLICT',
  /** The source event (or request id) has already been applied to this case. */
  'CUSTOMS.EVENT_ALREADY_APPLIED': 'CONFLICT',
  /** A registry event older than the shipment version the case already reflects. */
  'CUSTOMS.SHIPMENT_EVENT_STALE': 'CONFLICT',
  /** A rule edit names a rule version that is no longer the current one. */
  'CUSTOMS.RULE_VERSION_CONFLICT': 'CONFLICT',

  // --- the case is not ready for this command
  /** A RED case cannot be CLEARED before an inspection of its current declaration is recorded. */
  'CUSTOMS.INSPECTION_REQUIRED': 'PRECONDITION_FAILED',
  /** Only an open case whose assessment put it in GREEN is cleared automatically. */
  'CUSTOMS.AUTO_CLEAR_NOT_ALLOWED': 'PRECONDITION_FAILED',
} as const satisfies Record<string, CustomsErrorKind>;

export type CustomsErrorCode = keyof typeof CUSTOMS_ERROR_KINDS;

/** A refusal by the domain: a stable code and a message for people. */
export interface CustomsError {
  readonly code: CustomsErrorCode;
  readonly message: string;
}

/** One problem with one input field, e.g. `{ field: 'criteria.hsPrefix', code: 'CUSTOMS.RULE_INVALID' }`. */
export interface FieldError {
  readonly field: string;
  readonly code: CustomsErrorCode;
  readonly message: string;
}

export function customsErrorKind(code: CustomsErrorCode): CustomsErrorKind {
  return CUSTOMS_ERROR_KINDS[code];
}

export function customsError(code: CustomsErrorCode, message: string): CustomsError {
  return { code, message };
}
