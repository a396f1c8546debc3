import type { EntryStatus, LocalizedText, PriorityClass } from '../domain/yard';

/**
 * One truck's place as the driver sees it: what Redis stores, what `GetPosition` answers and
 * what is published on `cuakhau:queue:<gate>` (with `type`, `version` and `at` added).
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
