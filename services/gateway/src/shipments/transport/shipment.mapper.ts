import { commonV1, registryServiceV1 } from '@cuakhau/contracts';
import type { PatchShipmentBody, RegisterShipmentBody } from './shipment.dto';

/** `SHIPMENT_STATUS_CLEARED` → `CLEARED` (enum values keep their prefix on the wire only). */
export function withoutPrefix(value: string, prefix: string): string {
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

export function statusName(status: commonV1.ShipmentStatus | string): string {
  return withoutPrefix(status, 'SHIPMENT_STATUS_');
}

export function agencyStatuses(agencies: commonV1.AgencyStatuses | undefined): {
  customs: string;
  borderGuard: string;
  quarantine: string;
} {
  const name = (value: string | undefined): string =>
    withoutPrefix(value ?? 'AGENCY_STATUS_PENDING', 'AGENCY_STATUS_');
  return {
    customs: name(agencies?.customs),
    borderGuard: name(agencies?.borderGuard),
    quarantine: name(agencies?.quarantine),
  };
}

function actorView(actor: commonV1.Actor | undefined): Record<string, string> | null {
  return actor === undefined
    ? null
    : {
        kind: withoutPrefix(actor.kind, 'ACTOR_KIND_'),
        id: actor.id,
        displayName: actor.displayName,
      };
}

function timelineView(entry: registryServiceV1.TimelineEntry): Record<string, unknown> {
  const agency = withoutPrefix(entry.agency ?? '', 'AGENCY_');
  const decision = withoutPrefix(entry.decision ?? '', 'AGENCY_DECISION_');
  return {
    step: withoutPrefix(entry.step, 'TIMELINE_STEP_'),
    at: entry.at ?? null,
    actor: actorView(entry.actor),
    ...(agency === '' || agency === 'UNSPECIFIED'
      ? {}
      : { agency: agency.toLowerCase().replace(/_/g, '-') }),
    ...(decision === '' || decision === 'UNSPECIFIED' ? {} : { decision }),
    ...(entry.reason === '' ? {} : { reason: entry.reason }),
    status: statusName(entry.status),
  };
}

/** The public JSON of a shipment (DESIGN.md §5). */
export function shipmentView(
  shipment: registryServiceV1.Shipment | undefined,
): Record<string, unknown> {
  if (shipment === undefined) throw new Error('the registry answered without a shipment');
  return {
    id: shipment.id,
    organisationId: shipment.organisationId,
    gateCode: shipment.gateCode,
    direction: withoutPrefix(shipment.direction, 'DIRECTION_'),
    declarationNumber: shipment.declarationNumber,
    plannedArrival: shipment.plannedArrival ?? null,
    vehicle: shipment.vehicle ?? null,
    normalisedPlate: shipment.normalisedPlate,
    driver: shipment.driver ?? null,
    goods: shipment.goods,
    documents: shipment.documents,
    status: statusName(shipment.status),
    agencies: agencyStatuses(shipment.agencies),
    version: shipment.version,
    createdAt: shipment.createdAt ?? null,
    updatedAt: shipment.updatedAt ?? null,
    timeline: shipment.timeline.map(timelineView),
  };
}

type TraderData = Pick<
  registryServiceV1.RegisterRequest,
  | 'gateCode'
  | 'direction'
  | 'declarationNumber'
  | 'plannedArrival'
  | 'vehicle'
  | 'driver'
  | 'goods'
  | 'documents'
>;

export function traderDataFromBody(body: RegisterShipmentBody): TraderData {
  return {
    gateCode: body.gateCode,
    direction:
      body.direction === 'EXPORT'
        ? commonV1.Direction.DIRECTION_EXPORT
        : commonV1.Direction.DIRECTION_IMPORT,
    declarationNumber: body.declarationNumber,
    plannedArrival: body.plannedArrival,
    vehicle: { trailerPlate: '', ...body.vehicle },
    driver: { phone: '', ...body.driver },
    goods: body.goods,
    documents: body.documents,
  };
}

/** The current trader data with a merge patch applied (the registry's Amend takes it whole). */
export function mergePatch(
  current: registryServiceV1.Shipment,
  patch: PatchShipmentBody,
): TraderData {
  const vehicle = { plate: '', trailerPlate: '', country: '', ...current.vehicle };
  const driver = { name: '', documentNumber: '', nationality: '', phone: '', ...current.driver };
  return {
    gateCode: patch.gateCode ?? current.gateCode,
    direction:
      patch.direction === undefined
        ? current.direction
        : patch.direction === 'EXPORT'
          ? commonV1.Direction.DIRECTION_EXPORT
          : commonV1.Direction.DIRECTION_IMPORT,
    declarationNumber: patch.declarationNumber ?? current.declarationNumber,
    plannedArrival: patch.plannedArrival ?? current.plannedArrival,
    vehicle: { ...vehicle, ...patch.vehicle },
    driver: { ...driver, ...patch.driver },
    goods: patch.goods ?? current.goods,
    documents: patch.documents ?? current.documents,
  };
}
