import { commonV1, customsServiceV1, customsV1, registryV1 } from '@cuakhau/contracts';
import type { Assessment, Reason } from '../domain/assess';
import type {
  Actor,
  CaseHistoryEntry,
  CaseStatus,
  CustomsDecision,
  HistoryStep,
  Inspection,
} from '../domain/customs-case';
import type { Channel, Declaration, Direction } from '../domain/declaration';
import type { RiskCriteria, RiskRule } from '../domain/risk-rules';

/** Mappings between the domain's plain words and the generated proto values, both ways. */

const CHANNEL_TO_PROTO: Readonly<Record<Channel, customsV1.Channel>> = {
  GREEN: customsV1.Channel.CHANNEL_GREEN,
  YELLOW: customsV1.Channel.CHANNEL_YELLOW,
  RED: customsV1.Channel.CHANNEL_RED,
};

export function channelToProto(channel: Channel): customsV1.Channel {
  return CHANNEL_TO_PROTO[channel];
}

export function channelFromProto(channel: customsV1.Channel): Channel | undefined {
  switch (channel) {
    case customsV1.Channel.CHANNEL_GREEN:
      return 'GREEN';
    case customsV1.Channel.CHANNEL_YELLOW:
      return 'YELLOW';
    case customsV1.Channel.CHANNEL_RED:
      return 'RED';
    default:
      return undefined;
  }
}

const STATUS_TO_PROTO: Readonly<Record<CaseStatus, customsServiceV1.CaseStatus>> = {
  OPEN: customsServiceV1.CaseStatus.CASE_STATUS_OPEN,
  HELD: customsServiceV1.CaseStatus.CASE_STATUS_HELD,
  CLEARED: customsServiceV1.CaseStatus.CASE_STATUS_CLEARED,
  REJECTED: customsServiceV1.CaseStatus.CASE_STATUS_REJECTED,
  CANCELLED: customsServiceV1.CaseStatus.CASE_STATUS_CANCELLED,
};

export function statusToProto(status: CaseStatus): customsServiceV1.CaseStatus {
  return STATUS_TO_PROTO[status];
}

export function statusFromProto(status: customsServiceV1.CaseStatus): CaseStatus | undefined {
  return (Object.keys(STATUS_TO_PROTO) as CaseStatus[]).find(
    (key) => STATUS_TO_PROTO[key] === status,
  );
}

const STEP_TO_PROTO: Readonly<Record<HistoryStep, customsServiceV1.CaseHistoryStep>> = {
  OPENED: customsServiceV1.CaseHistoryStep.CASE_HISTORY_STEP_OPENED,
  REASSESSED: customsServiceV1.CaseHistoryStep.CASE_HISTORY_STEP_REASSESSED,
  CANCELLED: customsServiceV1.CaseHistoryStep.CASE_HISTORY_STEP_CANCELLED,
  INSPECTION_RECORDED: customsServiceV1.CaseHistoryStep.CASE_HISTORY_STEP_INSPECTION_RECORDED,
  CHANNEL_CHANGED: customsServiceV1.CaseHistoryStep.CASE_HISTORY_STEP_CHANNEL_CHANGED,
  DECISION_RECORDED: customsServiceV1.CaseHistoryStep.CASE_HISTORY_STEP_DECISION_RECORDED,
};

const DECISION_TO_PROTO: Readonly<Record<CustomsDecision, commonV1.AgencyDecision>> = {
  CLEARED: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
  HOLD: commonV1.AgencyDecision.AGENCY_DECISION_HOLD,
  REJECTED: commonV1.AgencyDecision.AGENCY_DECISION_REJECTED,
};

export function decisionToProto(decision: CustomsDecision): commonV1.AgencyDecision {
  return DECISION_TO_PROTO[decision];
}

/** CLEARED, HOLD or REJECTED; anything else (NOT_REQUIRED, unset) is not a customs decision. */
export function decisionFromProto(decision: commonV1.AgencyDecision): CustomsDecision | undefined {
  switch (decision) {
    case commonV1.AgencyDecision.AGENCY_DECISION_CLEARED:
      return 'CLEARED';
    case commonV1.AgencyDecision.AGENCY_DECISION_HOLD:
      return 'HOLD';
    case commonV1.AgencyDecision.AGENCY_DECISION_REJECTED:
      return 'REJECTED';
    default:
      return undefined;
  }
}

export function actorToProto(actor: Actor): commonV1.Actor {
  return {
    kind:
      actor.kind === 'SYSTEM'
        ? commonV1.ActorKind.ACTOR_KIND_SYSTEM
        : commonV1.ActorKind.ACTOR_KIND_OFFICER,
    id: actor.id,
    displayName: actor.displayName ?? '',
  };
}

