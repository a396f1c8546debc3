import type { PositionView } from './position-view';

/** Where live positions are kept for fast reads and announced (Redis in production). */
export abstract class LivePositions {
  /**
   * Writes the views of a gate (the waiting order as a sorted set), stores `changed` (every
   * active view when `rewriteAll`, after Redis lost them) and publishes `changed`.
   */
  abstract write(
    gateCode: string,
    active: readonly PositionView[],
    gone: readonly PositionView[],
    changed: readonly PositionView[],
    rewriteAll: boolean,
  ): Promise<void>;
  abstract read(shipmentId: string): Promise<PositionView | undefined>;
}

/** The no-show timers (BullMQ delayed jobs in production). */
export abstract class NoShowTimers {
  /** Starts (or keeps, when already there) the timer of a call. */
  abstract schedule(callId: string, deadline: Date): Promise<void>;
}
