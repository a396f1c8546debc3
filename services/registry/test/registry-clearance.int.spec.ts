import { commonV1, deadLetterTopic, EVENTS, registryServiceV1, TOPICS } from '@cuakhau/contracts';
import { outgoing, uuidv7, type OutgoingEvent } from '@cuakhau/messaging';
import { eventually } from '@cuakhau/testing';
import {
  publish,
  readTopicsFromNow,
  registerRequest,
  startRegistryUnderTest,
  type ReadMessage,
  type RegistryUnderTest,
} from './support/registry-test-env';

jest.setTimeout(60_000);

const officer = { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'customs1', displayName: '' };

function decision(
  contract:
    | typeof EVENTS.customsDecisionRecorded
    | typeof EVENTS.borderGuardDecisionRecorded
    | typeof EVENTS.quarantineDecisionRecorded,
  shipmentId: string,
  decided: commonV1.AgencyDecision,
  reason = '',
  id?: string,
): OutgoingEvent<unknown> {
  return outgoing({
    contract: contract as typeof EVENTS.customsDecisionRecorded,
    key: shipmentId,
    source: '/cuakhau/agency',
    ...(id === undefined ? {} : { id }),
    message: {
      shipmentId,
      caseId: `case-${shipmentId}`,
      decision: decided,
      reason,
      actor: officer,
      decidedAt: new Date().toISOString(),
      caseVersion: 1,
      signature: undefined,
      gateCode: 'MONGCAI',
      channel: 'CHANNEL_GREEN',
      controlledHsCodes: [],
    } as never,
  });
}

function arrival(shipmentId: string): OutgoingEvent<unknown> {
  return outgoing({
    contract: EVENTS.truckArrived,
    key: shipmentId,
    source: '/cuakhau/logistics-queue',
    message: {
      shipmentId,
      gateCode: 'MONGCAI',
      plate: '14C12345',
      source: 'ARRIVAL_SOURCE_ANPR' as never,
      cameraId: 'cam-1',
      confidence: 0.97,
      arrivedAt: new Date().toISOString(),
      arrivalId: uuidv7(),
    },
  });
}

