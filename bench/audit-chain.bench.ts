/**
 * Audit benchmark (issue 10). In one run, on a fresh database:
 *   1. events appended per second to the hash chain through the service's real code path
 *      (AppendEventsHandler from a started audit service: chain lock, de-duplication on ce_id,
 *      hashing, signature checks, clearance facts, SLA evaluation), batches of 500 like a
 *      Kafka batch; next to a baseline of plain INSERTs of the same rows (same batches, a
 *      copy of audit_entry without trigger);
 *   2. the clearance-times report (ClearanceTimesHandler, aggregated in PostgreSQL) and the
 *      slowest shipments (SlowestShipmentsHandler, top 10 by index) over 1,000,000 facts
 *      generated with INSERT … SELECT generate_series, over all of them and over 7 days.
 * The bench database is dropped at the end.
 * Target: ≥ 5,000 appended events/s. Bounded: the reports stop 60 s after the facts are
 * generated (< 2 min on a quiet machine; generating 1M facts takes 10 s quiet, over 60 s busy).
 * Run: node -r ./tools/runtime/register.cjs bench/audit-chain.bench.ts  (BENCH_EVENTS=40000)
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import type { KafkaMessage } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { commonV1, decisionSigningInput, EVENTS } from '@cuakhau/contracts';
import { createFreshDatabase } from '@cuakhau/local-infra';
import { encodeEvent, parseBrokers, uuidv7, type OutgoingEvent } from '@cuakhau/messaging';
import { AgencySigningKey } from '@cuakhau/signing';
import { freePort } from '@cuakhau/testing';
import { loadAuditConfig } from '../services/audit/src/audit.config';
import { startAudit } from '../services/audit/src/audit.service';
import { AppendEventsHandler } from '../services/audit/src/audit-log/application/append-events.handler';
import { incomingEntryOf } from '../services/audit/src/audit-log/transport/audit-log.consumer';
import {
  ClearanceTimesHandler,
  SlowestShipmentsHandler,
} from '../services/audit/src/clearance/application/clearance-reports.handler';
import type { GroupBy } from '../services/audit/src/clearance/domain/clearance-steps';
import { printTable, ratePerSecond, round, writeResults } from './lib/bench-report';

const EVENTS_TOTAL = Number(process.env.BENCH_EVENTS ?? 40_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const FACTS = Number(process.env.BENCH_FACTS ?? 1_000_000);
/** Runs per report over 7 days (over all 1M facts: one run, to stay under 2 min). */
const REPORT_RUNS = 3;
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOPIC_PREFIX = 'bench.audit';

