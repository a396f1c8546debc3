import { CodedError } from '@cuakhau/platform';
import {
  customsErrorKind,
  type CustomsError,
  type CustomsErrorCode,
  type FieldError,
} from '../domain/customs.errors';

/** A domain refusal as the CodedError the transports map (kind from `customs.errors.ts`). */
export function codedError(error: CustomsError, cause?: unknown): CodedError {
  return new CodedError(error.code, customsErrorKind(error.code), error.message, { cause });
}

export function codedErrorOf(code: CustomsErrorCode, message: string, cause?: unknown): CodedError {
  return codedError({ code, message }, cause);
}

/** Every failing field at once (INVALID_ARGUMENT with the list in `error-fields`). */
export function fieldsInvalid(fields: readonly FieldError[]): CodedError {
  const first = fields[0];
  const summary = fields.map((field) => `${field.field}: ${field.message}`).join('; ');
  return new CodedError(first?.code ?? 'CUSTOMS.RULE_INVALID', 'INVALID', summary, { fields });
}

/** An input the transport could not map (no actor, unknown enum value ...). */
export function requestInvalid(code: CustomsErrorCode, message: string): CodedError {
  return codedErrorOf(code, message);
}

/** Unknown shipment, illegal transition, contradiction: dead-lettered at once with the reason. */
export { UnappliableEventError } from '@cuakhau/messaging';
