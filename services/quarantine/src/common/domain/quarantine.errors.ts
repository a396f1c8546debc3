/**
 * Quarantine's stable error codes and the kind of failure each one is. Transports map a kind
 * to an HTTP / gRPC status once (NOT_FOUND 404 / NOT_FOUND, CONFLICT 409 / ABORTED,
 * INVALID 400 / INVALID_ARGUMENT, PRECONDITION_FAILED 412 / FAILED_PRECONDITION); the
 * domain never knows about HTTP or gRPC. The kinds are those of `ErrorKind` in
 * `@cuakhau/platform`.
 */
export type QuarantineErrorKind = 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'PRECONDITION_FAILED';

export const QUARANTINE_ERROR_KINDS = {
  // --- lookups
  'QUARANTINE.CASE_NOT_FOUND': 'NOT_FOUND',
  'QUARANTINE.SAMPLE_NOT_FOUND': 'NOT_FOUND',
  'QUARANTINE.CONTROLLED_PREFIX_NOT_FOUND': 'NOT_FOUND',

  // --- invalid input
  /** HOLD and REJECTED need a reason; so does every change of the controlled-goods list. */
  'QUARANTINE.REASON_REQUIRED': 'INVALID',
  /** An officer may decide CLEARED, HOLD or REJECTED only (NOT_REQUIRED is the system's). */
  'QUARANTINE.DECISION_INVALID': 'INVALID',
  /** A blank sample id or lab reference, or a lab result other than PASS / FAIL. */
  'QUARANTINE.SAMPLE_INVALID': 'INVALID',
  /** An HS prefix that is not 2–10 digits, an unknown kind, or an empty validity window. */
  'QUARANTINE.CONTROLLED_PREFIX_INVALID': 'INVALID',
  /** A ListCases page token this service did not issue. */
  'QUARANTINE.PAGE_TOKEN_INVALID': 'INVALID',

  // --- conflicts with the stored state
  'QUARANTINE.CASE_ALREADY_EXISTS': 'CONFLICT',
  /** The officer acted on a version of the case that is no longer the current one. */
  'QUARANTINE.VERSION_CONFLICT': 'CONFLICT',
  /** The case is closed (shipment cancelled, or quarantine not required). */
  'QUARANTINE.CASE_CLOSED': 'CONFLICT',
  /** The case already has a final decision (CLEARED or REJECTED). */
  'QUARANTINE.CASE_ALREADY_DECIDED': 'CONFLICT',
  /** A registry event not newer than the shipment version the case reflects. */
  'QUARANTINE.SHIPMENT_EVENT_STALE': 'CONFLICT',
  /** A sample id already recorded on the case, or a lab result already recorded. */
  'QUARANTINE.SAMPLE_ALREADY_RECORDED': 'CONFLICT',
  /** The prefix is already on the list and in force (expire or remove it first). */
  'QUARANTINE.CONTROLLED_PREFIX_EXISTS': 'CONFLICT',

  // --- the case is not ready for this command
  /** CLEARED while a required certificate is missing from the shipment's documents. */
  'QUARANTINE.CERTIFICATE_MISSING': 'PRECONDITION_FAILED',
  /** CLEARED while a sample waits for its lab result. */
  'QUARANTINE.LAB_RESULT_PENDING': 'PRECONDITION_FAILED',
  /** CLEARED although a sample failed at the lab. */
  'QUARANTINE.SAMPLE_FAILED': 'PRECONDITION_FAILED',
} as const satisfies Record<string, QuarantineErrorKind>;

export type QuarantineErrorCode = keyof typeof QUARANTINE_ERROR_KINDS;

/** A refusal by the domain: a stable code and a message for people. */
export interface QuarantineError {
  readonly code: QuarantineErrorCode;
  readonly message: string;
}

/** One problem with one input field. */
export interface FieldError {
  readonly field: string;
  readonly code: QuarantineErrorCode;
  readonly message: string;
}

export function quarantineErrorKind(code: QuarantineErrorCode): QuarantineErrorKind {
  return QUARANTINE_ERROR_KINDS[code];
}

export function quarantineError(code: QuarantineErrorCode, message: string): QuarantineError {
  return { code, message };
}
