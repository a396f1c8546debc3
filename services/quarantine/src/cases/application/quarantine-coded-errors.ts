import { CodedError } from '@cuakhau/platform';
import {
  quarantineErrorKind,
  type FieldError,
  type QuarantineError,
  type QuarantineErrorCode,
} from '../../common/domain/quarantine.errors';

/** A domain refusal as the CodedError the transports map (kind from `quarantine.errors.ts`). */
export function codedError(error: QuarantineError): CodedError {
  return new CodedError(error.code, quarantineErrorKind(error.code), error.message);
}

export function codedErrorOf(code: QuarantineErrorCode, message: string): CodedError {
  return codedError({ code, message });
}

/** Every failing field at once: INVALID_ARGUMENT with the list in `error-fields`. */
export function validationFailed(fields: readonly FieldError[]): CodedError {
  const first = fields[0];
  const summary = fields.map((field) => `${field.field}: ${field.message}`).join('; ');
  return new CodedError(
    first?.code ?? 'QUARANTINE.CONTROLLED_PREFIX_INVALID',
    'INVALID',
    `the request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}: ${summary}`,
    { fields },
  );
}
