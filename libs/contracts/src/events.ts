import * as auditV1 from './generated/cuakhau/audit/v1/events';
import * as borderGuardV1 from './generated/cuakhau/border_guard/v1/events';
import * as customsV1 from './generated/cuakhau/customs/v1/events';
import * as platformV1 from './generated/cuakhau/platform/v1/probe';
import * as quarantineV1 from './generated/cuakhau/quarantine/v1/events';
import * as queueV1 from './generated/cuakhau/queue/v1/events';
import * as registryV1 from './generated/cuakhau/registry/v1/events';
import { TOPICS } from './topics';

/**
 * One event of the catalogue (ADR 0003): its CloudEvents `ce_type` (the proto full name),
 * the topic its one writer publishes it on, and its proto3 JSON codec (the Kafka payload).
 */
export interface EventContract<T> {
  /** `ce_type`, e.g. `cuakhau.registry.v1.ShipmentRegistered`. */
  readonly type: string;
  readonly topic: string;
  /** Parses a proto3 JSON payload (already JSON.parse'd). Throws unless it is a JSON object. */
  fromJSON(object: unknown): T;
  /** The proto3 JSON form, ready for JSON.stringify. */
  toJSON(message: T): unknown;
}

/** Topic of the technical Probe event (messaging tests and benchmarks may use their own). */
export const PROBE_TOPIC = 'cuakhau.platform.v1';

interface JsonCodec<T> {
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
}

function eventContract<const Type extends string, const Topic extends string, T>(
  type: Type,
  topic: Topic,
  codec: JsonCodec<T>,
): EventContract<T> & { readonly type: Type; readonly topic: Topic } {
  return Object.freeze({
    type,
    topic,
    fromJSON(object: unknown): T {
      if (typeof object !== 'object' || object === null || Array.isArray(object)) {
        throw new TypeError(`${type}: the payload must be a JSON object`);
      }
      return codec.fromJSON(object);
    },
    toJSON(message: T): unknown {
      return codec.toJSON(message);
    },
  });
}

