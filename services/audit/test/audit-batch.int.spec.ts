import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { commonV1, decisionSigningInput, EVENTS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { encodeEvent, parseBrokers, uuidv7, type OutgoingEvent } from '@cuakhau/messaging';
import type { RunningService } from '@cuakhau/platform';
import { AgencySigningKey } from '@cuakhau/signing';
import { freePort } from '@cuakhau/testing';
import { loadAuditConfig } from '../src/audit.config';
import { startAudit } from '../src/audit.service';
import { AppendEventsHandler } from '../src/audit-log/application/append-events.handler';
import {
  ListAuditEntriesHandler,
  VerifyChainHandler,
} from '../src/audit-log/application/audit-reads.handler';
import type { IncomingEntry } from '../src/audit-log/infrastructure/audit-entry.repository';
import { incomingEntryOf } from '../src/audit-log/transport/audit-log.consumer';
import {
  ClearanceTimesHandler,
  ListSlaBreachesHandler,
  SlowestShipmentsHandler,
} from '../src/clearance/application/clearance-reports.handler';
import { EnforceRetentionHandler } from '../src/clearance/application/periodic-jobs.handler';

const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const MINUTE = 60_000;
const DAY = 86_400_000;
const RETENTION_DAYS = 30;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The append path fed directly with batches (as the consumer hands them over), the slowest
 * shipments query and the personal-data duties (masking, read log, retention), on a
 * database of its own. The service consumes one idle topic of its own, so only these
 * batches reach the chain.
 */
describe('audit batches, slowest shipments and personal data (PostgreSQL + Kafka)', () => {
  const kafka = new Kafka({
    clientId: 'audit-batch-int',
    brokers: parseBrokers(BROKERS),
    logLevel: logLevel.NOTHING,
  });
  const customsKey = AgencySigningKey.generate('customs');
  const forger = AgencySigningKey.generate('customs');
  const topic = `test.audit.${name('idle')}`;
  let service: RunningService;
  let pool: Pool;
  let offset = 0;

  /** Encodes events as their producers do and maps them as the consumer does. */
  function entries(events: (OutgoingEvent<unknown> & { id?: string; time?: Date })[]) {
    return events.map((event): IncomingEntry => {
      const encoded = encodeEvent(event);
      const message: KafkaMessage = {
        key: Buffer.from(encoded.key),
        value: Buffer.from(encoded.value),
        headers: encoded.headers,
        offset: String((offset += 1)),
        timestamp: String(Date.now()),
        attributes: 0,
      };
      return incomingEntryOf(encoded.topic, 0, message);
    });
  }

  /** A truck 6 h in the yard, a forged customs decision, its crossing: 3 events at `now`. */
  function story(shipmentId: string, gateCode: string, now: number) {
    const decided = {
      shipmentId,
      caseId: `case-${shipmentId}`,
      decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      reason: '',
      actor: { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'customs1', displayName: '' },
      decidedAt: iso(now - 300 * MINUTE),
      caseVersion: 2,
    };
    const time = new Date(now);
    return [
      {
        contract: EVENTS.truckArrived,
        key: shipmentId,
        source: '/test',
        time,
        message: EVENTS.truckArrived.fromJSON({
          shipmentId,
          gateCode,
          arrivedAt: iso(now - 360 * MINUTE),
        }),
      },
      {
        contract: EVENTS.customsDecisionRecorded,
        key: shipmentId,
        source: '/test',
        time,
        message: {
          ...EVENTS.customsDecisionRecorded.fromJSON({}),
          ...decided,
          gateCode,
          // Signed by a key that is not customs' key, under customs' key id.
          signature: {
            ...forger.sign(decisionSigningInput(commonV1.Agency.AGENCY_CUSTOMS, decided)),
            keyId: customsKey.keyId,
          },
        },
      },
      {
        contract: EVENTS.borderGuardCrossingRecorded,
        key: shipmentId,
        source: '/test',
        time,
        message: EVENTS.borderGuardCrossingRecorded.fromJSON({
          shipmentId,
          gateCode,
          crossedAt: iso(now + MINUTE),
        }),
      },
    ] satisfies (OutgoingEvent<unknown> & { time: Date })[];
  }

  async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await pool.query<T & Record<string, unknown>>(sql, params)).rows;
  }

  beforeAll(async () => {
    const url = await createFreshDatabase(SERVER_URL, name('audit_batch_test'));
    pool = new Pool({ connectionString: url, max: 2 });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();
    service = await startAudit(
      loadAuditConfig({
        DATABASE_URL: url,
        KAFKA_BROKERS: BROKERS,
        HTTP_PORT: '0',
        GRPC_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
        AUDIT_CONSUMER_GROUP: name('audit_batch_int'),
        AUDIT_TOPICS: topic,
        AUDIT_USE_STATIC_AGENCY_KEYS: 'true',
        AUDIT_STATIC_AGENCY_KEYS: JSON.stringify({ customs: [customsKey.published] }),
        AUDIT_SLA_CHECK_INTERVAL_MS: '3600000',
        AUDIT_RETENTION_DAYS: String(RETENTION_DAYS),
      }),
    );
    // The relay deletes what it has published: every row the outbox receives is kept here.
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
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await pool?.end();
  });

  it('appends a batch once each, flags the forged decision and alerts the breach once, as event by event', async () => {
    const append = service.app.get(AppendEventsHandler);
    const now = Date.now();
    const inBatch = uuidv7();
    const oneByOne = uuidv7();
    const batch = entries(story(inBatch, 'MONGCAI', now));
    // The same batch again inside it (a redelivery): appended once.
    expect((await append.execute([...batch, ...batch])).appended).toBe(3);
    expect((await append.execute(batch)).appended).toBe(0);
    for (const entry of entries(story(oneByOne, 'MONGCAI', now))) {
      expect((await append.execute([entry])).appended).toBe(1);
    }

    const chain = await rows<{ subject: string; event_type: string; status: string | null }>(
      `SELECT e.subject, e.event_type, s.status FROM audit_entry e
       LEFT JOIN signature_check s ON s.event_id = e.event_id
       WHERE e.subject = ANY($1) ORDER BY e.seq`,
      [[inBatch, oneByOne]],
    );
    const expected = [
      { event_type: EVENTS.truckArrived.type, status: null },
      { event_type: EVENTS.customsDecisionRecorded.type, status: 'INVALID' },
      { event_type: EVENTS.borderGuardCrossingRecorded.type, status: null },
    ];
    expect(chain).toEqual([
      ...expected.map((entry) => ({ ...entry, subject: inBatch })),
      ...expected.map((entry) => ({ ...entry, subject: oneByOne })),
    ]);

    // The same facts and the same breaches, whether the events came in one batch or not.
    const facts = await rows<Record<string, unknown>>(
      `SELECT shipment_id, gate_code, channel, arrived_at, customs_decided_at, crossed_at
       FROM shipment_fact WHERE shipment_id = ANY($1) ORDER BY shipment_id = $2`,
      [[inBatch, oneByOne], oneByOne],
    );
    expect(facts).toHaveLength(2);
    expect({ ...facts[0], shipment_id: '' }).toEqual({ ...facts[1], shipment_id: '' });
    expect(facts[0]).toMatchObject({
      gate_code: 'MONGCAI',
      arrived_at: new Date(now - 360 * MINUTE),
      customs_decided_at: new Date(now - 300 * MINUTE),
      crossed_at: new Date(now + MINUTE),
    });
    const breaches = await rows<{ shipment_id: string; rule: string; observed_minutes: number }>(
      `SELECT shipment_id, rule, observed_minutes FROM sla_breach
       WHERE shipment_id = ANY($1) ORDER BY shipment_id = $2`,
      [[inBatch, oneByOne], oneByOne],
    );
    // The arrival, at its event time, already shows 360 min in the yard (threshold 240).
    expect(breaches).toEqual([
      { shipment_id: inBatch, rule: 'TRUCK_IN_YARD', observed_minutes: 360 },
      { shipment_id: oneByOne, rule: 'TRUCK_IN_YARD', observed_minutes: 360 },
    ]);
    const alerts = await rows<{ type: string; key: string }>(
      `SELECT type, message_key AS key FROM outbox_seen WHERE message_key = ANY($1)`,
      [[inBatch, oneByOne]],
    );
    for (const shipmentId of [inBatch, oneByOne]) {
      expect(
        alerts
          .filter((alert) => alert.key === shipmentId)
          .map((alert) => alert.type)
          .sort(),
      ).toEqual([EVENTS.auditSignatureInvalid.type, EVENTS.auditSlaBreached.type].sort());
    }
    const reader = { kind: 'ACTOR_KIND_SUPERVISOR', id: 'batch-test' };
    expect(await service.app.get(VerifyChainHandler).execute({ reader })).toMatchObject({
      valid: true,
      entries: 6,
    });
  }, 60_000);

  it('finds the slowest shipments of a gate in SQL, in the yard or crossed, longest first', async () => {
    const gate = `S${randomBytes(3).toString('hex').toUpperCase()}`;
    const base = Date.parse('2026-11-02T08:00:00Z');
    const now = base + 10 * 60 * MINUTE;
    // [yard minutes or null (still in the yard), customs decision minutes after arrival]
    const fixture: [number | null, number][] = [
      [45, 30],
      [200, 20],
      [null, 5], // arrived at base + 40 min: 560 min in the yard at `now`
      [90, 80],
      [null, 10], // arrived at base + 80 min: 520 min
      [12, 3],
    ];
    const ids = fixture.map(() => uuidv7());
    const events = fixture.flatMap(([yard, customs], i) => {
      const shipmentId = ids[i] ?? '';
      const arrivedAt = base + i * 20 * MINUTE;
      const decided = {
        shipmentId,
        caseId: `c-${i}`,
        decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
        reason: '',
        actor: { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'customs1', displayName: '' },
        decidedAt: iso(arrivedAt + customs * MINUTE),
        caseVersion: 2,
      };
      const time = new Date(arrivedAt);
      return [
        {
          contract: EVENTS.truckArrived,
          key: shipmentId,
          source: '/test',
          time,
          message: EVENTS.truckArrived.fromJSON({
            shipmentId,
            gateCode: gate,
            arrivedAt: iso(arrivedAt),
          }),
        },
        {
          contract: EVENTS.customsDecisionRecorded,
          key: shipmentId,
          source: '/test',
          time,
          message: {
            ...EVENTS.customsDecisionRecorded.fromJSON({}),
            ...decided,
            gateCode: gate,
            signature: customsKey.sign(
              decisionSigningInput(commonV1.Agency.AGENCY_CUSTOMS, decided),
            ),
          },
        },
        ...(yard === null
          ? []
          : [
              {
                contract: EVENTS.borderGuardCrossingRecorded,
                key: shipmentId,
                source: '/test',
                time,
                message: EVENTS.borderGuardCrossingRecorded.fromJSON({
                  shipmentId,
                  gateCode: gate,
                  crossedAt: iso(arrivedAt + yard * MINUTE),
                }),
              },
            ]),
      ];
    });
    await service.app.get(AppendEventsHandler).execute(entries(events));

    const slowest = await service.app
      .get(SlowestShipmentsHandler)
      .execute(
        { gateCode: gate.toLowerCase(), from: new Date(base), to: new Date(now), limit: 4 },
        now,
      );
    expect(
      slowest.map((shipment) => [
        ids.indexOf(shipment.shipmentId),
        shipment.yardSeconds / 60,
        shipment.bottleneckStep,
        shipment.bottleneckSeconds / 60,
      ]),
    ).toEqual([
      [2, 560, 'arrived→customs', 5],
      [4, 520, 'arrived→customs', 10],
      [1, 200, 'arrived→customs', 20],
      [3, 90, 'arrived→customs', 80],
    ]);
    expect(slowest[0]).not.toHaveProperty('crossedAt');
    expect(slowest[2]?.crossedAt).toBe(base + 20 * MINUTE + 200 * MINUTE);
    // The period is the arrival: the first two arrivals are outside this one.
    const later = await service.app
      .get(SlowestShipmentsHandler)
      .execute(
        { gateCode: gate, from: new Date(base + 30 * MINUTE), to: new Date(now), limit: 10 },
        now,
      );
    expect(later.map((shipment) => ids.indexOf(shipment.shipmentId))).toEqual([2, 4, 3, 5]);
  }, 60_000);

  it('masks document and phone numbers, logs every read with its reader, and enforces retention', async () => {
    const shipmentId = uuidv7();
    const registered = EVENTS.shipmentRegistered.fromJSON({
      shipmentId,
      gateCode: 'MONGCAI',
      driver: {
        name: 'Lê Văn An',
        documentNumber: 'B7654321',
        nationality: 'VN',
        phone: '+84912345678',
      },
      documents: [{ type: 'PHYTO_CERT', number: 'KD-2026-0042' }],
      registeredAt: iso(Date.now()),
    });
    await service.app.get(AppendEventsHandler).execute(
      entries([
        {
          contract: EVENTS.shipmentRegistered,
          key: shipmentId,
          source: '/test',
          message: registered,
        },
      ]),
    );
    const reader = { kind: 'ACTOR_KIND_SUPERVISOR', id: 'privacy-supervisor' };
    const listed = await service.app.get(ListAuditEntriesHandler).execute({
      shipmentId,
      reader,
      pageSize: 10,
      afterSeq: 0,
    });
    expect(listed).toHaveLength(1);
    const payloadJson = listed[0]?.payloadJson ?? '';
    expect(payloadJson).not.toContain('B7654321');
    expect(payloadJson).not.toContain('912345678');
    expect(payloadJson).not.toContain('KD-2026-0042');
    expect(JSON.parse(payloadJson)).toMatchObject({
      driver: { name: 'Lê Văn An', documentNumber: '*****321', phone: '*********678' },
      documents: [{ type: 'PHYTO_CERT', number: '*********042' }],
    });
    // Nothing of the raw message leaves with the entry (headers and key may repeat it).
    expect(listed[0]).not.toHaveProperty('payload');
    expect(listed[0]).not.toHaveProperty('headers');

    await service.app.get(ClearanceTimesHandler).execute({
      gateCode: 'MONGCAI',
      from: undefined,
      to: undefined,
      groupBy: 'agency',
      reader,
    });
    await service.app
      .get(SlowestShipmentsHandler)
      .execute({ gateCode: 'MONGCAI', from: undefined, to: undefined, limit: 5, reader });
    await service.app
      .get(ListSlaBreachesHandler)
      .execute({ gateCode: 'MONGCAI', limit: 5, reader });
    await expect(
      service.app
        .get(ListAuditEntriesHandler)
        .execute({ shipmentId, reader: undefined, pageSize: 10, afterSeq: 0 }),
    ).rejects.toThrow(/reader/);
    expect(
      await rows(
        `SELECT reader_kind, reader_id, action, shipment_id FROM audit_read
         WHERE reader_id = $1 ORDER BY id`,
        [reader.id],
      ),
    ).toEqual([
      {
        reader_kind: 'ACTOR_KIND_SUPERVISOR',
        reader_id: reader.id,
        action: 'ListAuditEntries',
        shipment_id: shipmentId,
      },
      {
        reader_kind: 'ACTOR_KIND_SUPERVISOR',
        reader_id: reader.id,
        action: 'ClearanceTimes',
        shipment_id: null,
      },
      {
        reader_kind: 'ACTOR_KIND_SUPERVISOR',
        reader_id: reader.id,
        action: 'SlowestShipments',
        shipment_id: null,
      },
      {
        reader_kind: 'ACTOR_KIND_SUPERVISOR',
        reader_id: reader.id,
        action: 'ListSlaBreaches',
        shipment_id: null,
      },
    ]);

    // Retention (AUDIT_RETENTION_DAYS = 30): what is older goes, the rest and the chain stay.
    const now = Date.now();
    const old = new Date(now - (RETENTION_DAYS + 1) * DAY);
    const oldShipment = (
      await rows<{ shipment_id: string }>(
        `SELECT shipment_id FROM shipment_fact WHERE shipment_id <> $1 ORDER BY shipment_id LIMIT 1`,
        [shipmentId],
      )
    )[0]?.shipment_id;
    expect(oldShipment).toBeDefined();
    await pool.query('UPDATE shipment_fact SET updated_at = $1 WHERE shipment_id = $2', [
      old,
      oldShipment,
    ]);
    await pool.query('UPDATE sla_breach SET detected_at = $1 WHERE shipment_id = $2', [
      old,
      oldShipment,
    ]);
    await pool.query(
      `UPDATE audit_read SET read_at = $1 WHERE id = (SELECT min(id) FROM audit_read)`,
      [old],
    );
    const count = async (table: string): Promise<number> =>
      (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;
    const before = {
      facts: await count('shipment_fact'),
      breaches: await count('sla_breach'),
      reads: await count('audit_read'),
      chain: await count('audit_entry'),
    };
    const oldBreaches = (
      await rows<{ n: number }>(
        'SELECT count(*)::int AS n FROM sla_breach WHERE shipment_id = $1',
        [oldShipment],
      )
    )[0]?.n;
    expect(await service.app.get(EnforceRetentionHandler).execute(now)).toEqual({
      facts: 1,
      breaches: oldBreaches,
      reads: 1,
    });
    expect({
      facts: await count('shipment_fact'),
      breaches: await count('sla_breach'),
      reads: await count('audit_read'),
      chain: await count('audit_entry'),
    }).toEqual({
      facts: before.facts - 1,
      breaches: before.breaches - (oldBreaches ?? 0),
      reads: before.reads - 1,
      chain: before.chain,
    });
    expect(
      await rows('SELECT shipment_id FROM shipment_fact WHERE shipment_id = $1', [oldShipment]),
    ).toEqual([]);
  }, 60_000);
});
