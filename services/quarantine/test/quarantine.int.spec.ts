import { randomUUID } from 'node:crypto';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import {
  commonV1,
  decisionSigningInput,
  EVENTS,
  quarantineServiceV1,
  quarantineV1,
  TOPICS,
  type registryV1,
} from '@cuakhau/contracts';
import { outgoing, type OutgoingEvent } from '@cuakhau/messaging';
import { codedErrorFromGrpc } from '@cuakhau/platform';
import { verifySignature, type PublishedKey } from '@cuakhau/signing';
import { eventually } from '@cuakhau/testing';
import {
  grpcFailure,
  publish,
  readTopicsFromNow,
  type QuarantineUnderTest,
  type ReadMessage,
  startQuarantineUnderTest,
} from './support/quarantine-test-env';

jest.setTimeout(60_000);

const WAIT = { timeoutMs: 15_000 };
const officer: commonV1.Actor = {
  kind: commonV1.ActorKind.ACTOR_KIND_OFFICER,
  id: 'quarantine1',
  displayName: 'Officer One',
};
const trader: commonV1.Actor = {
  kind: commonV1.ActorKind.ACTOR_KIND_TRADER,
  id: 'trader1',
  displayName: 'Trader One',
};

const LYCHEE: commonV1.GoodsLine = {
  hsCode: '08109010',
  description: 'Vải tươi / fresh lychee',
  quantity: 20000,
  unit: 'KGM',
  grossKg: 21000,
  valueUsd: 18000,
  origin: 'VN',
};
const LAPTOPS: commonV1.GoodsLine = {
  hsCode: '84713020',
  description: 'Máy tính xách tay / laptops',
  quantity: 500,
  unit: 'NAR',
  grossKg: 1500,
  valueUsd: 250000,
  origin: 'CN',
};

function registered(
  shipmentId: string,
  goods: commonV1.GoodsLine[],
  documents: commonV1.ShipmentDocument[],
  id?: string,
): OutgoingEvent<unknown> {
  const message: registryV1.ShipmentRegistered = {
    shipmentId,
    organisationId: 'org-1',
    gateCode: 'MONGCAI',
    direction: commonV1.Direction.DIRECTION_EXPORT,
    declarationNumber: '305123456780',
    plannedArrival: new Date(Date.now() + 86_400_000).toISOString(),
    vehicle: { plate: '14C-123.45', trailerPlate: '', country: 'VN' },
    normalisedPlate: '14C12345',
    driver: { name: 'Nguyễn Văn An', documentNumber: 'C1234567', nationality: 'VN', phone: '' },
    goods,
    documents,
    version: 1,
    registeredAt: new Date().toISOString(),
    registeredBy: trader,
  };
  return outgoing({
    contract: EVENTS.shipmentRegistered,
    key: shipmentId,
    source: '/cuakhau/registry',
    message,
    ...(id === undefined ? {} : { id }),
  });
}

function cancelled(shipmentId: string): OutgoingEvent<unknown> {
  return outgoing({
    contract: EVENTS.shipmentCancelled,
    key: shipmentId,
    source: '/cuakhau/registry',
    message: {
      shipmentId,
      reason: 'truck broke down',
      cancelledBy: trader,
      cancelledAt: new Date().toISOString(),
      version: 2,
    },
  });
}