/** Every event of the system, by a short name. */
export const EVENTS = {
  shipmentRegistered: eventContract(
    'cuakhau.registry.v1.ShipmentRegistered',
    TOPICS.registry,
    registryV1.ShipmentRegistered,
  ),
  shipmentAmended: eventContract(
    'cuakhau.registry.v1.ShipmentAmended',
    TOPICS.registry,
    registryV1.ShipmentAmended,
  ),
  shipmentCancelled: eventContract(
    'cuakhau.registry.v1.ShipmentCancelled',
    TOPICS.registry,
    registryV1.ShipmentCancelled,
  ),
  shipmentStatusChanged: eventContract(
    'cuakhau.registry.v1.ShipmentStatusChanged',
    TOPICS.registry,
    registryV1.ShipmentStatusChanged,
  ),
  shipmentCleared: eventContract(
    'cuakhau.registry.v1.ShipmentCleared',
    TOPICS.registry,
    registryV1.ShipmentCleared,
  ),
  customsDecisionRecorded: eventContract(
    'cuakhau.customs.v1.DecisionRecorded',
    TOPICS.customs,
    customsV1.DecisionRecorded,
  ),
  customsCaseOpened: eventContract(
    'cuakhau.customs.v1.CaseOpened',
    TOPICS.customs,
    customsV1.CaseOpened,
  ),
  customsChannelAssigned: eventContract(
    'cuakhau.customs.v1.ChannelAssigned',
    TOPICS.customs,
    customsV1.ChannelAssigned,
  ),
  customsInspectionRecorded: eventContract(
    'cuakhau.customs.v1.InspectionRecorded',
    TOPICS.customs,
    customsV1.InspectionRecorded,
  ),
  customsRiskRuleChanged: eventContract(
    'cuakhau.customs.v1.RiskRuleChanged',
    TOPICS.customs,
    customsV1.RiskRuleChanged,
  ),
  borderGuardDecisionRecorded: eventContract(
    'cuakhau.border_guard.v1.DecisionRecorded',
    TOPICS.borderGuard,
    borderGuardV1.DecisionRecorded,
  ),
  borderGuardCrossingRecorded: eventContract(
    'cuakhau.border_guard.v1.CrossingRecorded',
    TOPICS.borderGuard,
    borderGuardV1.CrossingRecorded,
  ),
  borderGuardWatchListEntryAdded: eventContract(
    'cuakhau.border_guard.v1.WatchListEntryAdded',
    TOPICS.borderGuard,
    borderGuardV1.WatchListEntryAdded,
  ),
  borderGuardWatchListEntryExpired: eventContract(
    'cuakhau.border_guard.v1.WatchListEntryExpired',
    TOPICS.borderGuard,
    borderGuardV1.WatchListEntryExpired,
  ),
  borderGuardWatchListEntryRemoved: eventContract(
    'cuakhau.border_guard.v1.WatchListEntryRemoved',
    TOPICS.borderGuard,
    borderGuardV1.WatchListEntryRemoved,
  ),
  quarantineDecisionRecorded: eventContract(
    'cuakhau.quarantine.v1.DecisionRecorded',
    TOPICS.quarantine,
    quarantineV1.DecisionRecorded,
  ),
  quarantineControlledGoodsChanged: eventContract(
    'cuakhau.quarantine.v1.ControlledGoodsChanged',
    TOPICS.quarantine,
    quarantineV1.ControlledGoodsChanged,
  ),
  truckArrived: eventContract('cuakhau.queue.v1.TruckArrived', TOPICS.queue, queueV1.TruckArrived),
  truckCalled: eventContract('cuakhau.queue.v1.TruckCalled', TOPICS.queue, queueV1.TruckCalled),
  truckNoShow: eventContract('cuakhau.queue.v1.TruckNoShow', TOPICS.queue, queueV1.TruckNoShow),
  laneOpened: eventContract('cuakhau.queue.v1.LaneOpened', TOPICS.queue, queueV1.LaneOpened),
  laneClosed: eventContract('cuakhau.queue.v1.LaneClosed', TOPICS.queue, queueV1.LaneClosed),
  auditSlaBreached: eventContract(
    'cuakhau.audit.v1.SlaBreached',
    TOPICS.audit,
    auditV1.SlaBreached,
  ),
  auditSignatureInvalid: eventContract(
    'cuakhau.audit.v1.SignatureInvalid',
    TOPICS.audit,
    auditV1.SignatureInvalid,
  ),
  auditFeedbackSubmitted: eventContract(
    'cuakhau.audit.v1.FeedbackSubmitted',
    TOPICS.audit,
    auditV1.FeedbackSubmitted,
  ),
  auditFeedbackAnswered: eventContract(
    'cuakhau.audit.v1.FeedbackAnswered',
    TOPICS.audit,
    auditV1.FeedbackAnswered,
  ),
  probe: eventContract('cuakhau.platform.v1.Probe', PROBE_TOPIC, platformV1.Probe),
} as const;

export type EventName = keyof typeof EVENTS;

/** `ce_type` of every event, e.g. `'cuakhau.queue.v1.TruckArrived'`. */
export type EventType = (typeof EVENTS)[EventName]['type'];

/** The message type of an event, e.g. `EventMessage<'truckArrived'>` is `queueV1.TruckArrived`. */
export type EventMessage<Name extends EventName> =
  (typeof EVENTS)[Name] extends EventContract<infer T> ? T : never;

/** Every contract of the catalogue. */
export const EVENT_CONTRACTS: readonly EventContract<unknown>[] = Object.values(EVENTS);

const BY_TYPE: ReadonlyMap<string, EventContract<unknown>> = new Map(
  EVENT_CONTRACTS.map((contract) => [contract.type, contract]),
);

/** The contract of a `ce_type`, or undefined for a type this build does not know. */
export function contractForType(type: string): EventContract<unknown> | undefined {
  return BY_TYPE.get(type);
}

/** The contracts published on a topic (what a consumer of that topic may receive). */
export function contractsForTopic(topic: string): EventContract<unknown>[] {
  return EVENT_CONTRACTS.filter((contract) => contract.topic === topic);
}
