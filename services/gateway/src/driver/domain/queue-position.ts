import { displayedStatus, type QueueEntryState } from './driver-lookup';

/** What a driver sees (DESIGN.md §5): `{shipmentId, status, position, explanation, etaMinutes, lane}`. */
export interface QueuePositionView {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly status: string;
  readonly position: number | null;
  readonly explanation: string;
  readonly etaMinutes: number | null;
  readonly lane: string | null;
}

/** The queue's own answer, when the logistics-queue service can give one. */
export interface QueueStanding {
  readonly state: QueueEntryState;
  readonly position: number | null;
  readonly etaMinutes: number | null;
  readonly lane: string | null;
  readonly explanation: string;
}

/** A plain-language reason for the status when the queue has nothing more precise to say. */
export function explainStatus(status: string): string {
  switch (status) {
    case 'REGISTERED':
      return 'Registered; drive to the yard: your place in the queue starts at arrival.';
    case 'ARRIVED':
    case 'IN_REVIEW':
      return 'At the yard; the agencies are reviewing the shipment.';
    case 'CLEARED':
      return 'Cleared by every agency; waiting for a free lane.';
    case 'CALLED':
      return 'Called: drive to your lane now.';
    case 'DEPARTED':
      return 'Crossed the border.';
    case 'HELD':
      return 'Held by an agency; wait for instructions.';
    case 'REJECTED':
      return 'Refused by an agency; the truck may not cross.';
    case 'CANCELLED':
      return 'The shipment was cancelled by the trader.';
    case 'NO_SHOW':
      return 'You did not reach the lane in time; you were put back in the queue.';
    default:
      return 'Status unknown.';
  }
}

export function positionView(
  summary: { shipmentId: string; gateCode: string; status: string },
  standing: QueueStanding | undefined,
): QueuePositionView {
  const status = displayedStatus(summary.status, standing?.state ?? 'UNKNOWN');
  return {
    shipmentId: summary.shipmentId,
    gateCode: summary.gateCode,
    status,
    position: standing?.position ?? null,
    explanation:
      standing === undefined || standing.explanation === ''
        ? explainStatus(status)
        : standing.explanation,
    etaMinutes: standing?.etaMinutes ?? null,
    lane: standing?.lane ?? null,
  };
}