/** An officer (or supervisor) from a request; undefined when the request names nobody. */
export function officerFromProto(actor: commonV1.Actor | undefined): Actor | undefined {
  const id = actor?.id.trim() ?? '';
  if (actor === undefined || id === '') return undefined;
  const displayName = actor.displayName.trim();
  return {
    kind: actor.kind === commonV1.ActorKind.ACTOR_KIND_SYSTEM ? 'SYSTEM' : 'OFFICER',
    id,
    ...(displayName === '' ? {} : { displayName }),
  };
}

function directionFromProto(direction: commonV1.Direction): Direction | undefined {
  switch (direction) {
    case commonV1.Direction.DIRECTION_EXPORT:
      return 'EXPORT';
    case commonV1.Direction.DIRECTION_IMPORT:
      return 'IMPORT';
    default:
      return undefined;
  }
}

function directionToProto(direction: Direction | undefined): commonV1.Direction {
  switch (direction) {
    case 'EXPORT':
      return commonV1.Direction.DIRECTION_EXPORT;
    case 'IMPORT':
      return commonV1.Direction.DIRECTION_IMPORT;
    default:
      return commonV1.Direction.DIRECTION_UNSPECIFIED;
  }
}

/** The declaration a registry event carries; undefined when it has no direction. */
export function declarationFromEvent(
  event: registryV1.ShipmentRegistered | registryV1.ShipmentAmended,
  shipmentId: string,
): Declaration | undefined {
  const direction = directionFromProto(event.direction);
  if (direction === undefined) return undefined;
  const trailerPlate = event.vehicle?.trailerPlate ?? '';
  const phone = event.driver?.phone ?? '';
  return {
    shipmentId,
    organisationId: event.organisationId,
    gateCode: event.gateCode.trim().toUpperCase(),
    direction,
    declarationNumber: event.declarationNumber,
    plannedArrival: event.plannedArrival ?? '',
    vehicle: {
      plate: event.vehicle?.plate ?? '',
      ...(trailerPlate === '' ? {} : { trailerPlate }),
      country: event.vehicle?.country ?? '',
    },
    normalisedPlate: event.normalisedPlate,
    driver: {
      name: event.driver?.name ?? '',
      documentNumber: event.driver?.documentNumber ?? '',
      nationality: event.driver?.nationality ?? '',
      ...(phone === '' ? {} : { phone }),
    },
    goods: event.goods.map((line) => ({
      hsCode: line.hsCode,
      description: line.description,
      quantity: line.quantity,
      unit: line.unit,
      grossKg: line.grossKg,
      valueUsd: line.valueUsd,
      origin: line.origin,
    })),
    documents: event.documents.map((document) => ({
      type: document.type,
      number: document.number,
    })),
  };
}

export function declarationToProto(declaration: Declaration): customsServiceV1.Declaration {
  return {
    organisationId: declaration.organisationId,
    direction: directionToProto(declaration.direction),
    declarationNumber: declaration.declarationNumber,
    plannedArrival: declaration.plannedArrival,
    vehicle: {
      plate: declaration.vehicle.plate,
      trailerPlate: declaration.vehicle.trailerPlate ?? '',
      country: declaration.vehicle.country,
    },
    normalisedPlate: declaration.normalisedPlate,
    driver: {
      name: declaration.driver.name,
      documentNumber: declaration.driver.documentNumber,
      nationality: declaration.driver.nationality,
      phone: declaration.driver.phone ?? '',
    },
    goods: declaration.goods.map((line) => ({ ...line })),
    documents: declaration.documents.map((document) => ({ ...document })),
  };
}

const REASON_SOURCE: Readonly<Record<Reason['source'], customsV1.ReasonSource>> = {
  RULE: customsV1.ReasonSource.REASON_SOURCE_RULE,
  SAMPLING: customsV1.ReasonSource.REASON_SOURCE_SAMPLING,
  NO_RULE: customsV1.ReasonSource.REASON_SOURCE_NO_RULE,
};

export function assessmentToProto(assessment: Assessment): customsV1.Assessment {
  return {
    channel: channelToProto(assessment.channel),
    ruleChannel: channelToProto(assessment.ruleChannel),
    reasons: assessment.reasons.map((reason) => ({
      source: REASON_SOURCE[reason.source],
      ruleId: reason.ruleId,
      ruleVersion: reason.ruleVersion,
      kind: reason.source === 'RULE' ? reason.kind : '',
      channel: channelToProto(reason.channel),
      goodsLineNumbers: [...reason.goodsLineNumbers],
      text: { vi: reason.text.vi, en: reason.text.en },
    })),
    ruleSetVersion: assessment.ruleSetVersion,
    assessedAt: assessment.assessedAt,
    sampling: { ...assessment.sampling },
  };
}

