import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  commonV1,
  customsServiceV1,
  customsV1,
  decisionSigningInput,
  EVENTS,
  TOPICS,
} from '@cuakhau/contracts';
import { verifySignature, type PublishedKey } from '@cuakhau/signing';
import { eventually } from '@cuakhau/testing';
import { keyedSamplingSeed } from '../src/cases/application/risk-assessor';
import { samplingDraw } from '../src/cases/domain/sampling';
import {
  failureOf,
  grpcFailure,
  publishRegistry,
  readTopicsFromNow,
  registered,
  startCustomsUnderTest,
  TEST_SAMPLING_SECRET,
  uuidv7,
  type CustomsUnderTest,
  type ReadMessage,
} from './support/customs-test-env';

const officer = (id: string): commonV1.Actor => ({
  kind: commonV1.ActorKind.ACTOR_KIND_OFFICER,
  id,
  displayName: id,
});
const MEAT = { hsCode: '02013000', description: 'Thịt bò / beef', grossKg: 20000, valueUsd: 90000 };

describe('customs service (PostgreSQL + Kafka)', () => {
  let customs: CustomsUnderTest;
  let topic: Awaited<ReturnType<typeof readTopicsFromNow>>;
  let keys: readonly PublishedKey[];

  beforeAll(async () => {
    customs = await startCustomsUnderTest('int');
    topic = await readTopicsFromNow(customs.kafka, [TOPICS.customs]);
    const answer = await customs.client.call<customsServiceV1.ListSigningKeysResponse>(
      'listSigningKeys',
      {},
    );
    keys = answer.keys.map((key) => ({ ...key, algorithm: 'Ed25519' as const }));
  });

  afterAll(async () => {
    await topic?.stop();
    await customs?.stop();
  });

  /** A shipment id whose sampling draw does not promote it (revisions 1 and 2). */
  async function unsampledShipmentId(): Promise<string> {
    const { ruleSetVersion } = await customs.client.call<customsServiceV1.ListRiskRulesResponse>(
      'listRiskRules',
      {},
    );
    for (;;) {
      const id = uuidv7();
      const draws = [1, 2].map((revision) =>
        samplingDraw(keyedSamplingSeed(TEST_SAMPLING_SECRET, id, ruleSetVersion, revision)),
      );
      if (draws.every((draw) => draw >= 0.05)) return id;
    }
  }

  function eventsOf(type: string, shipmentOrKey: string): ReadMessage[] {
    return topic.messages.filter(
      (message) => message.headers['ce_type'] === type && message.key === shipmentOrKey,
    );
  }

  function decisionsOf(shipmentId: string): customsV1.DecisionRecorded[] {
    return eventsOf(EVENTS.customsDecisionRecorded.type, shipmentId).map((message) =>
      EVENTS.customsDecisionRecorded.fromJSON(JSON.parse(message.value ?? '{}')),
    );
  }

  function getCase(shipmentId: string): Promise<customsServiceV1.Case> {
    return customs.client
      .call<customsServiceV1.GetCaseResponse>('getCase', { shipmentId })
      .then((answer) => answer.case as customsServiceV1.Case);
  }

  const waitForCase = (shipmentId: string): Promise<customsServiceV1.Case> =>
    eventually(() => getCase(shipmentId));

  it('clears a GREEN shipment automatically and publishes a signed CLEARED that verifies', async () => {
    const shipmentId = await unsampledShipmentId();
    await publishRegistry(customs.kafka, [
      { contract: 'registered', message: registered(shipmentId, {}) },
    ]);
    const [decision] = await eventually(() => {
      const found = decisionsOf(shipmentId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(decision).toMatchObject({
      shipmentId,
      decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      actor: { kind: commonV1.ActorKind.ACTOR_KIND_SYSTEM, id: 'customs.green-channel' },
      gateCode: 'MONGCAI',
      channel: customsV1.Channel.CHANNEL_GREEN,
    });
    const signed = decision as customsV1.DecisionRecorded;
    const input = decisionSigningInput(commonV1.Agency.AGENCY_CUSTOMS, signed);
    expect(verifySignature(input, signed.signature, keys)).toEqual({
      valid: true,
      keyId: signed.signature?.keyId,
    });
    const tampered = decisionSigningInput(commonV1.Agency.AGENCY_CUSTOMS, {
      ...signed,
      reason: `${signed.reason}!`,
    });
    expect(verifySignature(tampered, signed.signature, keys)).toMatchObject({ valid: false });
    expect(eventsOf(EVENTS.customsCaseOpened.type, shipmentId)).toHaveLength(1);
    const assigned = EVENTS.customsChannelAssigned.fromJSON(
      JSON.parse(eventsOf(EVENTS.customsChannelAssigned.type, shipmentId)[0]?.value ?? '{}'),
    );
    expect(assigned.assessment?.sampling).toMatchObject({
      algorithm: 'cyrb128-sfc32-v1',
      selected: false,
    });
    expect(samplingDraw(assigned.assessment?.sampling?.seed ?? '')).toBe(
      assigned.assessment?.sampling?.draw,
    );
    const stored = await getCase(shipmentId);
    expect(stored.status).toBe(customsServiceV1.CaseStatus.CASE_STATUS_CLEARED);
    expect(stored.decision?.signature).toEqual(signed.signature);
  });

  it('opens one case for a duplicated ShipmentRegistered (same and new event id)', async () => {
    const shipmentId = await unsampledShipmentId();
    const message = registered(shipmentId, MEAT);
    const [first] = await publishRegistry(customs.kafka, [{ contract: 'registered', message }]);
    const [, second] = await publishRegistry(customs.kafka, [
      { contract: 'registered', message, id: first },
      { contract: 'registered', message },
    ]);
    // Same partition (key = shipment id): once the second id is in the inbox, all three are done.
    await eventually(async () => {
      const inbox = await customs.pool.query('SELECT 1 FROM messaging_inbox WHERE event_id = $1', [
        second,
      ]);
      expect(inbox.rowCount).toBe(1);
    });
    const rows = await customs.pool.query('SELECT id FROM customs_cases WHERE shipment_id = $1', [
      shipmentId,
    ]);
    expect(rows.rowCount).toBe(1);
    expect((await getCase(shipmentId)).history).toHaveLength(1);
  });

  it('puts RED meat in the officer queue; CLEARED needs the inspection; then it is published', async () => {
    const shipmentId = await unsampledShipmentId();
    await publishRegistry(customs.kafka, [
      { contract: 'registered', message: registered(shipmentId, MEAT) },
    ]);
    const opened = await waitForCase(shipmentId);
    expect(opened.channel).toBe(customsV1.Channel.CHANNEL_RED);
    expect(opened.status).toBe(customsServiceV1.CaseStatus.CASE_STATUS_OPEN);
    expect(opened.assessment?.reasons.map((reason) => reason.ruleId)).toContain('hs-02-meat-red');
    const queue = await customs.client.call<customsServiceV1.ListCasesResponse>('listCases', {
      gateCode: 'MONGCAI',
      statuses: [customsServiceV1.CaseStatus.CASE_STATUS_OPEN],
      channels: [customsV1.Channel.CHANNEL_RED],
      pageSize: 200,
    });
    expect(queue.cases.map((item) => item.shipmentId)).toContain(shipmentId);

    const refused = await grpcFailure(
      customs.client.call('recordDecision', {
        shipmentId,
        expectedVersion: opened.version,
        decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
        actor: officer('customs1'),
      }),
    );
    expect(refused.status).toBe(GrpcStatus.FAILED_PRECONDITION);
    expect(refused.error?.code).toBe('CUSTOMS.INSPECTION_REQUIRED');

    const inspected = await customs.client.call<customsServiceV1.RecordInspectionResponse>(
      'recordInspection',
      {
        shipmentId,
        expectedVersion: opened.version,
        findings: 'Hàng đúng khai báo / goods as declared',
        seals: ['VN-SEAL-0001'],
        photos: [{ documentId: 'doc-1', caption: 'rear door' }],
        actor: officer('customs1'),
      },
    );
    const decided = await customs.client.call<customsServiceV1.RecordDecisionResponse>(
      'recordDecision',
      {
        shipmentId,
        expectedVersion: inspected.case?.version,
        decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
        actor: officer('customs1'),
      },
    );
    expect(decided.case?.status).toBe(customsServiceV1.CaseStatus.CASE_STATUS_CLEARED);
    const [published] = await eventually(() => {
      const found = decisionsOf(shipmentId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(published?.actor?.id).toBe('customs1');
    expect(
      verifySignature(
        decisionSigningInput(
          commonV1.Agency.AGENCY_CUSTOMS,
          published as customsV1.DecisionRecorded,
        ),
        published?.signature,
        keys,
      ).valid,
    ).toBe(true);
    await eventually(() =>
      expect(eventsOf(EVENTS.customsInspectionRecorded.type, shipmentId)).toHaveLength(1),
    );
  });

  it('lets exactly one of 5 concurrent decisions on the same version win', async () => {
    const shipmentId = await unsampledShipmentId();
    await publishRegistry(customs.kafka, [
      { contract: 'registered', message: registered(shipmentId, { ...MEAT, hsCode: '02023000' }) },
    ]);
    const opened = await waitForCase(shipmentId);
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) =>
        customs.client.call('recordDecision', {
          shipmentId,
          expectedVersion: opened.version,
          decision: commonV1.AgencyDecision.AGENCY_DECISION_HOLD,
          reason: `giữ hàng ${n} / hold ${n}`,
          actor: officer(`customs${n}`),
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      const failure = failureOf(result.reason);
      expect(failure.status).toBe(GrpcStatus.ABORTED);
      expect(['CUSTOMS.VERSION_CONFLICT', 'CUSTOMS.CASE_ALREADY_DECIDED']).toContain(
        failure.error?.code,
      );
    }
    await eventually(() => expect(decisionsOf(shipmentId)).toHaveLength(1));
    const stored = await getCase(shipmentId);
    expect(stored.version).toBe(opened.version + 1);
    expect(stored.status).toBe(customsServiceV1.CaseStatus.CASE_STATUS_HELD);
  });

  it('re-assesses on amendment, closes on cancellation and refuses a decision afterwards', async () => {
    const shipmentId = await unsampledShipmentId();
    const message = registered(shipmentId, {});
    await publishRegistry(customs.kafka, [{ contract: 'registered', message }]);
    await eventually(() => expect(decisionsOf(shipmentId)).toHaveLength(1));
    const { registeredAt: _at, registeredBy: _by, ...fields } = message;
    await publishRegistry(customs.kafka, [
      {
        contract: 'amended',
        message: {
          ...fields,
          goods: [...message.goods, { ...message.goods[0], ...MEAT }],
          version: 2,
          amendedAt: new Date().toISOString(),
          amendedBy: message.registeredBy,
        },
      },
    ]);
    const amended = await eventually(async () => {
      const found = await getCase(shipmentId);
      expect(found.revision).toBe(2);
      return found;
    });
    expect(amended.channel).toBe(customsV1.Channel.CHANNEL_RED);
    expect(amended.status).toBe(customsServiceV1.CaseStatus.CASE_STATUS_OPEN);
    const reassigned = eventsOf(EVENTS.customsChannelAssigned.type, shipmentId)
      .map((item) => EVENTS.customsChannelAssigned.fromJSON(JSON.parse(item.value ?? '{}')))
      .find((event) => event.revision === 2);
    expect(reassigned?.previousChannel).toBe(customsV1.Channel.CHANNEL_GREEN);
    expect(
      reassigned?.assessment?.reasons.find((reason) => reason.ruleId === 'hs-02-meat-red')
        ?.goodsLineNumbers,
    ).toEqual([2]);

    await publishRegistry(customs.kafka, [
      {
        contract: 'cancelled',
        message: {
          shipmentId,
          reason: 'xe hỏng / truck broke down',
          cancelledBy: message.registeredBy,
          cancelledAt: new Date().toISOString(),
          version: 3,
        },
      },
    ]);
    const cancelled = await eventually(async () => {
      const found = await getCase(shipmentId);
      expect(found.status).toBe(customsServiceV1.CaseStatus.CASE_STATUS_CANCELLED);
      return found;
    });
    const refused = await grpcFailure(
      customs.client.call('recordDecision', {
        shipmentId,
        expectedVersion: cancelled.version,
        decision: commonV1.AgencyDecision.AGENCY_DECISION_REJECTED,
        reason: 'late',
        actor: officer('customs1'),
      }),
    );
    expect(refused.status).toBe(GrpcStatus.ABORTED);
    expect(refused.error?.code).toBe('CUSTOMS.CASE_CLOSED');
  });

  it('publishes a rule change as RiskRuleChanged and uses it in the next assessment', async () => {
    const before = await customs.client.call<customsServiceV1.ListRiskRulesResponse>(
      'listRiskRules',
      {},
    );
    expect(before.rules.length).toBeGreaterThanOrEqual(10);
    const changed = await customs.client.call<customsServiceV1.UpsertRiskRuleResponse>(
      'upsertRiskRule',
      {
        rule: {
          id: 'hs-9403-furniture-red',
          effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
          channel: customsV1.Channel.CHANNEL_RED,
          title: { vi: 'Đồ nội thất: cảnh báo gỗ lậu', en: 'Furniture: illegal timber alert' },
          hsCodePrefix: { hsPrefix: '9403' },
        },
        expectedVersion: 0,
        reason: 'Cảnh báo gỗ lậu / illegal timber alert',
        actor: officer('supervisor1'),
      },
    );
    expect(changed.rule?.version).toBe(1);
    expect(changed.ruleSetVersion).toBe(before.ruleSetVersion + 1);
    const event = await eventually(() => {
      const [found] = eventsOf(EVENTS.customsRiskRuleChanged.type, 'hs-9403-furniture-red');
      expect(found).toBeDefined();
      return EVENTS.customsRiskRuleChanged.fromJSON(JSON.parse(found?.value ?? '{}'));
    });
    expect(event).toMatchObject({
      change: customsV1.RiskRuleChange.RISK_RULE_CHANGE_CREATED,
      actor: { id: 'supervisor1' },
      reason: 'Cảnh báo gỗ lậu / illegal timber alert',
    });

    const stale = await grpcFailure(
      customs.client.call('expireRiskRule', {
        ruleId: 'hs-9403-furniture-red',
        expectedVersion: 5,
        reason: 'x',
        actor: officer('supervisor1'),
      }),
    );
    expect(stale.error?.code).toBe('CUSTOMS.RULE_VERSION_CONFLICT');

    const shipmentId = await unsampledShipmentId();
    await publishRegistry(customs.kafka, [
      { contract: 'registered', message: registered(shipmentId, {}) },
    ]);
    const opened = await waitForCase(shipmentId);
    expect(opened.channel).toBe(customsV1.Channel.CHANNEL_RED);
    expect(opened.assessment?.ruleSetVersion).toBe(changed.ruleSetVersion);
    expect(opened.assessment?.reasons[0]).toMatchObject({
      ruleId: 'hs-9403-furniture-red',
      ruleVersion: 1,
      goodsLineNumbers: [1],
    });
  });
});
