import { commonV1, registryServiceV1 } from '@cuakhau/contracts';
import {
  actorFromText,
  agencyDecisionToProto,
  agencyStatusesToProto,
  agencyToProto,
  directionFromProto,
  directionToProto,
  documentsToProto,
  driverToProto,
  goodsToProto,
  shipmentStatusToProto,
  vehicleToProto,
} from '../application/proto-values.mapper';
import { COMMAND_ID_PREFIX } from '../application/shipment-events';
import type { Shipment, TimelineEntry, TimelineStep } from '../domain/shipment';

/** gRPC messages ↔ what the use cases take and give. No rule lives here. */

/** The trader data of a Register/Amend request as the plain input `validateRegistration` checks. */
export interface RegistrationFields {
  readonly gateCode: string;
  readonly direction: commonV1.Direction;
  readonly declarationNumber: string;
  readonly plannedArrival?: string | undefined;
  readonly vehicle?: commonV1.Vehicle | undefined;
  readonly driver?: commonV1.Driver | undefined;
  readonly goods: readonly commonV1.GoodsLine[];
  readonly documents: readonly commonV1.ShipmentDocument[];
}

/** proto3 has no "absent" for strings: an empty string is a missing value. */
function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function registrationInputFromProto(request: RegistrationFields): Record<string, unknown> {
  const { vehicle, driver } = request;
  return {
    gateCode: present(request.gateCode),
    direction: directionFromProto(request.direction),
    declarationNumber: present(request.declarationNumber),
    plannedArrival: present(request.plannedArrival),
    vehicle:
      vehicle === undefined
        ? undefined
        : {
            plate: present(vehicle.plate),
            trailerPlate: present(vehicle.trailerPlate),
            country: present(vehicle.country),
          },
    driver:
      driver === undefined
        ? undefined
        : {
            name: present(driver.name),
            documentNumber: present(driver.documentNumber),
            nationality: present(driver.nationality),
            phone: present(driver.phone),
          },
    goods: request.goods.map((line) => ({
      hsCode: present(line.hsCode),
      description: present(line.description),
      quantity: line.quantity,
      unit: present(line.unit),
      grossKg: line.grossKg,
      valueUsd: line.valueUsd,
      origin: present(line.origin),
    })),
    documents: request.documents.map((document) => ({
      type: present(document.type),
      number: present(document.number),
    })),
  };
}

/** `<kind>:<id>` of the caller named in a request (`system` when none). */
export function actorTextOf(actor: commonV1.Actor | undefined, fallbackKind = 'trader'): string {
  if (actor === undefined || actor.id === '') return 'system';
  const kind =
    actor.kind === commonV1.ActorKind.ACTOR_KIND_UNSPECIFIED ||
    actor.kind === commonV1.ActorKind.UNRECOGNIZED
      ? fallbackKind
      : actor.kind.slice('ACTOR_KIND_'.length).toLowerCase();
  return `${kind}:${actor.id}`;
}

const TIMELINE_STEPS: Readonly<Record<TimelineStep, registryServiceV1.TimelineStep>> = {
  REGISTERED: registryServiceV1.TimelineStep.TIMELINE_STEP_REGISTERED,
  AMENDED: registryServiceV1.TimelineStep.TIMELINE_STEP_AMENDED,
  CANCELLED: registryServiceV1.TimelineStep.TIMELINE_STEP_CANCELLED,
  PASS_CODE_REISSUED: registryServiceV1.TimelineStep.TIMELINE_STEP_PASS_REISSUED,
  ARRIVED: registryServiceV1.TimelineStep.TIMELINE_STEP_ARRIVED,
  AGENCY_DECISION: registryServiceV1.TimelineStep.TIMELINE_STEP_DECISION_RECORDED,
  CALLED: registryServiceV1.TimelineStep.TIMELINE_STEP_CALLED,
  NO_SHOW: registryServiceV1.TimelineStep.TIMELINE_STEP_NO_SHOW,
  DEPARTED: registryServiceV1.TimelineStep.TIMELINE_STEP_DEPARTED,
};

export function timelineEntryToProto(entry: TimelineEntry): registryServiceV1.TimelineEntry {
  return {
    step: TIMELINE_STEPS[entry.step],
    at: entry.at,
    actor: actorFromText(entry.actor),
    sourceEventId: entry.sourceEventId.startsWith(COMMAND_ID_PREFIX) ? '' : entry.sourceEventId,
    agency:
      entry.agency === undefined ? commonV1.Agency.AGENCY_UNSPECIFIED : agencyToProto(entry.agency),
    decision:
      entry.decision === undefined
        ? commonV1.AgencyDecision.AGENCY_DECISION_UNSPECIFIED
        : agencyDecisionToProto(entry.decision),
    reason: entry.reason ?? '',
    status: shipmentStatusToProto(entry.status),
  };
}

export function shipmentToProto(
  shipment: Shipment,
  withTimeline: boolean,
): registryServiceV1.Shipment {
  return {
    id: shipment.id,
    organisationId: shipment.organisationId,
    gateCode: shipment.gateCode,
    direction: directionToProto(shipment.direction),
    declarationNumber: shipment.declarationNumber,
    plannedArrival: shipment.plannedArrival,
    vehicle: vehicleToProto(shipment),
    normalisedPlate: shipment.vehicle.plateNormalised,
    driver: driverToProto(shipment),
    goods: goodsToProto(shipment),
    documents: documentsToProto(shipment),
    status: shipmentStatusToProto(shipment.status),
    agencies: agencyStatusesToProto(shipment.agencies),
    version: shipment.version,
    createdAt: shipment.createdAt,
    updatedAt: shipment.updatedAt,
    timeline: withTimeline ? shipment.timeline.map(timelineEntryToProto) : [],
  };
}

export function summaryToProto(shipment: Shipment): registryServiceV1.ShipmentSummary {
  return {
    shipmentId: shipment.id,
    gateCode: shipment.gateCode,
    normalisedPlate: shipment.vehicle.plateNormalised,
    status: shipmentStatusToProto(shipment.status),
    agencies: agencyStatusesToProto(shipment.agencies),
    plannedArrival: shipment.plannedArrival,
    version: shipment.version,
  };
}
