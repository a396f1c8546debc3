import { commonV1, quarantineServiceV1, quarantineV1 } from '@cuakhau/contracts';
import { controlKindToProto } from '../../controlled-goods/application/controlled-goods-change';
import type {
  ControlKind,
  ControlledGoodsEntry,
  GoodsLine,
} from '../../controlled-goods/domain/controlled-goods';
import { actorToProto, decisionToProto } from '../application/decision-events';
import type { ShipmentDocument } from '../domain/certificates';
import type { Actor, CaseStatus, Declaration, QuarantineCase } from '../domain/quarantine-case';

const STATUS_TO_PROTO: Record<CaseStatus, quarantineServiceV1.CaseStatus> = {
  OPEN: quarantineServiceV1.CaseStatus.CASE_STATUS_OPEN,
  HELD: quarantineServiceV1.CaseStatus.CASE_STATUS_HELD,
  CLEARED: quarantineServiceV1.CaseStatus.CASE_STATUS_CLEARED,
  REJECTED: quarantineServiceV1.CaseStatus.CASE_STATUS_REJECTED,
  NOT_REQUIRED: quarantineServiceV1.CaseStatus.CASE_STATUS_NOT_REQUIRED,
  CANCELLED: quarantineServiceV1.CaseStatus.CASE_STATUS_CANCELLED,
};

export function caseStatusFromProto(
  status: quarantineServiceV1.CaseStatus,
): CaseStatus | undefined {
  const found = Object.entries(STATUS_TO_PROTO).find(([, value]) => value === status);
  return found?.[0] as CaseStatus | undefined;
}

export function controlKindFromProto(kind: quarantineV1.ControlKind): ControlKind | 'UNKNOWN' {
  switch (kind) {
    case quarantineV1.ControlKind.CONTROL_KIND_PLANT:
      return 'PLANT';
    case quarantineV1.ControlKind.CONTROL_KIND_ANIMAL:
      return 'ANIMAL';
    case quarantineV1.ControlKind.CONTROL_KIND_FOOD_SAFETY:
      return 'FOOD_SAFETY';
    default:
      return 'UNKNOWN';
  }
}

/** An officer's decision as the domain's word ('' for anything an officer cannot decide). */
export function officerDecisionFromProto(decision: commonV1.AgencyDecision): string {
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

/** The actor a request names (an officer unless it says SYSTEM or TRADER). */
export function actorFromProto(actor: commonV1.Actor | undefined): Actor {
  if (actor === undefined) return { kind: 'OFFICER', id: 'unknown', displayName: '' };
  const kind =
    actor.kind === commonV1.ActorKind.ACTOR_KIND_SYSTEM
      ? 'SYSTEM'
      : actor.kind === commonV1.ActorKind.ACTOR_KIND_TRADER
        ? 'TRADER'
        : 'OFFICER';
  return { kind, id: actor.id === '' ? 'unknown' : actor.id, displayName: actor.displayName };
}

/** The registry's shipment data as quarantine's declaration. */
export function declarationFromEvent(event: {
  gateCode: string;
  direction: commonV1.Direction;
  declarationNumber: string;
  goods: commonV1.GoodsLine[];
  documents: commonV1.ShipmentDocument[];
  version: number;
}): Declaration {
  return {
    gateCode: event.gateCode,
    direction: event.direction === commonV1.Direction.DIRECTION_IMPORT ? 'IMPORT' : 'EXPORT',
    declarationNumber: event.declarationNumber,
    goods: event.goods.map((line) => ({ ...line })),
    documents: event.documents.map((document) => ({ ...document })),
    shipmentVersion: event.version,
  };
}

function goodsLineToProto(line: GoodsLine): commonV1.GoodsLine {
  return { ...line };
}

function documentToProto(document: ShipmentDocument): commonV1.ShipmentDocument {
  return { type: document.type, number: document.number };
}

export function entryToProto(entry: ControlledGoodsEntry): quarantineServiceV1.ControlledGoods {
  return {
    hsPrefix: entry.hsPrefix,
    kind: controlKindToProto(entry.kind),
    description: entry.description,
    validFrom: entry.validFrom,
    ...(entry.validUntil === undefined ? {} : { validUntil: entry.validUntil }),
    addedBy: entry.addedBy,
    reason: entry.reason,
  };
}

export function caseToProto(
  state: QuarantineCase,
  withHistory: boolean,
): quarantineServiceV1.QuarantineCase {
  const { declaration } = state;
  return {
    caseId: state.caseId,
    shipmentId: state.shipmentId,
    gateCode: declaration.gateCode,
    direction:
      declaration.direction === 'IMPORT'
        ? commonV1.Direction.DIRECTION_IMPORT
        : commonV1.Direction.DIRECTION_EXPORT,
    declarationNumber: declaration.declarationNumber,
    status: STATUS_TO_PROTO[state.status],
    version: state.version,
    decision:
      state.decision === undefined
        ? commonV1.AgencyDecision.AGENCY_DECISION_UNSPECIFIED
        : decisionToProto(state.decision.decision),
    reason: state.decision?.reason ?? '',
    lines: state.classification.lines.map((line) => ({
      line: goodsLineToProto(line.line),
      matchedPrefix: line.control?.hsPrefix ?? '',
      kind:
        line.control === undefined
          ? quarantineV1.ControlKind.CONTROL_KIND_UNSPECIFIED
          : controlKindToProto(line.control.kind),
    })),
    controlledHsCodes: [...state.classification.controlledHsCodes],
    certificates: state.certificates.map((check) => ({
      documentType: check.type,
      kind: controlKindToProto(check.kind),
      present: check.present,
      documentNumber: check.number ?? '',
    })),
    documents: declaration.documents.map(documentToProto),
    samples: state.samples.map((sample) => ({
      sampleId: sample.sampleId,
      takenBy: actorToProto(sample.takenBy),
      takenAt: sample.takenAt,
      labReference: sample.labReference,
      result: sample.result ?? '',
      resultNotes: sample.resultNotes ?? '',
      ...(sample.resultAt === undefined ? {} : { resultAt: sample.resultAt }),
    })),
    history: withHistory
      ? state.history.map((entry) => ({
          step: entry.step,
          at: entry.at,
          actor: actorToProto(entry.actor),
          status: STATUS_TO_PROTO[entry.status],
          decision:
            entry.decision === undefined
              ? commonV1.AgencyDecision.AGENCY_DECISION_UNSPECIFIED
              : decisionToProto(entry.decision),
          reason: entry.reason ?? '',
          version: entry.version,
          sourceEventId: entry.sourceEventId ?? '',
        }))
      : [],
    openedAt: state.openedAt,
    updatedAt: state.updatedAt,
    shipmentVersion: declaration.shipmentVersion,
  };
}
