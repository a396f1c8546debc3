import type { FieldProblem } from '@cuakhau/platform';

/**
 * A failure only HTTP knows (413, 415, 422, 428, 429 ...): CodedError's kinds cover what
 * the services say; this covers what the gateway itself refuses.
 */
export class HttpProblemError extends Error {
  override readonly name = 'HttpProblemError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: {
      readonly fields?: readonly FieldProblem[];
      readonly retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
  }
}