function unique(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * The event stream of `shipments` trucks, four events each (arrival, signed customs decision,
 * call, crossing), encoded as the producers encode them and mapped as the consumer maps them.
 */
function eventStream(count: number, customsKey: AgencySigningKey) {
  const start = Date.parse('2026-12-01T00:00:00Z');
  const messages: { topic: string; partition: number; message: KafkaMessage }[] = [];
  for (let i = 0; messages.length < count; i += 1) {
    const shipmentId = uuidv7();
    const arrivedAt = start + i * 1000;
    const iso = (offsetMinutes: number): string =>
      new Date(arrivedAt + offsetMinutes * 60_000).toISOString();
    const decided = {
      shipmentId,
      caseId: `case-${i}`,
      decision: commonV1.AgencyDecision.AGENCY_DECISION_CLEARED,
      reason: '',
      actor: { kind: commonV1.ActorKind.ACTOR_KIND_OFFICER, id: 'customs1', displayName: '' },
      decidedAt: iso(20),
      caseVersion: 2,
    };
    const events: OutgoingEvent<unknown>[] = [
      {
        contract: EVENTS.truckArrived,
        key: shipmentId,
        source: '/bench',
        message: EVENTS.truckArrived.fromJSON({
          shipmentId,
          gateCode: 'BENCH',
          arrivedAt: iso(0),
        }),
      },
      {
        contract: EVENTS.customsDecisionRecorded,
        key: shipmentId,
        source: '/bench',
        message: {
          ...EVENTS.customsDecisionRecorded.fromJSON({}),
          ...decided,
          gateCode: 'BENCH',
          signature: customsKey.sign(decisionSigningInput(commonV1.Agency.AGENCY_CUSTOMS, decided)),
        },
      },
      {
        contract: EVENTS.truckCalled,
        key: shipmentId,
        source: '/bench',
        message: EVENTS.truckCalled.fromJSON({ shipmentId, gateCode: 'BENCH', calledAt: iso(40) }),
      },
      {
        contract: EVENTS.borderGuardCrossingRecorded,
        key: shipmentId,
        source: '/bench',
        message: EVENTS.borderGuardCrossingRecorded.fromJSON({
          shipmentId,
          gateCode: 'BENCH',
          crossedAt: iso(60),
        }),
      },
    ];
    for (const event of events) {
      const encoded = encodeEvent({ ...event, time: new Date(arrivedAt) });
      const offset = String(messages.length);
      messages.push({
        topic: encoded.topic,
        partition: 0,
        message: {
          key: Buffer.from(encoded.key),
          value: Buffer.from(encoded.value),
          headers: encoded.headers,
          offset,
          timestamp: String(arrivedAt),
          attributes: 0,
        },
      });
    }
  }
  return messages
    .slice(0, count)
    .map(({ topic, partition, message }) => incomingEntryOf(topic, partition, message));
}

const FACTS_SQL = `
  INSERT INTO shipment_fact (shipment_id, gate_code, channel, registered_at, arrived_at,
    customs_opened_at, customs_decided_at, border_guard_decided_at, quarantine_decided_at,
    cleared_at, called_at, crossed_at)
  SELECT 'F' || i, 'MONGCAI', 'CHANNEL_GREEN',
    a - make_interval(secs => 600 + (i * 7919) % 3600), a,
    a + make_interval(secs => 30), c, b, q,
    GREATEST(c, b, q), GREATEST(c, b, q) + make_interval(secs => 30 + (i * 15485863) % 1800),
    GREATEST(c, b, q) + make_interval(secs => 330 + (i * 15485863) % 1800 + i % 900)
  FROM (
    SELECT i, a,
      a + make_interval(secs => 60 + (i * 104729) % 5400) AS c,
      a + make_interval(secs => 120 + (i * 1299709) % 3600) AS b,
      CASE WHEN i % 5 = 0 THEN a + make_interval(secs => 300 + (i * 49979687) % 7200) END AS q
    FROM (
      SELECT i::bigint AS i,
        timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => i * 8.64) AS a
      FROM generate_series(1, $1::int) AS i
    ) g
  ) s`;

async function main(): Promise<void> {
  const database = unique('bench_audit');
  const url = await createFreshDatabase(SERVER_URL, database);
  const customsKey = AgencySigningKey.generate('customs');
  // The audit consumer reads one empty topic of its own: the bench feeds the handler directly.
  const topic = `${TOPIC_PREFIX}.${unique('idle')}`;
  const kafka = new Kafka({
    clientId: 'audit-bench',
    brokers: parseBrokers(BROKERS),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
  const service = await startAudit(
    loadAuditConfig({
      DATABASE_URL: url,
      KAFKA_BROKERS: BROKERS,
      HTTP_PORT: '0',
      GRPC_PORT: String(await freePort()),
      LOG_LEVEL: 'error',
      AUDIT_CONSUMER_GROUP: unique('bench_audit'),
      AUDIT_TOPICS: topic,
      AUDIT_USE_STATIC_AGENCY_KEYS: 'true',
      AUDIT_STATIC_AGENCY_KEYS: JSON.stringify({ customs: [customsKey.published] }),
      AUDIT_SLA_CHECK_INTERVAL_MS: '3600000',
    }),
  );
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    // 1. Appends through the real path, then plain INSERTs of the rows it wrote.
    const entries = eventStream(EVENTS_TOTAL, customsKey);
    const append = service.app.get(AppendEventsHandler);
    await append.execute(entries.slice(0, BATCH)); // warm-up (JIT, pool, key cache)
    const measured = entries.slice(BATCH);
    const appendStart = performance.now();
    let appended = 0;
    for (let i = 0; i < measured.length; i += BATCH) {
      appended += (await append.execute(measured.slice(i, i + BATCH))).appended;
    }
    const appendMs = performance.now() - appendStart;

    await pool.query(
      `CREATE TABLE audit_entry_plain (LIKE audit_entry INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    const columns = `seq, event_id, event_type, subject, topic, kafka_partition, kafka_offset,
      event_time, message_key, headers, payload, content_hash, prev_hash, hash`;
    const rows = (
      await pool.query<Record<string, unknown>>(
        `SELECT ${columns} FROM audit_entry WHERE seq > $1 ORDER BY seq`,
        [BATCH],
      )
    ).rows;
    const plainStart = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const column = (name: string): unknown[] =>
        batch.map((row) => (name === 'headers' ? JSON.stringify(row[name]) : row[name]));
      await pool.query(
        `INSERT INTO audit_entry_plain (${columns})
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
           $6::int[], $7::bigint[], $8::timestamptz[], $9::text[], $10::jsonb[], $11::text[],
           $12::text[], $13::text[], $14::text[])`,
        columns.split(',').map((name) => column(name.trim())),
      );
    }
    const plainMs = performance.now() - plainStart;
    const appendRate = ratePerSecond(appended, appendMs);
    const plainRate = ratePerSecond(rows.length, plainMs);
    const appendRows = [
      {
        path: 'AppendEventsHandler (chain + checks + facts)',
        events: appended,
        ms: round(appendMs, 0),
        'events/s': round(appendRate, 0),
      },
      {
        path: 'plain INSERT of the same rows',
        events: rows.length,
        ms: round(plainMs, 0),
        'events/s': round(plainRate, 0),
      },
    ];
    printTable(`Audit chain appends (batches of ${BATCH}, target ≥ 5,000/s)`, appendRows);

    // 2. The clearance-times report over FACTS facts.
    const generateStart = performance.now();
    await pool.query(FACTS_SQL, [FACTS]);
    await pool.query('ANALYZE shipment_fact');
    const generateMs = performance.now() - generateStart;
    const deadline = Date.now() + 60_000;
    const report = service.app.get(ClearanceTimesHandler);
    const reportRows: Record<string, string | number>[] = [];
    const windows: { label: string; from: Date; to: Date }[] = [
      { label: '7 days (~70k)', from: new Date('2026-02-01'), to: new Date('2026-02-08') },
      { label: 'all 1M (100 days)', from: new Date('2026-01-01'), to: new Date('2026-04-12') },
    ];
    for (const window of windows) {
      for (const groupBy of ['step', 'agency', 'day', 'hour'] as GroupBy[]) {
        if (Date.now() > deadline) break;
        const times: number[] = [];
        let groups = 0;
        let shipments = 0;
        for (let run = 0; run < (window.label.startsWith('all') ? 1 : REPORT_RUNS); run += 1) {
          const start = performance.now();
          const result = await report.execute({
            gateCode: 'MONGCAI',
            from: window.from,
            to: window.to,
            groupBy,
          });
          times.push(performance.now() - start);
          groups = result.rows.length;
          shipments = result.rows.find((row) => row.group === 'arrived→crossed')?.count ?? 0;
        }
        times.sort((a, b) => a - b);
        reportRows.push({
          window: window.label,
          groupBy,
          groups,
          ...(shipments === 0 ? {} : { shipments }),
          'median ms': round(times[Math.floor(times.length / 2)] ?? Number.NaN, 0),
          'min ms': round(times[0] ?? Number.NaN, 0),
        });
      }
      const slowest = service.app.get(SlowestShipmentsHandler);
      const times: number[] = [];
      let found = 0;
      for (let run = 0; run < REPORT_RUNS; run += 1) {
        const start = performance.now();
        found = (
          await slowest.execute({
            gateCode: 'MONGCAI',
            from: window.from,
            to: window.to,
            limit: 10,
          })
        ).length;
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      reportRows.push({
        window: window.label,
        groupBy: 'slowest 10',
        groups: found,
        'median ms': round(times[Math.floor(times.length / 2)] ?? Number.NaN, 0),
        'min ms': round(times[0] ?? Number.NaN, 0),
      });
    }
    printTable(
      `Clearance-times report (PostgreSQL percentile_disc) and slowest shipments over ${FACTS.toLocaleString('en-US')} facts (generated in ${round(generateMs / 1000, 1)} s)`,
      reportRows,
    );
    const file = writeResults('audit-chain', {
      machine: { cpus: os.cpus().length, node: process.version },
      append: {
        batch: BATCH,
        events: appended,
        ms: round(appendMs, 0),
        perSecond: round(appendRate, 0),
        target: 5_000,
        plainInsert: { events: rows.length, ms: round(plainMs, 0), perSecond: round(plainRate, 0) },
        ratioToPlain: round(appendRate / plainRate, 3),
      },
      report: { facts: FACTS, generateMs: round(generateMs, 0), runs: reportRows },
    });
    process.stdout.write(`\nresults: ${file}\n`);
  } finally {
    await pool.end();
    await service.close();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    const server = new Pool({ connectionString: SERVER_URL, max: 1 });
    await server.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await server.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
    process.exit(1);
  },
);
