import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  borderGuardServiceV1,
  borderGuardV1,
  commonV1,
  decisionSigningInput,
  EVENTS,
  TOPICS,
} from '@cuakhau/contracts';
import { uuidv7 } from '@cuakhau/messaging';
import { verifySignature } from '@cuakhau/signing';
import { eventually } from '@cuakhau/testing';
import {
  failureOf,
  grpcFailure,
  OFFICER,
  publish,
  readTopicFromNow,
  registered,
  startBorderGuardUnderTest,
  truckCalled,
  type BorderGuardUnderTest,
  type ReadMessage,
} from './support/border-guard-test-env';

jest.setTimeout(90_000);

const CLEARED = commonV1.AgencyDecision.AGENCY_DECISION_CLEARED;
const HOLD = commonV1.AgencyDecision.AGENCY_DECISION_HOLD;

function ofType(messages: readonly ReadMessage[], type: string, key?: string): ReadMessage[] {
  return messages.filter(
    (message) => message.headers['ce_type'] === type && (key === undefined || message.key === key),
  );
}

function decisionOf(message: ReadMessage): borderGuardV1.DecisionRecorded {
  return EVENTS.borderGuardDecisionRecorded.fromJSON(JSON.parse(message.value ?? '{}'));
}

describe('border guard on real PostgreSQL + Kafka', () => {
  let bg: BorderGuardUnderTest;
  let topic: { messages: ReadMessage[]; stop(): Promise<void> };

  beforeAll(async () => {
    bg = await startBorderGuardUnderTest('main');
    topic = await readTopicFromNow(bg.kafka, TOPICS.borderGuard);
  });

  afterAll(async () => {
    await topic?.stop();
    await bg?.stop();
  });

  it('clears a clean registration automatically with a signed DecisionRecorded; a duplicate event changes nothing', async () => {
    const id = uuidv7();
    const { shipmentId, event } = registered({ id });
    await publish(bg.kafka, [event, event]);
    const message = await eventually(() => {
      const found = ofType(topic.messages, EVENTS.borderGuardDecisionRecorded.type, shipmentId);
      expect(found).toHaveLength(1);
      return found[0] as ReadMessage;
    });
    const decision = decisionOf(message);
    expect(decision).toMatchObject({
      shipmentId,
      decision: CLEARED,
      gateCode: 'MONGCAI',
      caseVersion: 1,
      actor: { kind: commonV1.ActorKind.ACTOR_KIND_SYSTEM },
    });
    const { keys } = await bg.client.call('listSigningKeys', {});
    const verified = verifySignature(
      decisionSigningInput(commonV1.Agency.AGENCY_BORDER_GUARD, decision),
      decision.signature,
      keys.map((key) => ({ ...key, algorithm: 'Ed25519' as const })),
    );
    expect(verified).toEqual({ valid: true, keyId: keys[0]?.keyId });
    const tampered = verifySignature(
      decisionSigningInput(commonV1.Agency.AGENCY_BORDER_GUARD, { ...decision, decision: HOLD }),
      decision.signature,
      keys.map((key) => ({ ...key, algorithm: 'Ed25519' as const })),
    );
    expect(tampered.valid).toBe(false);

    // The same registration again under another event id (a replay): still one case, one decision.
    await publish(bg.kafka, [registered().event, { ...event, id: uuidv7() }]);
    const { rows } = await eventually(async () => {
      const result = await bg.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM messaging_inbox`,
      );
      expect(Number(result.rows[0]?.n)).toBeGreaterThanOrEqual(3);
      return bg.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM cases WHERE shipment_id = $1`,
        [shipmentId],
      );
    });
    expect(Number(rows[0]?.n)).toBe(1);
    const { case: stored } = await bg.client.call('getCase', { shipmentId });
    expect(stored?.status).toBe(borderGuardServiceV1.CaseStatus.CASE_STATUS_CLEARED);
    expect(
      ofType(topic.messages, EVENTS.borderGuardDecisionRecorded.type, shipmentId),
    ).toHaveLength(1);
  });

  it('puts a watch-list name hit on HOLD with the match; of two officers deciding at once exactly one wins', async () => {
    const added = await bg.client.call('addWatchListEntry', {
      entry: {
        entryId: '',
        subject: borderGuardV1.WatchListSubject.WATCH_LIST_SUBJECT_PERSON,
        fullName: 'NGUYEN VAN AN',
        documentNumber: '',
        nationality: 'VN',
        dateOfBirth: '',
        plate: '',
        reason: 'notice 2026/17: smuggling inquiry',
      },
      actor: { ...OFFICER, id: 'supervisor1' },
    });
    const entryId = added.entry?.entry?.entryId ?? '';
    await eventually(() =>
      expect(
        ofType(topic.messages, EVENTS.borderGuardWatchListEntryAdded.type, entryId),
      ).toHaveLength(1),
    );

    const { shipmentId, event } = registered({ driverName: 'Nguyễn Văn An' });
    await publish(bg.kafka, [event]);
    const held = await eventually(async () => {
      const { case: found } = await bg.client.call('getCase', { shipmentId });
      expect(found?.status).toBe(borderGuardServiceV1.CaseStatus.CASE_STATUS_HOLD);
      return found;
    });
    const match = held?.findings.find((finding) => finding.code === 'WATCH_LIST_MATCH')?.match;
    expect(match).toMatchObject({
      basis: borderGuardServiceV1.MatchBasis.MATCH_BASIS_NAME,
      score: 1,
      screened: 'driver',
      entry: { entryId, fullName: 'NGUYEN VAN AN' },
    });
    await eventually(() => {
      const decisions = ofType(topic.messages, EVENTS.borderGuardDecisionRecorded.type, shipmentId);
      expect(decisions.map((message) => decisionOf(message).decision)).toEqual([HOLD]);
    });

    const decide = (officerId: string) =>
      bg.client.call('recordDecision', {
        shipmentId,
        decision: CLEARED,
        reason: 'not the person on the notice (different date of birth on passport)',
        expectedVersion: held?.version ?? 0,
        actor: { ...OFFICER, id: officerId },
      });
    const outcomes = await Promise.allSettled([decide('officerA'), decide('officerB')]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const failure = failureOf((lost[0] as PromiseRejectedResult).reason);
    expect(failure.status).toBe(GrpcStatus.ABORTED);
    expect(failure.error?.code).toBe('BORDER_GUARD.VERSION_CONFLICT');

    await eventually(() => {
      const decisions = ofType(topic.messages, EVENTS.borderGuardDecisionRecorded.type, shipmentId);
      expect(decisions.map((message) => decisionOf(message).decision)).toEqual([HOLD, CLEARED]);
      expect(decisionOf(decisions[1] as ReadMessage).actor?.kind).toBe(
        commonV1.ActorKind.ACTOR_KIND_OFFICER,
      );
    });

    const rejected = await bg.client.call('recordDecision', {
      shipmentId,
      decision: commonV1.AgencyDecision.AGENCY_DECISION_REJECTED,
      reason: 'forged passport',
      expectedVersion: (held?.version ?? 0) + 1,
      actor: OFFICER,
    });
    const closed = await grpcFailure(
      bg.client.call('recordDecision', {
        shipmentId,
        decision: CLEARED,
        reason: '',
        expectedVersion: rejected.case?.version ?? 0,
        actor: OFFICER,
      }),
    );
    expect(closed.error?.code).toBe('BORDER_GUARD.CASE_CLOSED');

    const expired = await bg.client.call('expireWatchListEntry', {
      entryId,
      reason: 'inquiry closed',
      actor: { ...OFFICER, id: 'supervisor1' },
    });
    expect(expired.entry?.state).toBe('EXPIRED');
    await eventually(() => {
      const [change] = ofType(
        topic.messages,
        EVENTS.borderGuardWatchListEntryExpired.type,
        entryId,
      );
      expect(JSON.parse(change?.value ?? '{}')).toMatchObject({
        entryId,
        reason: 'inquiry closed',
        actor: { id: 'supervisor1' },
      });
    });
    const again = await grpcFailure(
      bg.client.call('removeWatchListEntry', { entryId, reason: 'x', actor: OFFICER }),
    );
    expect(again.error?.code).toBe('BORDER_GUARD.WATCH_LIST_ENTRY_INACTIVE');
  });

  it('holds a vehicle without a permit; records a crossing only after the call, and only once', async () => {
    const unpermitted = registered({ plate: '88A-000.01' });
    const { shipmentId, event } = registered();
    await publish(bg.kafka, [unpermitted.event, event]);
    await eventually(async () => {
      const { case: found } = await bg.client.call('getCase', {
        shipmentId: unpermitted.shipmentId,
      });
      expect(found?.status).toBe(borderGuardServiceV1.CaseStatus.CASE_STATUS_HOLD);
      expect(found?.findings.map((finding) => finding.code)).toEqual(['VEHICLE_PERMIT_MISSING']);
      const { case: clean } = await bg.client.call('getCase', { shipmentId });
      expect(clean?.status).toBe(borderGuardServiceV1.CaseStatus.CASE_STATUS_CLEARED);
    });

    const early = await grpcFailure(
      bg.client.call('recordCrossing', { shipmentId, actor: OFFICER }),
    );
    expect(early.status).toBe(GrpcStatus.FAILED_PRECONDITION);
    expect(early.error?.code).toBe('BORDER_GUARD.NOT_CALLED');

    await publish(bg.kafka, [truckCalled(shipmentId, 'LANE-2')]);
    const crossed = await eventually(() =>
      bg.client.call('recordCrossing', { shipmentId, actor: OFFICER }),
    );
    expect(crossed.case?.crossedAt).toBeDefined();
    await eventually(() => {
      const [message] = ofType(topic.messages, EVENTS.borderGuardCrossingRecorded.type, shipmentId);
      expect(JSON.parse(message?.value ?? '{}')).toMatchObject({
        shipmentId,
        gateCode: 'MONGCAI',
        plate: '14C12345',
        laneId: 'LANE-2',
        direction: 'DIRECTION_EXPORT',
        actor: { id: 'borderguard1' },
      });
    });
    const twice = await grpcFailure(
      bg.client.call('recordCrossing', { shipmentId, actor: OFFICER }),
    );
    expect(twice.status).toBe(GrpcStatus.ABORTED);
    expect(twice.error?.code).toBe('BORDER_GUARD.ALREADY_CROSSED');
  });
});
