import { queueServiceV1, queueV1 } from '@cuakhau/contracts';
import type { LaneView } from '../application/yard-queries';
import type { PositionView } from '../application/position-view';
import type {
  ArrivalSource,
  EntryStatus,
  PriorityClass,
  UnmatchedReason,
  UnmatchedStatus,
} from '../domain/yard';
import type { UnmatchedRow } from '../infrastructure/yard.repository';

const SOURCE_FROM_PROTO: Partial<Record<queueV1.ArrivalSource, ArrivalSource>> = {
  [queueV1.ArrivalSource.ARRIVAL_SOURCE_ANPR]: 'ANPR',
  [queueV1.ArrivalSource.ARRIVAL_SOURCE_QR]: 'QR',
  [queueV1.ArrivalSource.ARRIVAL_SOURCE_MANUAL]: 'MANUAL',
};

export function sourceFromProto(source: queueV1.ArrivalSource): ArrivalSource | undefined {
  return SOURCE_FROM_PROTO[source];
}

const SOURCE_TO_PROTO: Record<ArrivalSource, queueV1.ArrivalSource> = {
  ANPR: queueV1.ArrivalSource.ARRIVAL_SOURCE_ANPR,
  QR: queueV1.ArrivalSource.ARRIVAL_SOURCE_QR,
  MANUAL: queueV1.ArrivalSource.ARRIVAL_SOURCE_MANUAL,
};

const STATUS_TO_PROTO: Record<EntryStatus, queueServiceV1.QueueEntryStatus> = {
  WAITING: queueServiceV1.QueueEntryStatus.QUEUE_ENTRY_STATUS_WAITING,
  CALLED: queueServiceV1.QueueEntryStatus.QUEUE_ENTRY_STATUS_CALLED,
  DEPARTED: queueServiceV1.QueueEntryStatus.QUEUE_ENTRY_STATUS_DEPARTED,
  REMOVED: queueServiceV1.QueueEntryStatus.QUEUE_ENTRY_STATUS_REMOVED,
};

const CLASS_TO_PROTO: Record<PriorityClass, queueServiceV1.PriorityClass> = {
  PERISHABLE: queueServiceV1.PriorityClass.PRIORITY_CLASS_PERISHABLE,
  ON_SLOT: queueServiceV1.PriorityClass.PRIORITY_CLASS_ON_SLOT,
  REGULAR: queueServiceV1.PriorityClass.PRIORITY_CLASS_REGULAR,
};

const REASON_TO_PROTO: Record<UnmatchedReason, queueServiceV1.UnmatchedReason> = {
  LOW_CONFIDENCE: queueServiceV1.UnmatchedReason.UNMATCHED_REASON_LOW_CONFIDENCE,
  NO_SHIPMENT: queueServiceV1.UnmatchedReason.UNMATCHED_REASON_NO_SHIPMENT,
  AMBIGUOUS: queueServiceV1.UnmatchedReason.UNMATCHED_REASON_AMBIGUOUS,
};

const UNMATCHED_STATUS_TO_PROTO: Record<UnmatchedStatus, queueServiceV1.UnmatchedStatus> = {
  OPEN: queueServiceV1.UnmatchedStatus.UNMATCHED_STATUS_OPEN,
  CONFIRMED: queueServiceV1.UnmatchedStatus.UNMATCHED_STATUS_CONFIRMED,
  DISMISSED: queueServiceV1.UnmatchedStatus.UNMATCHED_STATUS_DISMISSED,
};

export function positionToProto(view: PositionView): queueServiceV1.QueuePosition {
  return {
    shipmentId: view.shipmentId,
    gateCode: view.gateCode,
    plate: view.plate,
    status: STATUS_TO_PROTO[view.status],
    position: view.position,
    priorityClass: CLASS_TO_PROTO[view.priorityClass],
    explanation: view.explanation,
    eta: view.eta,
    laneId: view.laneId,
    cleared: view.cleared,
    arrivedAt: view.arrivedAt,
    noShowCount: view.noShowCount,
  };
}

export function unmatchedToProto(row: UnmatchedRow): queueServiceV1.UnmatchedArrival {
  return {
    id: row.id,
    gateCode: row.gateCode,
    plateRaw: row.plateRaw,
    plate: row.plate,
    source: SOURCE_TO_PROTO[row.source],
    cameraId: row.cameraId,
    confidence: row.confidence,
    arrivedAt: row.arrivedAt.toISOString(),
    reason: REASON_TO_PROTO[row.reason],
    status: UNMATCHED_STATUS_TO_PROTO[row.status],
    candidateShipmentIds: row.candidateShipmentIds,
    shipmentId: row.shipmentId ?? '',
  };
}

export function laneToProto(lane: LaneView): queueServiceV1.Lane {
  return {
    id: lane.id,
    gateCode: lane.gateCode,
    name: lane.name,
    direction: lane.direction,
    capabilities: lane.capabilities,
    open: lane.open,
    busyShipmentId: lane.busyShipmentId ?? '',
    averageServiceMinutes: lane.averageServiceMinutes,
  };
}