describe('quarantine on real PostgreSQL and Kafka', () => {
  let quarantine: QuarantineUnderTest;
  let topic: { messages: ReadMessage[]; stop(): Promise<void> };
  let keys: PublishedKey[];

  beforeAll(async () => {
    quarantine = await startQuarantineUnderTest('int');
    topic = await readTopicsFromNow(quarantine.kafka, [TOPICS.quarantine]);
    keys = (await quarantine.client.listSigningKeys()).keys.map((key) => ({
      keyId: key.keyId,
      algorithm: 'Ed25519' as const,
      publicKeyPem: key.publicKeyPem,
    }));
  });

  afterAll(async () => {
    await topic.stop();
    await quarantine.stop();
  });

  function decisionsOf(shipmentId: string): quarantineV1.DecisionRecorded[] {
    return topic.messages
      .filter(
        (message) =>
          message.key === shipmentId &&
          message.headers['ce_type'] === EVENTS.quarantineDecisionRecorded.type,
      )
      .map((message) =>
        EVENTS.quarantineDecisionRecorded.fromJSON(JSON.parse(message.value ?? 'null')),
      );
  }

  function verified(decision: quarantineV1.DecisionRecorded): boolean {
    return verifySignature(
      decisionSigningInput(commonV1.Agency.AGENCY_QUARANTINE, decision),
      decision.signature,
      keys,
    ).valid;
  }

  it('serves its public key under a quarantine key id', () => {
    expect(keys).toHaveLength(1);
    expect(keys[0]?.keyId).toMatch(/^quarantine-[0-9a-f]{16}$/);
  });

  it('publishes a signed NOT_REQUIRED by system at once for goods that are not controlled', async () => {
    const shipmentId = randomUUID();
    const started = Date.now();
    await publish(quarantine.kafka, [
      registered(shipmentId, [LAPTOPS], [{ type: 'INVOICE', number: 'INV-1' }]),
    ]);
    const [decision] = await eventually(() => {
      const found = decisionsOf(shipmentId);
      expect(found).toHaveLength(1);
      return found;
    }, WAIT);
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(10);
    expect(decision).toMatchObject({
      shipmentId,
      decision: commonV1.AgencyDecision.AGENCY_DECISION_NOT_REQUIRED,
      actor: { kind: commonV1.ActorKind.ACTOR_KIND_SYSTEM, id: 'system' },
      gateCode: 'MONGCAI',
      controlledHsCodes: [],
      caseVersion: 1,
    });
    expect(decision !== undefined && verified(decision)).toBe(true);
    // a tampered decision does not verify
    expect(
      decision !== undefined &&
        verified({ ...decision, decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED }),
    ).toBe(false);
    const { case: state } = await quarantine.client.getCase({ shipmentId });
    expect(state?.status).toBe(quarantineServiceV1.CaseStatus.CASE_STATUS_NOT_REQUIRED);
    process.stdout.write(`NOT_REQUIRED on the topic ${seconds.toFixed(2)} s after registration\n`);
  });

  it('opens a case for fresh lychee; the officer clears it and a signed CLEARED is published', async () => {
    const shipmentId = randomUUID();
    await publish(quarantine.kafka, [
      registered(shipmentId, [LYCHEE, LAPTOPS], [{ type: 'PHYTO_CERT', number: 'KD-2026-0001' }]),
    ]);
    const opened = await eventually(async () => {
      const { case: found } = await quarantine.client.getCase({ shipmentId, gateCode: 'MONGCAI' });
      expect(found?.status).toBe(quarantineServiceV1.CaseStatus.CASE_STATUS_OPEN);
      return found;
    }, WAIT);
    expect(opened?.controlledHsCodes).toEqual(['08109010']);
    expect(opened?.lines.map((line) => [line.line?.hsCode, line.matchedPrefix, line.kind])).toEqual(
      [
        ['08109010', '08', quarantineV1.ControlKind.CONTROL_KIND_PLANT],
        ['84713020', '', quarantineV1.ControlKind.CONTROL_KIND_UNSPECIFIED],
      ],
    );
    expect(opened?.certificates).toEqual([
      expect.objectContaining({
        documentType: 'PHYTO_CERT',
        present: true,
        documentNumber: 'KD-2026-0001',
      }),
    ]);
    const queue = await quarantine.client.listCases({ gateCode: 'MONGCAI' });
    expect(queue.cases.map((item) => item.shipmentId)).toContain(shipmentId);
    expect(decisionsOf(shipmentId)).toEqual([]);

    const { case: cleared } = await quarantine.client.recordDecision({
      shipmentId,
      gateCode: 'MONGCAI',
      expectedVersion: opened?.version ?? 0,
      decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      actor: officer,
    });
    expect(cleared?.status).toBe(quarantineServiceV1.CaseStatus.CASE_STATUS_CLEARED);
    const [decision] = await eventually(() => {
      const found = decisionsOf(shipmentId);
      expect(found).toHaveLength(1);
      return found;
    }, WAIT);
    expect(decision).toMatchObject({
      decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      actor: { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'quarantine1' },
      controlledHsCodes: ['08109010'],
      caseVersion: 2,
    });
    expect(decision !== undefined && verified(decision)).toBe(true);
    const again = await grpcFailure(
      quarantine.client.recordDecision({
        shipmentId,
        expectedVersion: 2,
        decision: commonV1.AgencyDecision.AGENCY_DECISION_REJECTED,
        reason: 'late',
        actor: officer,
      }),
    );
    expect(again.error?.code).toBe('QUARANTINE.CASE_ALREADY_DECIDED');
  });

  it('holds a controlled shipment without its certificate, then sampling and a concurrent decision: exactly one wins', async () => {
    const shipmentId = randomUUID();
    await publish(quarantine.kafka, [registered(shipmentId, [LYCHEE], [])]);
    const held = await eventually(async () => {
      const { case: found } = await quarantine.client.getCase({ shipmentId });
      expect(found?.status).toBe(quarantineServiceV1.CaseStatus.CASE_STATUS_HELD);
      return found;
    }, WAIT);
    await eventually(() => {
      expect(decisionsOf(shipmentId).map((d) => [d.decision, d.reason])).toEqual([
        [
          commonV1.AgencyDecision.AGENCY_DECISION_HOLD,
          'missing PHYTO_CERT for controlled goods 08109010',
        ],
      ]);
    }, WAIT);
    const missing = await grpcFailure(
      quarantine.client.recordDecision({
        shipmentId,
        expectedVersion: held?.version ?? 0,
        decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
        actor: officer,
      }),
    );
    expect(missing.status).toBe(GrpcStatus.FAILED_PRECONDITION);
    expect(missing.error?.code).toBe('QUARANTINE.CERTIFICATE_MISSING');

    const { case: sampled } = await quarantine.client.recordSample({
      shipmentId,
      expectedVersion: held?.version ?? 0,
      sampleId: 'S-1',
      labReference: 'LAB-MC-2026-17',
      actor: officer,
    });
    expect(sampled?.samples).toEqual([
      expect.objectContaining({ sampleId: 'S-1', labReference: 'LAB-MC-2026-17', result: '' }),
    ]);
    const version = sampled?.version ?? 0;
    const outcomes = await Promise.allSettled(
      ['first', 'second'].map((who) =>
        quarantine.client.recordDecision({
          shipmentId,
          expectedVersion: version,
          decision: commonV1.AgencyDecision.AGENCY_DECISION_REJECTED,
          reason: `pests found (${who})`,
          actor: officer,
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const loser = outcomes.find(
      (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
    );
    const failure = {
      status: (loser?.reason as ServiceError | undefined)?.code,
      error: codedErrorFromGrpc(loser?.reason),
    };
    expect(failure.status).toBe(GrpcStatus.ABORTED);
    expect(['QUARANTINE.VERSION_CONFLICT', 'QUARANTINE.CASE_ALREADY_DECIDED']).toContain(
      failure.error?.code,
    );
    const stale = await grpcFailure(
      quarantine.client.recordSample({
        shipmentId,
        expectedVersion: version,
        sampleId: 'S-2',
        labReference: 'LAB-2',
        actor: officer,
      }),
    );
    expect(stale.error?.code).toBe('QUARANTINE.CASE_ALREADY_DECIDED');
    await eventually(() => {
      expect(decisionsOf(shipmentId).map((d) => d.decision)).toEqual([
        commonV1.AgencyDecision.AGENCY_DECISION_HOLD,
        commonV1.AgencyDecision.AGENCY_DECISION_HOLD,
        commonV1.AgencyDecision.AGENCY_DECISION_REJECTED,
      ]);
    }, WAIT);
    expect(decisionsOf(shipmentId).every(verified)).toBe(true);
  });

  it('applies a duplicate event once and closes the case on cancellation', async () => {
    const shipmentId = randomUUID();
    const eventId = '01900000-0000-7000-8000-' + randomUUID().slice(-12);
    const event = registered(
      shipmentId,
      [LYCHEE],
      [{ type: 'PHYTO_CERT', number: 'KD-2' }],
      eventId,
    );
    await publish(quarantine.kafka, [event, event, registered(shipmentId, [LAPTOPS], [])]);
    const opened = await eventually(async () => {
      const { case: found } = await quarantine.client.getCase({ shipmentId });
      expect(found?.status).toBe(quarantineServiceV1.CaseStatus.CASE_STATUS_OPEN);
      return found;
    }, WAIT);
    await publish(quarantine.kafka, [cancelled(shipmentId)]);
    const closed = await eventually(async () => {
      const { case: found } = await quarantine.client.getCase({ shipmentId });
      expect(found?.status).toBe(quarantineServiceV1.CaseStatus.CASE_STATUS_CANCELLED);
      return found;
    }, WAIT);
    expect(closed?.history.map((entry) => entry.step)).toEqual(['OPENED', 'CANCELLED']);
    expect(closed?.caseId).toBe(opened?.caseId);
    const rows = await quarantine.pool.query<{ count: string }>(
      'SELECT count(*) FROM quarantine_cases WHERE shipment_id = $1',
      [shipmentId],
    );
    expect(rows.rows[0]?.count).toBe('1');
    const refused = await grpcFailure(
      quarantine.client.recordDecision({
        shipmentId,
        expectedVersion: closed?.version ?? 0,
        decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
        actor: officer,
      }),
    );
    expect(refused.status).toBe(GrpcStatus.ABORTED);
    expect(refused.error?.code).toBe('QUARANTINE.CASE_CLOSED');
    expect(decisionsOf(shipmentId)).toEqual([]);
  });

  it('edits the controlled-goods list with an audit event naming who and why', async () => {
    const added = await quarantine.client.addControlledGoods({
      hsPrefix: '8471',
      kind: quarantineV1.ControlKind.CONTROL_KIND_FOOD_SAFETY,
      description: 'test entry',
      actor: officer,
      reason: 'integration test',
    });
    expect(added.entry?.hsPrefix).toBe('8471');
    const duplicate = await grpcFailure(
      quarantine.client.addControlledGoods({
        hsPrefix: '8471',
        kind: quarantineV1.ControlKind.CONTROL_KIND_PLANT,
        description: 'again',
        actor: officer,
        reason: 'again',
      }),
    );
    expect(duplicate.error?.code).toBe('QUARANTINE.CONTROLLED_PREFIX_EXISTS');
    await eventually(() => {
      const audit = topic.messages.filter((message) => message.key === 'controlled-goods:8471');
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]?.value ?? '{}')).toMatchObject({
        action: 'CONTROLLED_GOODS_ACTION_ADDED',
        actor: { id: 'quarantine1' },
        reason: 'integration test',
      });
    }, WAIT);
    await quarantine.client.removeControlledGoods({
      hsPrefix: '8471',
      actor: officer,
      reason: 'cleanup',
    });
    const list = await quarantine.client.listControlledGoods({});
    expect(list.entries.map((entry) => entry.hsPrefix)).toEqual(
      expect.arrayContaining(['01', '02', '03', '06', '07', '08', '10', '16']),
    );
    expect(list.entries.map((entry) => entry.hsPrefix)).not.toContain('8471');
  });
});
