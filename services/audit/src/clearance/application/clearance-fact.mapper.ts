import { commonV1, customsV1, EVENTS } from '@cuakhau/contracts';
import type { AgencyName } from '../domain/clearance-steps';
import type { FactUpdate } from '../domain/shipment-facts';

function ms(iso: string | undefined, fallback: number): number {
  if (iso === undefined || iso === '') return fallback;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? fallback : value;
}

const FINAL_DECISIONS = new Set<commonV1.AgencyDecision>([
  commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
  commonV1.AgencyDecision.AGENCY_DECISION_REJECTED,
  commonV1.AgencyDecision.AGENCY_DECISION_NOT_REQUIRED,
]);

function decision(
  agency: AgencyName,
  data: {
    shipmentId: string;
    gateCode: string;
    decision: commonV1.AgencyDecision;
    decidedAt?: string | undefined;
  },
  at: number,
): FactUpdate {
  const when = ms(data.decidedAt, at);
  return FINAL_DECISIONS.has(data.decision)
    ? { shipmentId: data.shipmentId, gateCode: data.gateCode, decided: { agency, at: when } }
    : { shipmentId: data.shipmentId, gateCode: data.gateCode, opened: { agency, at: when } };
}

/**
 * What an event tells about a shipment's clearance steps, or undefined when nothing
 * (watch-list changes, lanes, risk rules ...). `json` is the payload, `at` the ce_time.
 */
export function factUpdateOf(type: string, json: unknown, at: number): FactUpdate | undefined {
  switch (type) {
    case EVENTS.shipmentRegistered.type: {
      const data = EVENTS.shipmentRegistered.fromJSON(json);
      return {
        shipmentId: data.shipmentId,
        gateCode: data.gateCode,
        registeredAt: ms(data.registeredAt, at),
      };
    }
    case EVENTS.shipmentCleared.type: {
      const data = EVENTS.shipmentCleared.fromJSON(json);
      return {
        shipmentId: data.shipmentId,
        gateCode: data.gateCode,
        clearedAt: ms(data.clearedAt, at),
      };
    }
    case EVENTS.customsCaseOpened.type: {
      const data = EVENTS.customsCaseOpened.fromJSON(json);
      return {
        shipmentId: data.shipmentId,
        gateCode: data.gateCode,
        opened: { agency: 'customs', at: ms(data.openedAt, at) },
      };
    }
    case EVENTS.customsChannelAssigned.type: {
      const data = EVENTS.customsChannelAssigned.fromJSON(json);
      return { shipmentId: data.shipmentId, gateCode: data.gateCode, channel: data.channel };
    }
    case EVENTS.customsDecisionRecorded.type: {
      const data = EVENTS.customsDecisionRecorded.fromJSON(json);
      const update = decision('customs', data, at);
      return data.channel === customsV1.Channel.CHANNEL_UNSPECIFIED
        ? update
        : { ...update, channel: data.channel };
    }
    case EVENTS.borderGuardDecisionRecorded.type:
      return decision('border-guard', EVENTS.borderGuardDecisionRecorded.fromJSON(json), at);
    case EVENTS.quarantineDecisionRecorded.type:
      return decision('quarantine', EVENTS.quarantineDecisionRecorded.fromJSON(json), at);
    case EVENTS.truckArrived.type: {
      const data = EVENTS.truckArrived.fromJSON(json);
      return {
        shipmentId: data.shipmentId,
        gateCode: data.gateCode,
        arrivedAt: ms(data.arrivedAt, at),
      };
    }
    case EVENTS.truckCalled.type: {
      const data = EVENTS.truckCalled.fromJSON(json);
      return {
        shipmentId: data.shipmentId,
        gateCode: data.gateCode,
        calledAt: ms(data.calledAt, at),
      };
    }
    case EVENTS.borderGuardCrossingRecorded.type: {
      const data = EVENTS.borderGuardCrossingRecorded.fromJSON(json);
      return {
        shipmentId: data.shipmentId,
        gateCode: data.gateCode,
        crossedAt: ms(data.crossedAt, at),
      };
    }
    default:
      return undefined;
  }
}
