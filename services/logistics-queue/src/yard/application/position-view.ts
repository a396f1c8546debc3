import type { Eta, GateRate } from '../domain/eta';
import { waitFor } from '../domain/eta';
import { notWaiting } from '../domain/not-waiting';
import { standingOf } from '../domain/queue-order';
import type { EntryStatus, LocalizedText, PriorityClass } from '../domain/yard';

/**
 * One truck's place as the driver sees it: what `GetPosition` answers and what is published
 * on `cuakhau:queue:<gate>` (with `type`, `version` and `at` added).
 */
export interface PositionView {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly plate: string;
  readonly status: EntryStatus;
  /** 1-based among the waiting trucks of the gate; 0 when not waiting. */
  readonly position: number;
  readonly priorityClass: PriorityClass;
  readonly cleared: boolean;
  readonly explanation: LocalizedText;
  readonly eta: {
    readonly known: boolean;
    readonly minutes: number;
    readonly lowMinutes: number;
    readonly highMinutes: number;
    readonly basis: LocalizedText;
  };
  readonly laneId: string;
  readonly noShowCount: number;
  readonly arrivedAt: string;
}

/**
 * What the live store keeps of one truck: everything of its view that does not depend on
 * the trucks around it. Its place, explanation and ETA are derived when read, from its rank
 * in its class and the gate's call rate, so a call changes one record, not every record.
 */
export interface TruckRecord {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly plate: string;
  readonly status: EntryStatus;
  readonly priorityClass: PriorityClass;
  readonly cleared: boolean;
  readonly laneId: string;
  readonly noShowCount: number;
  readonly arrivedAt: string;
  /** Epoch ms of arrival or last no-show: the order inside the class. */
  readonly queuedAt: number;
}

/** Where a waiting truck stands: its rank in its class and the number waiting in each class. */
export interface ClassStanding {
  /** 0-based: how many of its own class are ahead of it. */
  readonly rankInClass: number;
  /** Only the classes called before its own are read (the live store may leave the others 0). */
  readonly waitingPerClass: Readonly<Record<PriorityClass, number>>;
}

/** The driver's view of a record (a waiting truck needs its standing). */
export function positionView(
  record: TruckRecord,
  standing: ClassStanding | undefined,
  rate: GateRate,
): PositionView {
  let position = 0;
  let explanation: LocalizedText;
  let eta: Eta;
  if (record.status === 'WAITING') {
    if (standing === undefined) throw new Error(`no standing for waiting ${record.shipmentId}`);
    const place = standingOf(record.priorityClass, standing.rankInClass, standing.waitingPerClass);
    position = place.position;
    explanation = place.explanation;
    eta = waitFor(position - 1, rate);
  } else {
    ({ explanation, eta } = notWaiting(record.status, record.laneId, record.noShowCount));
  }
  return {
    shipmentId: record.shipmentId,
    gateCode: record.gateCode,
    plate: record.plate,
    status: record.status,
    position,
    priorityClass: record.priorityClass,
    cleared: record.cleared,
    explanation,
    eta: eta.known
      ? {
          known: true,
          minutes: eta.minutes,
          lowMinutes: eta.lowMinutes,
          highMinutes: eta.highMinutes,
          basis: eta.basis,
        }
      : { known: false, minutes: 0, lowMinutes: 0, highMinutes: 0, basis: eta.basis },
    laneId: record.laneId,
    noShowCount: record.noShowCount,
    arrivedAt: record.arrivedAt,
  };
}
