import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { commonV1, decisionSigningInput, EVENTS, TOPICS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { encodeEvent, parseBrokers, uuidv7, type OutgoingEvent } from '@cuakhau/messaging';
import type { RunningService } from '@cuakhau/platform';
import { AgencySigningKey } from '@cuakhau/signing';
import { eventually, freePort } from '@cuakhau/testing';
import { loadAuditConfig } from '../src/audit.config';
import { startAudit } from '../src/audit.service';
import { ClearanceTimesHandler } from '../src/clearance/application/clearance-reports.handler';
import { VerifyChainHandler } from '../src/audit-log/application/audit-reads.handler';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

describe('audit service (PostgreSQL + Kafka)', () => {
  const kafka = new Kafka({
    clientId: 'audit-int',
    brokers: parseBrokers(BROKERS),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  const customsKey = AgencySigningKey.generate('customs');
  const group = name('audit_int');
  let service: RunningService;
  let pool: Pool;

  async function publish(events: OutgoingEvent<unknown>[], repeatId?: string): Promise<string[]> {
    const encoded = events.map((event) =>
      encodeEvent({ ...event, ...(repeatId === undefined ? {} : { id: repeatId }) }),
    );
    for (const event of encoded) {
      await producer.send({
        topic: event.topic,
        messages: [{ key: event.key, value: event.value, headers: event.headers }],
      });
    }
    return encoded.map((event) => event.id);
  }

  beforeAll(async () => {
    const url = await createFreshDatabase(SERVER_URL, name('audit_test'));
    pool = new Pool({ connectionString: url, max: 2 });
    const admin = kafka.admin();
    await admin.connect();
    for (const topic of Object.values(TOPICS)) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: group,
        topic,
        partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
      });
    }
    await admin.disconnect();
    await producer.connect();
    service = await startAudit(
      loadAuditConfig({
        DATABASE_URL: url,
        KAFKA_BROKERS: BROKERS,
        HTTP_PORT: '0',
        GRPC_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        AUDIT_CONSUMER_GROUP: group,
        AUDIT_USE_STATIC_AGENCY_KEYS: 'true',
        AUDIT_STATIC_AGENCY_KEYS: JSON.stringify({ customs: [customsKey.published] }),
        AUDIT_SLA_CHECK_INTERVAL_MS: '3600000',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await producer.disconnect();
    await pool?.end();
  });

  it('appends events of several topics once each, flags a bad signature, computes clearance times, and detects tampering', async () => {
    const shipmentId = uuidv7();
    const at = (minutes: number): string =>
      new Date(Date.parse('2026-12-01T01:00:00Z') + minutes * 60_000).toISOString();
    const actor = { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'customs1', displayName: '' };
    const signed = {
      shipmentId,
      caseId: 'c-1',
      decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      reason: '',
      actor,
      decidedAt: at(30),
      caseVersion: 2,
    };
    const goodSignature = customsKey.sign(
      decisionSigningInput(commonV1.Agency.AGENCY_CUSTOMS, signed),
    );
    const source = '/test';
    const ids = await publish([
      {
        contract: EVENTS.truckArrived,
        key: shipmentId,
        source,
        message: EVENTS.truckArrived.fromJSON({
          shipmentId,
          gateCode: 'MONGCAI',
          arrivedAt: at(10),
        }),
      },
      {
        contract: EVENTS.customsDecisionRecorded,
        key: shipmentId,
        source,
        message: {
          ...EVENTS.customsDecisionRecorded.fromJSON({}),
          ...signed,
          gateCode: 'MONGCAI',
          signature: goodSignature,
        },
      },
      {
        contract: EVENTS.borderGuardDecisionRecorded,
        key: shipmentId,
        source,
        message: {
          ...EVENTS.borderGuardDecisionRecorded.fromJSON({}),
          ...signed,
          gateCode: 'MONGCAI',
          decidedAt: at(20),
          signature: {
            keyId: 'border-guard-0000000000000000',
            algorithm: 'Ed25519',
            signature: 'AAAA',
          },
        },
      },
      {
        contract: EVENTS.borderGuardCrossingRecorded,
        key: shipmentId,
        source,
        message: EVENTS.borderGuardCrossingRecorded.fromJSON({
          shipmentId,
          gateCode: 'MONGCAI',
          crossedAt: at(70),
        }),
      },
    ]);
    // A redelivered event (same ce_id) is appended once.
    const firstId = ids[0] ?? '';
    await publish(
      [
        {
          contract: EVENTS.truckArrived,
          key: shipmentId,
          source,
          message: EVENTS.truckArrived.fromJSON({
            shipmentId,
            gateCode: 'MONGCAI',
            arrivedAt: at(10),
          }),
        },
      ],
      firstId,
    );

    await eventually(
      async () => {
        const rows = (
          await pool.query<{ event_id: string }>(
            `SELECT event_id FROM audit_entry WHERE subject = $1 AND event_type NOT LIKE 'cuakhau.audit.%' ORDER BY seq`,
            [shipmentId],
          )
        ).rows;
        expect(rows.map((row) => row.event_id).sort()).toEqual([...ids].sort());
      },
      { timeoutMs: 30_000 },
    );

    const checks = (
      await pool.query<{ agency: string; status: string; problem: string | null }>(
        // Only this test's events: the chain also holds other suites' traffic on shared topics.
        'SELECT agency, status, problem FROM signature_check WHERE event_id = ANY($1) ORDER BY agency',
        [ids],
      )
    ).rows;
    expect(checks).toEqual([
      { agency: 'border-guard', status: 'INVALID', problem: 'UNKNOWN_KEY' },
      { agency: 'customs', status: 'VALID', problem: null },
    ]);
    // The alert went out on cuakhau.audit.v1 through the outbox, and came back into the chain.
    // Any other audit instance reading the shared topics (the demo's, another suite's) alerts
    // too: this instance's alert is the one naming its own entry.
    const decisionSeq = (
      await pool.query<{ seq: string }>(
        `SELECT seq FROM audit_entry WHERE event_id = ANY($1) AND event_type = $2`,
        [ids, EVENTS.borderGuardDecisionRecorded.type],
      )
    ).rows[0]?.seq;
    expect(decisionSeq).toBeDefined();
    await eventually(
      async () => {
        const alerts = (
          await pool.query<{ payload: string }>(
            `SELECT payload FROM audit_entry WHERE subject = $1 AND event_type = 'cuakhau.audit.v1.SignatureInvalid'`,
            [shipmentId],
          )
        ).rows
          .map((alert) => JSON.parse(alert.payload) as { reason: string; entrySeq: string })
          .filter((alert) => alert.entrySeq === decisionSeq);
        expect(alerts.map((alert) => alert.reason)).toEqual(['UNKNOWN_KEY']);
      },
      { timeoutMs: 20_000 },
    );

    const times = await service.app.get(ClearanceTimesHandler).execute({
      gateCode: 'MONGCAI',
      from: new Date(at(0)),
      to: new Date(at(60)),
      groupBy: 'step',
    });
    expect(times.rows.find((row) => row.group === 'arrived→crossed')).toMatchObject({
      count: 1,
      p50: 3600,
      max: 3600,
    });
    expect(times.rows.find((row) => row.group === 'arrived→customs')).toMatchObject({
      count: 1,
      p50: 1200,
    });

    const verify = service.app.get(VerifyChainHandler);
    const reader = { kind: 'ACTOR_KIND_SUPERVISOR', id: 'supervisor1' };
    const before = await verify.execute({ reader });
    expect(before).toMatchObject({ valid: true, firstBrokenEntry: 0 });
    expect(before.entries).toBeGreaterThanOrEqual(4);

    await expect(
      pool.query(`UPDATE audit_entry SET payload = '{}' WHERE event_id = $1`, [firstId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      pool.query('DELETE FROM audit_entry WHERE event_id = $1', [firstId]),
    ).rejects.toThrow(/append-only/);

    const seq = (
      await pool.query<{ seq: string }>('SELECT seq FROM audit_entry WHERE event_id = $1', [
        firstId,
      ])
    ).rows[0]?.seq;
    await pool.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only');
    await pool.query(
      `UPDATE audit_entry SET payload = '{"shipmentId":"forged"}' WHERE event_id = $1`,
      [firstId],
    );
    await pool.query('ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only');
    expect(await verify.execute({ reader })).toMatchObject({
      valid: false,
      firstBrokenEntry: Number(seq),
    });
    const reads = (
      await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_read WHERE reader_id = 'supervisor1'`,
      )
    ).rows[0]?.n;
    expect(reads).toBe('2');
  }, 60_000);
});
