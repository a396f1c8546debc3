/**
 * An event the handler can never apply, however often it is retried (unknown aggregate,
 * illegal transition, a contradicting decision). The inbox consumer dead-letters it at once,
 * with this message as the reason, instead of spending its bounded retries on it; any other
 * error is treated as transient and retried.
 */
export class UnappliableEventError<Code extends string = string> extends Error {
  override readonly name: string = 'UnappliableEventError';

  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
