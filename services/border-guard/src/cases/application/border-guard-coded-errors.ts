import { CodedError } from '@cuakhau/platform';
import {
  BORDER_GUARD_ERROR_KINDS,
  type BorderGuardError,
  type BorderGuardErrorCode,
} from '../domain/border-guard.errors';

/** A domain refusal as the CodedError the transports map. */
export function codedError(error: BorderGuardError): CodedError {
  return new CodedError(error.code, BORDER_GUARD_ERROR_KINDS[error.code], error.message);
}

export function codedErrorOf(code: BorderGuardErrorCode, message: string): CodedError {
  return codedError({ code, message });
}