export function inspectionToProto(inspection: Inspection): customsServiceV1.Inspection {
  return {
    findings: inspection.findings,
    seals: [...inspection.seals],
    photos: inspection.photos.map((photo) => ({
      documentId: photo.documentId,
      caption: photo.caption ?? '',
    })),
    inspectedBy: actorToProto(inspection.inspectedBy),
    inspectedAt: inspection.inspectedAt,
    revision: inspection.revision,
  };
}

export function historyEntryToProto(entry: CaseHistoryEntry): customsServiceV1.CaseHistoryEntry {
  return {
    step: STEP_TO_PROTO[entry.step],
    at: entry.at,
    actor: actorToProto(entry.actor),
    sourceEventId: entry.sourceEventId,
    version: entry.version,
    status: statusToProto(entry.status),
    channel: channelToProto(entry.channel),
    fromChannel:
      entry.fromChannel === undefined
        ? customsV1.Channel.CHANNEL_UNSPECIFIED
        : channelToProto(entry.fromChannel),
    decision:
      entry.decision === undefined
        ? commonV1.AgencyDecision.AGENCY_DECISION_UNSPECIFIED
        : decisionToProto(entry.decision),
    reason: entry.reason ?? '',
  };
}

export function riskRuleToProto(rule: RiskRule): customsV1.RiskRule {
  return {
    id: rule.id,
    version: rule.version,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    channel: channelToProto(rule.channel),
    title: { vi: rule.title.vi, en: rule.title.en },
    direction: directionToProto(rule.direction),
    gateCode: rule.gateCode ?? '',
    ...criteriaToProto(rule.criteria),
  };
}

function criteriaToProto(criteria: RiskCriteria): Partial<customsV1.RiskRule> {
  switch (criteria.kind) {
    case 'HS_CODE_PREFIX':
      return { hsCodePrefix: { hsPrefix: criteria.hsPrefix } };
    case 'ORIGIN_COUNTRY':
      return { originCountry: { country: criteria.country } };
    case 'TRADER':
      return { trader: { organisationId: criteria.organisationId } };
    case 'VALUE_PER_KG_OUTSIDE_BAND':
      return {
        valuePerKgOutsideBand: {
          hsPrefix: criteria.hsPrefix,
          minUsdPerKg: criteria.minUsdPerKg,
          maxUsdPerKg: criteria.maxUsdPerKg,
        },
      };
    case 'DOCUMENTS_MISSING':
      return {
        documentsMissing: {
          hsPrefixes: [...criteria.hsPrefixes],
          documentTypes: [...criteria.documentTypes],
        },
      };
    case 'TRADER_VIOLATIONS':
      return {
        traderViolations: {
          minViolations: criteria.minViolations,
          withinDays: criteria.withinDays,
        },
      };
    default: {
      const unknown: never = criteria;
      throw new TypeError(`unknown criteria ${JSON.stringify(unknown)}`);
    }
  }
}

/** The criteria a proto rule carries, or undefined when it sets none. */
export function criteriaFromProto(rule: customsV1.RiskRule): RiskCriteria | undefined {
  if (rule.hsCodePrefix !== undefined) {
    return { kind: 'HS_CODE_PREFIX', hsPrefix: rule.hsCodePrefix.hsPrefix.trim() };
  }
  if (rule.originCountry !== undefined) {
    return { kind: 'ORIGIN_COUNTRY', country: rule.originCountry.country.trim().toUpperCase() };
  }
  if (rule.trader !== undefined) {
    return { kind: 'TRADER', organisationId: rule.trader.organisationId.trim() };
  }
  if (rule.valuePerKgOutsideBand !== undefined) {
    const band = rule.valuePerKgOutsideBand;
    return {
      kind: 'VALUE_PER_KG_OUTSIDE_BAND',
      hsPrefix: band.hsPrefix.trim(),
      minUsdPerKg: band.minUsdPerKg,
      maxUsdPerKg: band.maxUsdPerKg,
    };
  }
  if (rule.documentsMissing !== undefined) {
    return {
      kind: 'DOCUMENTS_MISSING',
      hsPrefixes: rule.documentsMissing.hsPrefixes.map((prefix) => prefix.trim()),
      documentTypes: rule.documentsMissing.documentTypes.map((type) => type.trim()),
    };
  }
  if (rule.traderViolations !== undefined) {
    return {
      kind: 'TRADER_VIOLATIONS',
      minViolations: rule.traderViolations.minViolations,
      withinDays: rule.traderViolations.withinDays,
    };
  }
  return undefined;
}

export { directionFromProto, directionToProto };
