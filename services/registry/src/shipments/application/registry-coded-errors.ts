import { CodedError } from '@cuakhau/platform';
import {
  registryErrorKind,
  type FieldError,
  type RegistryError,
  type RegistryErrorCode,
} from '../domain/registry.errors';

/** A domain refusal as the CodedError the transports map (kind from `registry.errors.ts`). */
export function codedError(error: RegistryError, cause?: unknown): CodedError {
  return new CodedError(error.code, registryErrorKind(error.code), error.message, { cause });
}

export function codedErrorOf(
  code: RegistryErrorCode,
  message: string,
  cause?: unknown,
): CodedError {
  return codedError({ code, message }, cause);
}

/** Every failing field at once: INVALID_ARGUMENT with the list in `error-fields`. */
export function validationFailed(fields: readonly FieldError[]): CodedError {
  const summary = fields.map((field) => `${field.field}: ${field.message}`).join('; ');
  return new CodedError(
    'REGISTRY.VALIDATION_FAILED',
    'INVALID',
    `the request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}: ${summary}`,
    { fields },
  );
}
