import { CodedError } from '@cuakhau/platform';

export function auditInvalid(field: string, message: string): CodedError {
  return new CodedError('AUDIT.VALIDATION_FAILED', 'INVALID', `${field}: ${message}`, {
    fields: [{ field, code: 'INVALID', message }],
  });
}

export function rootNotFound(day: string): CodedError {
  return new CodedError('AUDIT.ROOT_NOT_FOUND', 'NOT_FOUND', `no entries appended by ${day}`);
}
