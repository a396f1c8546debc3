import { commonV1 } from '@cuakhau/contracts';
import type {
  Agency,
  AgencyDecision,
  AgencyStatus,
  AgencyStatuses,
  Direction,
  Registration,
  ShipmentStatus,
} from '../domain/shipment';

/** Domain words ↔ the proto enums and messages of `cuakhau.common.v1` (one place for both transports). */

export function directionToProto(direction: Direction): commonV1.Direction {
  return direction === 'EXPORT'
    ? commonV1.Direction.DIRECTION_EXPORT
    : commonV1.Direction.DIRECTION_IMPORT;
}

/** `DIRECTION_EXPORT` → `EXPORT`; unspecified → undefined (so validation says "required"). */
export function directionFromProto(direction: commonV1.Direction | undefined): string | undefined {
  switch (direction) {
    case commonV1.Direction.DIRECTION_EXPORT:
      return 'EXPORT';
    case commonV1.Direction.DIRECTION_IMPORT:
      return 'IMPORT';
    case commonV1.Direction.DIRECTION_UNSPECIFIED:
    case commonV1.Direction.UNRECOGNIZED:
    case undefined:
      return undefined;
    default: {
      const unknown: never = direction;
      return String(unknown);
    }
  }
}

export function shipmentStatusToProto(status: ShipmentStatus): commonV1.ShipmentStatus {
  return commonV1.ShipmentStatus[`SHIPMENT_STATUS_${status}`];
}

export function shipmentStatusFromProto(
  status: commonV1.ShipmentStatus,
): ShipmentStatus | undefined {
  switch (status) {
    case commonV1.ShipmentStatus.SHIPMENT_STATUS_UNSPECIFIED:
    case commonV1.ShipmentStatus.UNRECOGNIZED:
      return undefined;
    default:
      return status.slice('SHIPMENT_STATUS_'.length) as ShipmentStatus;
  }
}

export function agencyStatusToProto(status: AgencyStatus): commonV1.AgencyStatus {
  return commonV1.AgencyStatus[`AGENCY_STATUS_${status}`];
}

export function agencyStatusesToProto(agencies: AgencyStatuses): commonV1.AgencyStatuses {
  return {
    customs: agencyStatusToProto(agencies.customs),
    borderGuard: agencyStatusToProto(agencies.borderGuard),
    quarantine: agencyStatusToProto(agencies.quarantine),
  };
}

export function agencyToProto(agency: Agency): commonV1.Agency {
  switch (agency) {
    case 'customs':
      return commonV1.Agency.AGENCY_CUSTOMS;
    case 'borderGuard':
      return commonV1.Agency.AGENCY_BORDER_GUARD;
    case 'quarantine':
      return commonV1.Agency.AGENCY_QUARANTINE;
    default: {
      const unknown: never = agency;
      throw new TypeError(`unknown agency ${String(unknown)}`);
    }
  }
}

export function agencyDecisionToProto(decision: AgencyDecision): commonV1.AgencyDecision {
  return commonV1.AgencyDecision[`AGENCY_DECISION_${decision}`];
}

/** `AGENCY_DECISION_CLEARED` → `CLEARED`; unspecified → undefined. */
export function agencyDecisionFromProto(
  decision: commonV1.AgencyDecision,
): AgencyDecision | undefined {
  switch (decision) {
    case commonV1.AgencyDecision.AGENCY_DECISION_CLEARED:
      return 'CLEARED';
    case commonV1.AgencyDecision.AGENCY_DECISION_HOLD:
      return 'HOLD';
    case commonV1.AgencyDecision.AGENCY_DECISION_REJECTED:
      return 'REJECTED';
    case commonV1.AgencyDecision.AGENCY_DECISION_NOT_REQUIRED:
      return 'NOT_REQUIRED';
    case commonV1.AgencyDecision.AGENCY_DECISION_UNSPECIFIED:
    case commonV1.AgencyDecision.UNRECOGNIZED:
      return undefined;
    default: {
      const unknown: never = decision;
      return unknown;
    }
  }
}

const ACTOR_KINDS: Readonly<Record<string, commonV1.ActorKind>> = {
  officer: commonV1.ActorKind.ACTOR_KIND_OFFICER,
  system: commonV1.ActorKind.ACTOR_KIND_SYSTEM,
  trader: commonV1.ActorKind.ACTOR_KIND_TRADER,
  driver: commonV1.ActorKind.ACTOR_KIND_DRIVER,
  operator: commonV1.ActorKind.ACTOR_KIND_OPERATOR,
};

/**
 * The timeline keeps an actor as one string, `<kind>:<id>` (`officer:u-17`,
 * `system:customs.green-channel`); `system` alone when nobody is named.
 */
export function actorToText(actor: commonV1.Actor | undefined): string {
  if (actor === undefined || actor.id === '') return 'system';
  const kind =
    Object.entries(ACTOR_KINDS).find(([, value]) => value === actor.kind)?.[0] ?? 'system';
  return `${kind}:${actor.id}`;
}

export function actorFromText(text: string): commonV1.Actor {
  const separator = text.indexOf(':');
  if (separator < 0) {
    return { kind: commonV1.ActorKind.ACTOR_KIND_SYSTEM, id: text, displayName: '' };
  }
  const kind = ACTOR_KINDS[text.slice(0, separator)] ?? commonV1.ActorKind.ACTOR_KIND_SYSTEM;
  return { kind, id: text.slice(separator + 1), displayName: '' };
}

export function vehicleToProto(registration: Registration): commonV1.Vehicle {
  return {
    plate: registration.vehicle.plate,
    trailerPlate: registration.vehicle.trailerPlate ?? '',
    country: registration.vehicle.country,
  };
}

export function driverToProto(registration: Registration): commonV1.Driver {
  return {
    name: registration.driver.name,
    documentNumber: registration.driver.documentNumber,
    nationality: registration.driver.nationality,
    phone: registration.driver.phone ?? '',
  };
}

export function goodsToProto(registration: Registration): commonV1.GoodsLine[] {
  return registration.goods.map((line) => ({ ...line }));
}

export function documentsToProto(registration: Registration): commonV1.ShipmentDocument[] {
  return registration.documents.map((document) => ({ ...document }));
}
