/**
 * Outbox relay benchmark (ADR 0002). Measures, in one run on this machine:
 *   1. raw PostgreSQL: inserting N outbox rows through OutboxWriter (500 per transaction);
 *   2. raw kafkajs: N messages of the same size and headers, sendBatch of 1,000, idempotent, acks=all;
 *   3. the relay draining the N pre-written rows to Kafka;
 *   4. commit → consume latency for a steady trickle (one event per transaction every 10 ms).
 * Targets: relay ≥ 10,000 msg/s and ≥ 30 % of raw kafkajs. Bounded: stops by itself.
 * Run: node -r ./tools/runtime/register.cjs bench/outbox-relay.bench.ts  (BENCH_EVENTS=50000)
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { Pool } from 'pg';
import {
  encodeEvent,
  MESSAGING_SCHEMA_UP_SQL,
  OutboxRelay,
  OutboxWriter,
  parseBrokers,
  PgTransactionRunner,
  type MessagingContract,
} from '@cuakhau/messaging';
import {
  percentile,
  printTable,
  ratePerSecond,
  round,
  waitFor,
  writeResults,
} from './lib/bench-report';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const TRICKLE_EVENTS = Number(process.env.BENCH_TRICKLE_EVENTS ?? 500);
const TRICKLE_INTERVAL_MS = 10;
const KEYS = 200;
const BROKERS = parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092');
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface BenchEvent {
  shipmentId: string;
  seq: number;
  detail: string;
}

function contract(topic: string): MessagingContract<BenchEvent> {
  return {
    type: 'cuakhau.bench.v1.BenchEvent',
    topic,
    fromJSON: (object) => object as BenchEvent,
    toJSON: (message) => message,
  };
}

/** A ~300-byte payload, about the size of a clearance decision event. */
const DETAIL = randomBytes(120).toString('hex');

function benchEvent(seq: number): BenchEvent {
  return { shipmentId: `SHIP-${seq % KEYS}`, seq, detail: DETAIL };
}

