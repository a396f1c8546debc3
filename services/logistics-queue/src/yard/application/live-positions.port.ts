import type { GateRate } from '../domain/eta';
import type { ClassStanding, PositionView, TruckRecord } from './position-view';

/** One truck as the live store answers it: its record, where it stands, the gate's call rate. */
export interface LiveTruck {
  readonly record: TruckRecord;
  /** Set when the truck is waiting. */
  readonly standing: ClassStanding | undefined;
  readonly rate: GateRate;
}

/**
 * Where live positions are kept for fast reads and announced (Redis in production): per
 * gate, one ordered set of waiting trucks per class and the gate's call rate; per truck, its
 * record. A place is derived when read (rank in class + sizes of the classes before it).
 */
export abstract class LivePositions {
  /** Replaces everything kept of a gate by these (its waiting and called trucks) and its rate. */
  abstract replaceGate(
    gateCode: string,
    records: readonly TruckRecord[],
    rate: GateRate,
  ): Promise<void>;
  /** Writes these trucks' records and their place in the class sets; the rate when given. */
  abstract update(
    gateCode: string,
    records: readonly TruckRecord[],
    rate: GateRate | undefined,
  ): Promise<void>;
  /** Whether the gate is there (false after Redis lost it: rebuild it whole). */
  abstract hasGate(gateCode: string): Promise<boolean>;
  /** How many trucks wait in each class, as the store has it. */
  abstract waitingPerClass(gateCode: string): Promise<Record<string, number>>;
  /**
   * A truck's record and standing; undefined when the store does not have it (or has it
   * inconsistently: a waiting record outside its class set, a gate without its rate).
   */
  abstract read(shipmentId: string): Promise<LiveTruck | undefined>;
  /**
   * {@link read} of several trucks in one round trip, answered in the order asked; a truck
   * the store does not have (or could not read) is undefined at its place.
   */
  abstract readMany(shipmentIds: readonly string[]): Promise<(LiveTruck | undefined)[]>;
  /**
   * Publishes the views of the trucks that changed themselves and, when `moved`, one
   * "queue moved" message for everyone else of the gate (their place or ETA may have changed).
   */
  abstract announce(
    gateCode: string,
    views: readonly PositionView[],
    moved: boolean,
  ): Promise<void>;
}

/** The no-show timers (BullMQ delayed jobs in production). */
export abstract class NoShowTimers {
  /** Starts (or keeps, when already there) the timer of a call. */
  abstract schedule(callId: string, deadline: Date): Promise<void>;
}
