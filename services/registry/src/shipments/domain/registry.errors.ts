/**
 * The registry's stable error codes and the kind of failure each one is. Transports map a
 * kind to an HTTP / gRPC status once (NOT_FOUND 404, CONFLICT 409, INVALID 400,
 * PRECONDITION_FAILED 412); the domain never knows about HTTP.
 *
 * The kinds are a subset of `ErrorKind` in `@cuakhau/platform`, so a `RegistryErrorKind`
 * can be handed to `CodedError` as it is. Illegal transitions and stale versions are
 * CONFLICT (409), as DESIGN.md §4 says; the only PRECONDITION_FAILED (412 / gRPC
 * FAILED_PRECONDITION) is an idempotency key reused for a different request.
 */
export type RegistryErrorKind = 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'PRECONDITION_FAILED';

export const REGISTRY_ERROR_KINDS = {
  // --- lookups
  'REGISTRY.SHIPMENT_NOT_FOUND': 'NOT_FOUND',
  /** Wrong plate / pass code pair for the driver: answered like an unknown shipment. */
  'REGISTRY.PASS_CODE_MISMATCH': 'NOT_FOUND',

  // --- validation: the envelope, then one code per rule (each FieldError carries one)
  'REGISTRY.VALIDATION_FAILED': 'INVALID',
  /** The body, or a nested value, is not the JSON object it should be. */
  'REGISTRY.OBJECT_EXPECTED': 'INVALID',
  'REGISTRY.FIELD_REQUIRED': 'INVALID',
  'REGISTRY.GATE_INVALID': 'INVALID',
  'REGISTRY.GATE_UNKNOWN': 'INVALID',
  'REGISTRY.GATE_NOT_AMENDABLE': 'INVALID',
  'REGISTRY.DIRECTION_INVALID': 'INVALID',
  'REGISTRY.DECLARATION_NUMBER_INVALID': 'INVALID',
  'REGISTRY.PLANNED_ARRIVAL_INVALID': 'INVALID',
  'REGISTRY.PLANNED_ARRIVAL_IN_PAST': 'INVALID',
  'REGISTRY.PLANNED_ARRIVAL_TOO_FAR': 'INVALID',
  'REGISTRY.PLATE_INVALID': 'INVALID',
  'REGISTRY.PLATE_COUNTRY_MISMATCH': 'INVALID',
  'REGISTRY.COUNTRY_INVALID': 'INVALID',
  'REGISTRY.DRIVER_NAME_INVALID': 'INVALID',
  'REGISTRY.DRIVER_DOCUMENT_NUMBER_INVALID': 'INVALID',
  'REGISTRY.NATIONALITY_INVALID': 'INVALID',
  'REGISTRY.PHONE_INVALID': 'INVALID',
  'REGISTRY.GOODS_REQUIRED': 'INVALID',
  'REGISTRY.GOODS_TOO_MANY': 'INVALID',
  'REGISTRY.HS_CODE_INVALID': 'INVALID',
  'REGISTRY.DESCRIPTION_INVALID': 'INVALID',
  'REGISTRY.QUANTITY_INVALID': 'INVALID',
  'REGISTRY.UNIT_INVALID': 'INVALID',
  'REGISTRY.GROSS_WEIGHT_INVALID': 'INVALID',
  'REGISTRY.VALUE_INVALID': 'INVALID',
  'REGISTRY.ORIGIN_INVALID': 'INVALID',
  'REGISTRY.DOCUMENTS_INVALID': 'INVALID',
  'REGISTRY.DOCUMENTS_TOO_MANY': 'INVALID',
  'REGISTRY.DOCUMENT_TYPE_INVALID': 'INVALID',
  'REGISTRY.DOCUMENT_NUMBER_INVALID': 'INVALID',
  'REGISTRY.DOCUMENT_DUPLICATE': 'INVALID',
  'REGISTRY.PASS_CODE_MALFORMED': 'INVALID',
  'REGISTRY.DECISION_REASON_REQUIRED': 'INVALID',
  /** An idempotency key longer than 200 characters or with control characters. */
  'REGISTRY.IDEMPOTENCY_KEY_INVALID': 'INVALID',

  // --- conflicts with the stored state
  /** Same declaration number at the same gate; raised from the unique constraint. */
  'REGISTRY.DECLARATION_DUPLICATE': 'CONFLICT',
  'REGISTRY.SHIPMENT_ALREADY_EXISTS': 'CONFLICT',
  'REGISTRY.VERSION_CONFLICT': 'CONFLICT',
  'REGISTRY.AMEND_NOT_ALLOWED': 'CONFLICT',
  'REGISTRY.CANCEL_NOT_ALLOWED': 'CONFLICT',
  'REGISTRY.PASS_CODE_REISSUE_NOT_ALLOWED': 'CONFLICT',
  'REGISTRY.ILLEGAL_TRANSITION': 'CONFLICT',
  'REGISTRY.SHIPMENT_ALREADY_REJECTED': 'CONFLICT',
  'REGISTRY.DECISION_CONTRADICTS': 'CONFLICT',
  'REGISTRY.DECISION_ALREADY_RECORDED': 'CONFLICT',
  'REGISTRY.DECISION_STALE': 'CONFLICT',
  'REGISTRY.EVENT_ALREADY_APPLIED': 'CONFLICT',

  // --- preconditions
  /** The organisation already used this idempotency key for a different Register request. */
  'REGISTRY.IDEMPOTENCY_KEY_REUSED': 'PRECONDITION_FAILED',
} as const satisfies Record<string, RegistryErrorKind>;

export type RegistryErrorCode = keyof typeof REGISTRY_ERROR_KINDS;

/** A refusal by the domain: a stable code and a message for people. */
export interface RegistryError {
  readonly code: RegistryErrorCode;
  readonly message: string;
}

/** One problem with one input field, e.g. `{ field: 'goods[0].hsCode', code: 'REGISTRY.HS_CODE_INVALID' }`. */
export interface FieldError {
  readonly field: string;
  readonly code: RegistryErrorCode;
  readonly message: string;
}

export function registryErrorKind(code: RegistryErrorCode): RegistryErrorKind {
  return REGISTRY_ERROR_KINDS[code];
}

export function registryError(code: RegistryErrorCode, message: string): RegistryError {
  return { code, message };
}