function unique(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

async function main(): Promise<void> {
  const name = unique('bench_outbox');
  const kafka = new Kafka({
    clientId: 'outbox-bench',
    brokers: BROKERS,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const relayTopic = `bench.outbox.${name}`;
  const rawTopic = `bench.raw.${name}`;
  const trickleTopic = `bench.trickle.${name}`;
  await admin.createTopics({
    waitForLeaders: true,
    topics: [relayTopic, rawTopic, trickleTopic].map((topic) => ({
      topic,
      numPartitions: 6,
      replicationFactor: 1,
    })),
  });
  const server = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await server.query(`CREATE DATABASE ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 4 });
  pool.on('error', () => undefined);
  const relays: OutboxRelay[] = [];
  try {
    await pool.query(MESSAGING_SCHEMA_UP_SQL);
    const writer = new OutboxWriter();
    const transactions = new PgTransactionRunner(pool);
    const eventContract = contract(relayTopic);

    // 1. raw PostgreSQL insert rate of outbox rows
    let started = performance.now();
    for (let from = 0; from < EVENTS; from += 500) {
      const batch = Array.from({ length: Math.min(500, EVENTS - from) }, (_, i) => {
        const message = benchEvent(from + i);
        return {
          contract: eventContract,
          key: message.shipmentId,
          source: '/cuakhau/bench',
          message,
        };
      });
      await transactions.inTransaction((tx) => writer.append(tx, batch));
    }
    const insertMs = performance.now() - started;

    // 2. raw kafkajs baseline: same payloads and headers, sendBatch of 1,000, idempotent, acks=all
    const rawMessages: Message[] = Array.from({ length: EVENTS }, (_, seq) => {
      const message = benchEvent(seq);
      const encoded = encodeEvent({
        contract: contract(rawTopic),
        key: message.shipmentId,
        source: '/cuakhau/bench',
        message,
      });
      return { key: encoded.key, value: encoded.value, headers: encoded.headers };
    });
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    await producer.connect();
    started = performance.now();
    for (let from = 0; from < EVENTS; from += 1_000) {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [{ topic: rawTopic, messages: rawMessages.slice(from, from + 1_000) }],
      });
    }
    const rawKafkaMs = performance.now() - started;
    await producer.disconnect();

    // 3. the relay draining the pre-written outbox
    const relay = new OutboxRelay({ database: url.toString(), kafka });
    relays.push(relay);
    started = performance.now();
    await relay.start();
    await waitFor(() => relay.metrics.published >= EVENTS, 120_000);
    const relayMs = performance.now() - started;
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM messaging_outbox');
    if (Number(rows[0]?.n) !== 0)
      throw new Error(`outbox not empty after the relay run: ${rows[0]?.n}`);
    const offsets = await admin.fetchTopicOffsets(relayTopic);
    const inKafka = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    if (inKafka < EVENTS)
      throw new Error(`only ${inKafka} of ${EVENTS} relayed events are in Kafka`);

    // 4. commit → consume latency for a trickle
    const trickleContract = contract(trickleTopic);
    const committedAt = new Map<string, number>();
    const consumedAt = new Map<string, number>();
    const consumer = kafka.consumer({ groupId: unique('bench_trickle'), maxWaitTimeInMs: 100 });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [trickleTopic], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const id = message.headers?.ce_id?.toString();
        if (id !== undefined && !consumedAt.has(id)) consumedAt.set(id, performance.now());
        return Promise.resolve();
      },
    });
    await joined;
    for (let seq = 0; seq < TRICKLE_EVENTS; seq += 1) {
      const message = benchEvent(seq);
      const [encoded] = await transactions.inTransaction((tx) =>
        writer.append(tx, [
          { contract: trickleContract, key: message.shipmentId, source: '/cuakhau/bench', message },
        ]),
      );
      if (encoded) committedAt.set(encoded.id, performance.now());
      await new Promise((resolve) => setTimeout(resolve, TRICKLE_INTERVAL_MS));
    }
    await waitFor(
      () => [...committedAt.keys()].every((id) => consumedAt.has(id)),
      60_000,
      () =>
        `trickle: ${consumedAt.size}/${committedAt.size} consumed, relay ${JSON.stringify(relay.metrics)}`,
    );
    // The consumer may see an event before the writer's COMMIT reply is processed: count that as 0.
    const latencies = [...committedAt].map(([id, at]) =>
      Math.max(0, (consumedAt.get(id) ?? at) - at),
    );
    await consumer.disconnect();

    const relayRate = ratePerSecond(EVENTS, relayMs);
    const rawKafkaRate = ratePerSecond(EVENTS, rawKafkaMs);
    const insertRate = ratePerSecond(EVENTS, insertMs);
    const ratio = relayRate / rawKafkaRate;
    const results = {
      benchmark: 'outbox-relay',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version },
      events: EVENTS,
      payloadBytes: rawMessages[0]?.value?.length ?? 0,
      throughput: {
        relayMsgPerSec: round(relayRate),
        rawKafkajsMsgPerSec: round(rawKafkaRate),
        rawPostgresOutboxInsertRowsPerSec: round(insertRate),
        relayToRawKafkajsRatio: round(ratio, 3),
      },
      latencyMs: {
        events: latencies.length,
        p50: round(percentile(latencies, 50), 2),
        p99: round(percentile(latencies, 99), 2),
        max: round(Math.max(...latencies), 2),
      },
      targets: {
        relayAtLeast10kPerSec: relayRate >= 10_000,
        relayAtLeast30PercentOfRaw: ratio >= 0.3,
      },
      relay: relay.metrics,
    };
    printTable(
      `outbox relay — ${EVENTS.toLocaleString('en-US')} events of ${results.payloadBytes} bytes`,
      [
        {
          measure: 'relay (outbox → Kafka)',
          'msg/s': round(relayRate),
          'elapsed ms': round(relayMs),
        },
        {
          measure: 'baseline: raw kafkajs sendBatch',
          'msg/s': round(rawKafkaRate),
          'elapsed ms': round(rawKafkaMs),
        },
        {
          measure: 'baseline: raw PostgreSQL outbox insert',
          'msg/s': round(insertRate),
          'elapsed ms': round(insertMs),
        },
        { measure: 'relay / raw kafkajs', 'msg/s': `${round(ratio * 100)} %`, 'elapsed ms': '' },
      ],
    );
    printTable(
      `commit → consume latency (${latencies.length} events, one per transaction every ${TRICKLE_INTERVAL_MS} ms)`,
      [
        {
          p50: `${results.latencyMs.p50} ms`,
          p99: `${results.latencyMs.p99} ms`,
          max: `${results.latencyMs.max} ms`,
        },
      ],
    );
    const file = writeResults('outbox-relay', results);
    process.stdout.write(`\nresults: ${file}\n`);
    process.stdout.write(
      `targets: relay ≥ 10,000 msg/s ${results.targets.relayAtLeast10kPerSec ? 'MET' : 'MISSED'}; relay ≥ 30 % of raw kafkajs ${results.targets.relayAtLeast30PercentOfRaw ? 'MET' : 'MISSED'}\n`,
    );
  } finally {
    for (const relay of relays) await relay.stop();
    await pool.end();
    await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.end();
    await admin
      .deleteTopics({ topics: [relayTopic, rawTopic, trickleTopic] })
      .catch(() => undefined);
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `outbox-relay bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
