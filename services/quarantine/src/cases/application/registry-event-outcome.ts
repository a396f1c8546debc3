import type { QuarantineError } from '../../common/domain/quarantine.errors';

/**
 * What a registry event did to a case. A refusal by the domain (a duplicate registration, an
 * amendment of a rejected case, a stale or second cancellation) is not a poison message: it
 * is recorded in the inbox and skipped, with the reason logged.
 */
export type RegistryEventOutcome =
  { readonly applied: true } | { readonly applied: false; readonly refusal: QuarantineError };
