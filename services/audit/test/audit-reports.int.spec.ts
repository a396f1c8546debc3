import { randomBytes } from 'node:crypto';
import { credentials, loadPackageDefinition, type ServiceClientConstructor } from '@grpc/grpc-js';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import {
  auditServiceV1,
  commonV1,
  decisionSigningInput,
  EVENTS,
  grpcPackageDefinition,
  TOPICS,
} from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { encodeEvent, parseBrokers, uuidv7, type OutgoingEvent } from '@cuakhau/messaging';
import type { RunningService } from '@cuakhau/platform';
import { AgencySigningKey, verifySignature } from '@cuakhau/signing';
import { eventually, freePort } from '@cuakhau/testing';
import { loadAuditConfig } from '../src/audit.config';
import { AUDIT_PROTO, startAudit } from '../src/audit.service';
import { dailyRootSigningInput } from '../src/audit-log/domain/hash-chain';
import { CheckOpenShipmentsHandler } from '../src/clearance/application/periodic-jobs.handler';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const MINUTE = 60_000;
const SOURCE = '/test';
/** A gate of its own: the chain also holds other suites' traffic on the shared topics. */
const GATE = `T${randomBytes(3).toString('hex').toUpperCase()}`;

type Unary = (
  request: unknown,
  callback: (error: Error | null, response?: unknown) => void,
) => void;

