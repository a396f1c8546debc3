import type { CallOutcome } from './yard';

export interface NoShowPolicy {
  /** At this many no-shows the truck is removed from the queue instead of requeued. */
  readonly maxNoShows: number;
}

export type NoShowDecision =
  | { readonly kind: 'IGNORE'; readonly why: 'ALREADY_CROSSED' | 'ALREADY_NO_SHOW' | 'NOT_DUE' }
  | { readonly kind: 'NO_SHOW'; readonly noShowCount: number; readonly requeued: boolean };

/**
 * What a no-show timer does when it fires. Idempotent against the stored call: a call that
 * crossed or was already a no-show is left alone (a timer fired twice, or re-derived after
 * Redis lost it, changes nothing); a call not yet due (a clock skew) is left for later.
 */
export function decideNoShow(
  call: { readonly outcome: CallOutcome; readonly deadline: Date },
  noShowCount: number,
  now: Date,
  policy: NoShowPolicy,
): NoShowDecision {
  switch (call.outcome) {
    case 'CROSSED':
      return { kind: 'IGNORE', why: 'ALREADY_CROSSED' };
    case 'NO_SHOW':
      return { kind: 'IGNORE', why: 'ALREADY_NO_SHOW' };
    case 'PENDING': {
      if (now.getTime() < call.deadline.getTime()) return { kind: 'IGNORE', why: 'NOT_DUE' };
      const count = noShowCount + 1;
      return { kind: 'NO_SHOW', noShowCount: count, requeued: count < policy.maxNoShows };
    }
    default: {
      const unknown: never = call.outcome;
      throw new Error(`unknown call outcome ${String(unknown)}`);
    }
  }
}