describe('registry consuming the clearance events (real PostgreSQL + Kafka)', () => {
  let registry: RegistryUnderTest;
  let topics: { messages: ReadMessage[]; stop(): Promise<void> };

  beforeAll(async () => {
    registry = await startRegistryUnderTest('clearance');
    topics = await readTopicsFromNow(registry.kafka, [
      TOPICS.registry,
      deadLetterTopic(TOPICS.customs),
    ]);
  });

  afterAll(async () => {
    await topics?.stop();
    await registry?.stop();
  });

  async function registered(): Promise<string> {
    const response = await registry.client.register(registerRequest());
    return response.shipment?.id ?? '';
  }

  it('moves per-agency and overall status on decisions and publishes ShipmentCleared once all clear after arrival', async () => {
    const id = await registered();
    // Different topics are not ordered with each other: let each step land before the next.
    await publish(registry.kafka, [
      decision(EVENTS.customsDecisionRecorded, id, commonV1.AgencyDecision.AGENCY_DECISION_CLEARED),
      arrival(id),
    ]);
    await eventually(async () => {
      const { shipment } = await registry.client.get({ shipmentId: id });
      expect(shipment?.status).toBe(commonV1.ShipmentStatus.SHIPMENT_STATUS_IN_REVIEW);
    });
    await publish(registry.kafka, [
      decision(
        EVENTS.quarantineDecisionRecorded,
        id,
        commonV1.AgencyDecision.AGENCY_DECISION_HOLD,
        'sample needed',
      ),
    ]);
    await eventually(async () => {
      const { shipment } = await registry.client.get({ shipmentId: id });
      expect(shipment?.status).toBe(commonV1.ShipmentStatus.SHIPMENT_STATUS_HELD);
      expect(shipment?.agencies).toEqual({
        customs: commonV1.AgencyStatus.AGENCY_STATUS_CLEARED,
        borderGuard: commonV1.AgencyStatus.AGENCY_STATUS_PENDING,
        quarantine: commonV1.AgencyStatus.AGENCY_STATUS_HOLD,
      });
    });
    await publish(registry.kafka, [
      decision(
        EVENTS.quarantineDecisionRecorded,
        id,
        commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      ),
      decision(
        EVENTS.borderGuardDecisionRecorded,
        id,
        commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      ),
    ]);
    const cleared = await eventually(() => {
      const found = topics.messages.find(
        (message) => message.key === id && message.headers.ce_type === EVENTS.shipmentCleared.type,
      );
      if (!found) throw new Error('no ShipmentCleared yet');
      return found;
    });
    expect(JSON.parse(cleared.value ?? '{}')).toMatchObject({
      shipmentId: id,
      gateCode: 'MONGCAI',
      normalisedPlate: '14C12345',
      hsCodes: ['08109010'],
      direction: 'DIRECTION_EXPORT',
    });
    const { shipment } = await registry.client.get({ shipmentId: id });
    expect(shipment?.status).toBe(commonV1.ShipmentStatus.SHIPMENT_STATUS_CLEARED);
    // This test's decisions (an agency running elsewhere on a shared broker may add its own).
    const decisions = shipment?.timeline.filter(
      (entry) =>
        entry.step === registryServiceV1.TimelineStep.TIMELINE_STEP_DECISION_RECORDED &&
        entry.actor?.id === officer.id,
    );
    expect(decisions).toHaveLength(4);
    expect(decisions?.[1]).toMatchObject({
      agency: commonV1.Agency.AGENCY_QUARANTINE,
      decision: commonV1.AgencyDecision.AGENCY_DECISION_HOLD,
      reason: 'sample needed',
      actor: { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'customs1' },
    });
    const statusChanges = topics.messages
      .filter(
        (message) =>
          message.key === id && message.headers.ce_type === EVENTS.shipmentStatusChanged.type,
      )
      .map((message) => (JSON.parse(message.value ?? '{}') as { toStatus: string }).toStatus);
    // ARRIVED first when the arrival landed before the customs decision.
    expect(statusChanges.filter((status) => status !== 'SHIPMENT_STATUS_ARRIVED')).toEqual([
      'SHIPMENT_STATUS_IN_REVIEW',
      'SHIPMENT_STATUS_HELD',
      'SHIPMENT_STATUS_IN_REVIEW',
      'SHIPMENT_STATUS_CLEARED',
    ]);
  });

  it('applies a replayed or duplicated event once: one timeline entry, one inbox row', async () => {
    // Asserts on the state, not on version numbers: on a shared broker, agencies running
    // elsewhere (a developer's npm start) may decide on this shipment too.
    const id = await registered();
    const eventId = uuidv7();
    const event = decision(
      EVENTS.customsDecisionRecorded,
      id,
      commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      '',
      eventId,
    );
    const entriesOf = (shipment: registryServiceV1.Shipment | undefined) =>
      shipment?.timeline.filter((entry) => entry.sourceEventId === eventId) ?? [];
    await publish(registry.kafka, [event, event]);
    await eventually(async () => {
      const { shipment } = await registry.client.get({ shipmentId: id });
      expect(entriesOf(shipment)).toHaveLength(1);
      expect(shipment?.agencies?.customs).toBe(commonV1.AgencyStatus.AGENCY_STATUS_CLEARED);
    });
    // A replay later (same ce_id) and a marker event after it, on the same key (same partition).
    await publish(registry.kafka, [event, arrival(id)]);
    await eventually(async () => {
      const { shipment } = await registry.client.get({ shipmentId: id });
      expect(shipment?.status).toBe(commonV1.ShipmentStatus.SHIPMENT_STATUS_IN_REVIEW);
    });
    const { shipment } = await registry.client.get({ shipmentId: id });
    expect(entriesOf(shipment)).toHaveLength(1);
    expect(
      shipment?.timeline.filter(
        (entry) =>
          entry.step === registryServiceV1.TimelineStep.TIMELINE_STEP_DECISION_RECORDED &&
          entry.actor?.id === officer.id,
      ),
    ).toHaveLength(1);
    const inbox = await registry.pool.query<{ count: string }>(
      'SELECT count(*) FROM messaging_inbox WHERE event_id = $1',
      [eventId],
    );
    expect(inbox.rows[0]?.count).toBe('1');
  });

  it('sends an event for an unknown shipment to the DLQ with a reason and carries on', async () => {
    const unknown = uuidv7();
    const [poisonId] = await publish(registry.kafka, [
      decision(
        EVENTS.customsDecisionRecorded,
        unknown,
        commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      ),
    ]);
    const dead = await eventually(() => {
      const found = topics.messages.find(
        (message) =>
          message.topic === deadLetterTopic(TOPICS.customs) && message.headers.ce_id === poisonId,
      );
      if (!found) throw new Error('not dead-lettered yet');
      return found;
    });
    expect(dead.key).toBe(unknown);
    expect(dead.headers.dlq_error).toContain('REGISTRY.SHIPMENT_NOT_FOUND');

    const id = await registered();
    await publish(registry.kafka, [
      decision(EVENTS.customsDecisionRecorded, id, commonV1.AgencyDecision.AGENCY_DECISION_CLEARED),
    ]);
    await eventually(async () => {
      const { shipment } = await registry.client.get({ shipmentId: id });
      expect(shipment?.agencies?.customs).toBe(commonV1.AgencyStatus.AGENCY_STATUS_CLEARED);
    });
  });

  it('acknowledges a decision for an already rejected shipment without effect (no DLQ)', async () => {
    const id = await registered();
    const [, lateId] = await publish(registry.kafka, [
      decision(
        EVENTS.customsDecisionRecorded,
        id,
        commonV1.AgencyDecision.AGENCY_DECISION_REJECTED,
        'forged invoice',
      ),
      decision(
        EVENTS.quarantineDecisionRecorded,
        id,
        commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      ),
    ]);
    await eventually(async () => {
      const inbox = await registry.pool.query<{ outcome: string }>(
        'SELECT outcome FROM messaging_inbox WHERE event_id = $1',
        [lateId],
      );
      expect(inbox.rows[0]?.outcome).toBe('applied');
    });
    const { shipment } = await registry.client.get({ shipmentId: id });
    expect(shipment?.status).toBe(commonV1.ShipmentStatus.SHIPMENT_STATUS_REJECTED);
    expect(shipment?.agencies?.quarantine).toBe(commonV1.AgencyStatus.AGENCY_STATUS_PENDING);
    // The late decision left no trace (state, not a version number: see above).
    expect(shipment?.timeline.some((entry) => entry.sourceEventId === lateId)).toBe(false);
  });
});