describe('audit reports, SLA alerts and daily roots (PostgreSQL + Kafka)', () => {
  const kafka = new Kafka({
    clientId: 'audit-reports-int',
    brokers: parseBrokers(BROKERS),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  const customsKey = AgencySigningKey.generate('customs');
  const group = name('audit_reports_int');
  let service: RunningService;
  let pool: Pool;
  let grpc: Record<string, Unary> & { close(): void };

  function call<Response>(method: string, request: unknown): Promise<Response> {
    const unary = grpc[method];
    if (unary === undefined) throw new Error(`no method ${method}`);
    return new Promise((resolve, reject) => {
      unary.call(grpc, request, (error, response) =>
        error === null ? resolve(response as Response) : reject(error),
      );
    });
  }

  async function publish(events: (OutgoingEvent<unknown> & { id?: string })[]): Promise<string[]> {
    const encoded = events.map((event) => encodeEvent(event));
    await producer.send({
      topic: encoded[0]?.topic ?? '',
      messages: encoded.map((event) => ({
        key: event.key,
        value: event.value,
        headers: event.headers,
      })),
    });
    return encoded.map((event) => event.id);
  }

  async function chainCount(where: string, params: unknown[]): Promise<number> {
    const rows = (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_entry WHERE ${where}`,
        params,
      )
    ).rows;
    return rows[0]?.n ?? 0;
  }

  beforeAll(async () => {
    const url = await createFreshDatabase(SERVER_URL, name('audit_reports_test'));
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
    // The relay deletes what it has published: every row this instance's outbox receives is
    // kept here (other audit instances on the shared topics alert too).
    await pool.query(`
      CREATE TABLE outbox_seen (message_key text, type text);
      CREATE FUNCTION outbox_seen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO outbox_seen VALUES (NEW.message_key, NEW.headers->>'ce_type');
        RETURN NEW;
      END $$;
      CREATE TRIGGER outbox_seen AFTER INSERT ON messaging_outbox
        FOR EACH ROW EXECUTE FUNCTION outbox_seen();
    `);
    const loaded = loadPackageDefinition(grpcPackageDefinition(AUDIT_PROTO));
    const Client = (loaded['cuakhau'] as Record<string, Record<string, Record<string, unknown>>>)[
      'audit'
    ]?.['v1']?.['AuditService'] as ServiceClientConstructor;
    grpc = new Client(service.grpcUrl ?? '', credentials.createInsecure()) as unknown as Record<
      string,
      Unary
    > & { close(): void };
  }, 60_000);

  afterAll(async () => {
    grpc?.close();
    await service?.close();
    await producer.disconnect();
    await pool?.end();
  });

  it('reports nearest-rank percentiles equal to a hand-computed fixture of 10 shipments', async () => {
    // Arrival→crossing and arrival→customs decision of 10 shipments, in minutes.
    const yard = [12, 45, 7, 30, 90, 22, 60, 15, 120, 38];
    const customs = [5, 3, 8, 1, 9, 2, 10, 4, 6, 7];
    const base = Date.parse('2026-12-02T02:00:00Z');
    const iso = (ms: number): string => new Date(ms).toISOString();
    const events: OutgoingEvent<unknown>[] = [];
    yard.forEach((minutes, i) => {
      const shipmentId = uuidv7();
      const arrivedAt = base + i * 3 * MINUTE;
      const decided = {
        shipmentId,
        caseId: `c-${i}`,
        decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
        reason: '',
        actor: { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'customs1', displayName: '' },
        decidedAt: iso(arrivedAt + (customs[i] ?? 0) * MINUTE),
        caseVersion: 2,
      };
      events.push(
        {
          contract: EVENTS.truckArrived,
          key: shipmentId,
          source: SOURCE,
          message: EVENTS.truckArrived.fromJSON({
            shipmentId,
            gateCode: GATE,
            arrivedAt: iso(arrivedAt),
          }),
        },
        {
          contract: EVENTS.customsDecisionRecorded,
          key: shipmentId,
          source: SOURCE,
          message: {
            ...EVENTS.customsDecisionRecorded.fromJSON({}),
            ...decided,
            gateCode: GATE,
            signature: customsKey.sign(
              decisionSigningInput(commonV1.Agency.AGENCY_CUSTOMS, decided),
            ),
          },
        },
        {
          contract: EVENTS.borderGuardCrossingRecorded,
          key: shipmentId,
          source: SOURCE,
          message: EVENTS.borderGuardCrossingRecorded.fromJSON({
            shipmentId,
            gateCode: GATE,
            crossedAt: iso(arrivedAt + minutes * MINUTE),
          }),
        },
      );
    });
    for (const topic of new Set(events.map((event) => event.contract.topic))) {
      await publish(events.filter((event) => event.contract.topic === topic));
    }
    await eventually(
      async () =>
        expect(
          (
            await pool.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM shipment_fact
               WHERE gate_code = $1 AND crossed_at IS NOT NULL AND customs_decided_at IS NOT NULL`,
              [GATE],
            )
          ).rows[0]?.n,
        ).toBe(10),
      { timeoutMs: 30_000 },
    );

    // Nearest rank: the value at rank ⌈p/100 · n⌉ of the ascending list, here n = 10.
    // yard sorted: 7 12 15 22 30 38 45 60 90 120 → p50 = rank 5 = 30, p90 = rank 9 = 90,
    //   p95 = rank ⌈9.5⌉ = 10 = 120, max 120 (minutes).
    // customs sorted: 1 … 10 → p50 = 5, p90 = 9, p95 = 10, max 10 (minutes).
    const answer = await call<auditServiceV1.ClearanceTimesResponse>('ClearanceTimes', {
      gateCode: GATE.toLowerCase(),
      from: '2026-12-02T00:00:00Z',
      to: '2026-12-03T00:00:00Z',
      groupBy: auditServiceV1.GroupBy.GROUP_BY_STEP,
    });
    const byGroup = new Map(answer.rows.map((row) => [row.group, row]));
    expect(byGroup.get('arrived→crossed')).toMatchObject({
      count: 10,
      p50Seconds: 30 * 60,
      p90Seconds: 90 * 60,
      p95Seconds: 120 * 60,
      maxSeconds: 120 * 60,
    });
    expect(byGroup.get('arrived→customs')).toMatchObject({
      count: 10,
      p50Seconds: 5 * 60,
      p90Seconds: 9 * 60,
      p95Seconds: 10 * 60,
      maxSeconds: 10 * 60,
    });
    // Only the completed steps have a row (no registration, no call in this fixture).
    expect(answer.rows.map((row) => row.group)).toEqual(['arrived→customs', 'arrived→crossed']);
    expect(answer.bottleneckStep).toBe('arrived→customs');

    const byAgency = await call<auditServiceV1.ClearanceTimesResponse>('ClearanceTimes', {
      gateCode: GATE,
      from: '2026-12-02T00:00:00Z',
      to: '2026-12-03T00:00:00Z',
      groupBy: auditServiceV1.GroupBy.GROUP_BY_AGENCY,
    });
    expect(byAgency.rows).toEqual([
      {
        group: 'customs',
        count: 10,
        p50Seconds: 300,
        p90Seconds: 540,
        p95Seconds: 600,
        maxSeconds: 600,
      },
    ]);
    // Arrivals 02:00 … 02:27 UTC: one hour group with the yard times.
    const byHour = await call<auditServiceV1.ClearanceTimesResponse>('ClearanceTimes', {
      gateCode: GATE,
      from: '2026-12-02T00:00:00Z',
      to: '2026-12-03T00:00:00Z',
      groupBy: auditServiceV1.GroupBy.GROUP_BY_HOUR,
    });
    expect(byHour.rows).toEqual([
      {
        group: '2026-12-02T02:00Z',
        count: 10,
        p50Seconds: 1800,
        p90Seconds: 5400,
        p95Seconds: 7200,
        maxSeconds: 7200,
      },
    ]);
  }, 60_000);

  it('alerts an SLA breach exactly once on cuakhau.audit.v1 despite redeliveries and repeated checks', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const shipmentId = uuidv7();
    // In the yard for 6 h (threshold 240 min) and not crossed: the arrival itself breaches.
    const arrived = {
      contract: EVENTS.truckArrived,
      key: shipmentId,
      source: SOURCE,
      message: EVENTS.truckArrived.fromJSON({
        shipmentId,
        gateCode: 'MONGCAI',
        arrivedAt: new Date(Date.now() - 360 * MINUTE).toISOString(),
      }),
    };
    const [firstId] = await publish([arrived]);
    // Redelivered (same ce_id) and republished by a retrying producer (new ce_id).
    await publish([{ ...arrived, id: firstId ?? '' }]);
    await publish([arrived]);
    await eventually(
      async () =>
        expect(
          await chainCount(`subject = $1 AND event_type = $2`, [
            shipmentId,
            EVENTS.truckArrived.type,
          ]),
        ).toBe(2),
      { timeoutMs: 30_000 },
    );
    // The periodic check runs again, twice: the breach is already recorded. (Its count is not
    // asserted: other suites' traffic on the shared topics is in this chain too.)
    const check = service.app.get(CheckOpenShipmentsHandler);
    await check.execute();
    await check.execute(Date.now() + 60 * MINUTE);
    expect(
      (
        await pool.query<{ rule: string }>('SELECT rule FROM sla_breach WHERE shipment_id = $1', [
          shipmentId,
        ])
      ).rows,
    ).toEqual([{ rule: 'TRUCK_IN_YARD' }]);

    // Wait until this shipment's alerts have left the outbox and the chain has read cuakhau.audit.v1 to its end:
    // every alert ever published for this shipment is then in the chain.
    await eventually(
      async () =>
        expect(
          (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM messaging_outbox'))
            .rows[0]?.n,
        ).toBe(0),
      { timeoutMs: 20_000 },
    );
    const ends = await admin.fetchTopicOffsets(TOPICS.audit);
    await admin.disconnect();
    await eventually(
      async () => {
        for (const end of ends) {
          if (end.high === end.low) continue;
          const last = (
            await pool.query<{ offset: string | null }>(
              `SELECT max(kafka_offset)::text AS offset FROM audit_entry
               WHERE topic = $1 AND kafka_partition = $2`,
              [TOPICS.audit, end.partition],
            )
          ).rows[0]?.offset;
          // Partitions untouched since the test began have no row; the others must be read
          // (at least) to their end then: other suites may have published after it.
          if (last === null || last === undefined) continue;
          expect(BigInt(last) >= BigInt(end.high) - 1n).toBe(true);
        }
        expect(
          await chainCount(`subject = $1 AND event_type = $2`, [
            shipmentId,
            EVENTS.auditSlaBreached.type,
          ]),
        ).toBeGreaterThanOrEqual(1);
      },
      { timeoutMs: 30_000 },
    );
    // This instance alerted once; any other audit instance reading the shared topics (the
    // demo's, another suite's) alerts too: this instance's alert carries the detection time
    // of its recorded breach.
    expect(
      (
        await pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM outbox_seen WHERE message_key = $1 AND type = $2',
          [shipmentId, EVENTS.auditSlaBreached.type],
        )
      ).rows[0]?.n,
    ).toBe(1);
    const detectedAt = (
      await pool.query<{ detected_at: Date }>(
        'SELECT detected_at FROM sla_breach WHERE shipment_id = $1',
        [shipmentId],
      )
    ).rows[0]?.detected_at.toISOString();
    const alerts = (
      await pool.query<{ payload: string; topic: string }>(
        'SELECT payload, topic FROM audit_entry WHERE subject = $1 AND event_type = $2',
        [shipmentId, EVENTS.auditSlaBreached.type],
      )
    ).rows.filter(
      (alert) => (JSON.parse(alert.payload) as { detectedAt?: string }).detectedAt === detectedAt,
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.topic).toBe('cuakhau.audit.v1');
    expect(JSON.parse(alerts[0]?.payload ?? '{}')).toMatchObject({
      shipmentId,
      gateCode: 'MONGCAI',
      rule: 'TRUCK_IN_YARD',
      thresholdMinutes: 240,
    });
    const listed = await call<auditServiceV1.ListSlaBreachesResponse>('ListSlaBreaches', {
      gateCode: 'MONGCAI',
      limit: 10,
    });
    expect(listed.breaches.filter((breach) => breach.shipmentId === shipmentId)).toHaveLength(1);
  }, 90_000);

  it("signs the daily root with the audit key, verifiable with the audit's published key", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const root = await call<auditServiceV1.GetDailyRootResponse>('GetDailyRoot', { day });
    const { keys } = await call<auditServiceV1.ListSigningKeysResponse>('ListSigningKeys', {});
    expect(keys).toHaveLength(1);
    expect(root.keyId).toBe(keys[0]?.keyId);
    const head = (
      await pool.query<{ hash: string }>('SELECT hash FROM audit_entry WHERE seq = $1', [
        root.lastSeq,
      ])
    ).rows[0]?.hash;
    expect(root.rootHash).toBe(head);
    const signature = {
      keyId: root.keyId,
      algorithm: root.algorithm,
      signature: root.signature,
    };
    const published = keys.map((key) => ({
      keyId: key.keyId,
      algorithm: 'Ed25519' as const,
      publicKeyPem: key.publicKeyPem,
    }));
    expect(
      verifySignature(
        dailyRootSigningInput(day, Number(root.lastSeq), root.rootHash),
        signature,
        published,
      ),
    ).toEqual({ valid: true, keyId: root.keyId });
    // Any other root (an entry dropped from the end) does not verify.
    expect(
      verifySignature(
        dailyRootSigningInput(day, Number(root.lastSeq) - 1, root.rootHash),
        signature,
        published,
      ),
    ).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
  }, 30_000);
});
