import { EVENTS } from '@cuakhau/contracts';
import { outgoing, type OutgoingEvent } from '@cuakhau/messaging';
import type { Decided } from '../domain/state-machine';
import type { Shipment } from '../domain/shipment';
import {
  actorFromText,
  agencyStatusesToProto,
  directionToProto,
  documentsToProto,
  driverToProto,
  goodsToProto,
  shipmentStatusToProto,
  vehicleToProto,
} from './proto-values.mapper';

/** `ce_source` of every registry event. */
export const REGISTRY_SOURCE = '/cuakhau/registry';

/** Prefix of the source ids the registry gives its own commands (not Kafka events). */
export const COMMAND_ID_PREFIX = 'cmd-';

/**
 * What the registry publishes (through the outbox) for one accepted change, in order:
 * the change itself (registered / amended / cancelled), then ShipmentStatusChanged when
 * the overall status moved, then ShipmentCleared when it became CLEARED.
 * A pass-code reissue publishes nothing (the code is a secret of the trader and driver).
 */
export function eventsFor(before: Shipment | null, decided: Decided): OutgoingEvent<unknown>[] {
  const { event, state } = decided;
  const key = state.id;
  const time = new Date(event.meta.at);
  const actor = actorFromText(event.meta.actor);
  const events: OutgoingEvent<unknown>[] = [];
  const base = { key, source: REGISTRY_SOURCE, time } as const;
  switch (event.type) {
    case 'ShipmentRegistered':
      events.push(
        outgoing({
          ...base,
          contract: EVENTS.shipmentRegistered,
          message: {
            ...registrationFields(state),
            registeredAt: state.createdAt,
            registeredBy: actor,
          },
        }),
      );
      break;
    case 'ShipmentAmended':
      events.push(
        outgoing({
          ...base,
          contract: EVENTS.shipmentAmended,
          message: { ...registrationFields(state), amendedAt: event.meta.at, amendedBy: actor },
        }),
      );
      break;
    case 'ShipmentCancelled':
      events.push(
        outgoing({
          ...base,
          contract: EVENTS.shipmentCancelled,
          message: {
            shipmentId: state.id,
            reason: event.data.reason ?? '',
            cancelledBy: actor,
            cancelledAt: event.meta.at,
            version: state.version,
          },
        }),
      );
      break;
    case 'PassCodeReissued':
    case 'ArrivalRecorded':
    case 'AgencyDecisionRecorded':
    case 'CallRecorded':
    case 'NoShowRecorded':
    case 'CrossingRecorded':
      break;
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
  if (before !== null && before.status !== state.status) {
    const sourceId = event.meta.sourceEventId;
    const last = state.timeline[state.timeline.length - 1];
    events.push(
      outgoing({
        ...base,
        contract: EVENTS.shipmentStatusChanged,
        message: {
          shipmentId: state.id,
          gateCode: state.gateCode,
          fromStatus: shipmentStatusToProto(before.status),
          toStatus: shipmentStatusToProto(state.status),
          agencies: agencyStatusesToProto(state.agencies),
          causeEventId: sourceId.startsWith(COMMAND_ID_PREFIX) ? '' : sourceId,
          reason: last?.reason ?? '',
          version: state.version,
          changedAt: event.meta.at,
        },
      }),
    );
    if (state.status === 'CLEARED') {
      events.push(
        outgoing({
          ...base,
          contract: EVENTS.shipmentCleared,
          message: {
            shipmentId: state.id,
            gateCode: state.gateCode,
            normalisedPlate: state.vehicle.plateNormalised,
            clearedAt: event.meta.at,
            version: state.version,
            hsCodes: state.goods.map((line) => line.hsCode),
            plannedArrival: state.plannedArrival,
            direction: directionToProto(state.direction),
          },
        }),
      );
    }
  }
  return events;
}

function registrationFields(state: Shipment) {
  return {
    shipmentId: state.id,
    organisationId: state.organisationId,
    gateCode: state.gateCode,
    direction: directionToProto(state.direction),
    declarationNumber: state.declarationNumber,
    plannedArrival: state.plannedArrival,
    vehicle: vehicleToProto(state),
    normalisedPlate: state.vehicle.plateNormalised,
    driver: driverToProto(state),
    goods: goodsToProto(state),
    documents: documentsToProto(state),
    version: state.version,
  };
}
