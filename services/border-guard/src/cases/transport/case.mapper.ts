import { borderGuardServiceV1, borderGuardV1, commonV1, registryV1 } from '@cuakhau/contracts';
import { codedErrorOf } from '../application/border-guard-coded-errors';
import { actorToProto, directionToProto } from '../application/case-events';
import { entryToProto } from '../../watch-list/application/watch-list-change.handler';
import type { WatchListRecord } from '../../watch-list/infrastructure/watch-list.repository';
import type { Actor, BorderGuardCase, CaseStatus, ShipmentData } from '../domain/border-guard-case';

const S = borderGuardServiceV1.CaseStatus;

export function caseStatusToProto(status: CaseStatus): borderGuardServiceV1.CaseStatus {
  switch (status) {
    case 'HOLD':
      return S.CASE_STATUS_HOLD;
    case 'CLEARED':
      return S.CASE_STATUS_CLEARED;
    case 'REJECTED':
      return S.CASE_STATUS_REJECTED;
    case 'CANCELLED':
      return S.CASE_STATUS_CANCELLED;
    default: {
      const unknown: never = status;
      throw new TypeError(`unknown status ${String(unknown)}`);
    }
  }
}

export function caseStatusFromProto(
  status: borderGuardServiceV1.CaseStatus,
): CaseStatus | undefined {
  switch (status) {
    case S.CASE_STATUS_HOLD:
      return 'HOLD';
    case S.CASE_STATUS_CLEARED:
      return 'CLEARED';
    case S.CASE_STATUS_REJECTED:
      return 'REJECTED';
    case S.CASE_STATUS_CANCELLED:
      return 'CANCELLED';
    default:
      return undefined;
  }
}

const BASIS = {
  DOCUMENT_NUMBER: borderGuardServiceV1.MatchBasis.MATCH_BASIS_DOCUMENT_NUMBER,
  NAME: borderGuardServiceV1.MatchBasis.MATCH_BASIS_NAME,
  PLATE: borderGuardServiceV1.MatchBasis.MATCH_BASIS_PLATE,
} as const;

export function caseToProto(state: BorderGuardCase): borderGuardServiceV1.Case {
  return {
    caseId: state.caseId,
    shipmentId: state.shipmentId,
    gateCode: state.gateCode,
    direction: directionToProto(state.direction),
    plannedArrival: state.plannedArrival,
    driver: {
      name: state.driver.name,
      documentNumber: state.driver.documentNumber,
      nationality: state.driver.nationality,
      phone: state.driver.phone,
    },
    vehicle: { ...state.vehicle },
    normalisedPlate: state.normalisedPlate,
    status: caseStatusToProto(state.status),
    reason: state.reason,
    findings: state.findings.map((finding) => ({
      code: finding.code,
      message: finding.message,
      match:
        finding.match === undefined
          ? undefined
          : {
              entry: entryToProto(finding.match.entry),
              basis: BASIS[finding.match.basis],
              score: finding.match.score,
              screened: finding.match.screened,
            },
    })),
    version: state.version,
    decidedBy: actorToProto(state.decidedBy),
    decidedAt: state.decidedAt,
    calledLaneId: state.crossedLaneId ?? '',
    crossedAt: state.crossedAt ?? undefined,
    checkedAt: state.checkedAt,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}

export function recordToProto(record: WatchListRecord): borderGuardServiceV1.WatchListEntryRecord {
  return {
    entry: entryToProto(record.entry),
    state: record.state,
    addedBy: actorToProto(record.addedBy),
    addedAt: record.addedAt,
    endReason: record.endReason,
    endedAt: record.endedAt ?? undefined,
  };
}

/** The officer or supervisor behind a request; an actor without id is refused. */
export function officerOf(actor: commonV1.Actor | undefined): Actor {
  if (actor === undefined || actor.id.trim() === '') {
    throw codedErrorOf('BORDER_GUARD.VALIDATION_FAILED', 'actor.id is required');
  }
  return { kind: 'OFFICER', id: actor.id.trim(), displayName: actor.displayName };
}

export function decisionFromProto(decision: commonV1.AgencyDecision): string {
  switch (decision) {
    case commonV1.AgencyDecision.AGENCY_DECISION_CLEARED:
      return 'CLEARED';
    case commonV1.AgencyDecision.AGENCY_DECISION_HOLD:
      return 'HOLD';
    case commonV1.AgencyDecision.AGENCY_DECISION_REJECTED:
      return 'REJECTED';
    default:
      return String(decision);
  }
}

export function subjectFromProto(subject: borderGuardV1.WatchListSubject): 'PERSON' | 'VEHICLE' {
  switch (subject) {
    case borderGuardV1.WatchListSubject.WATCH_LIST_SUBJECT_PERSON:
      return 'PERSON';
    case borderGuardV1.WatchListSubject.WATCH_LIST_SUBJECT_VEHICLE:
      return 'VEHICLE';
    default:
      throw codedErrorOf('BORDER_GUARD.VALIDATION_FAILED', 'subject must be PERSON or VEHICLE');
  }
}

/** What the border guard keeps of a ShipmentRegistered / ShipmentAmended. */
export function shipmentDataOf(
  event: registryV1.ShipmentRegistered | registryV1.ShipmentAmended,
  shipmentId: string,
): ShipmentData {
  return {
    shipmentId,
    shipmentVersion: event.version,
    gateCode: event.gateCode,
    direction: event.direction === commonV1.Direction.DIRECTION_IMPORT ? 'IMPORT' : 'EXPORT',
    plannedArrival: new Date(event.plannedArrival ?? Date.now()).toISOString(),
    driver: {
      name: event.driver?.name ?? '',
      documentNumber: event.driver?.documentNumber ?? '',
      nationality: event.driver?.nationality ?? '',
      phone: event.driver?.phone ?? '',
    },
    vehicle: {
      plate: event.vehicle?.plate ?? '',
      trailerPlate: event.vehicle?.trailerPlate ?? '',
      country: event.vehicle?.country ?? '',
    },
    normalisedPlate: event.normalisedPlate,
  };
}
