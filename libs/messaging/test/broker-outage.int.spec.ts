import type { Pool } from 'pg';
import { isLocalKafkaManaged, startLocalKafka, stopLocalKafka } from '@cuakhau/local-infra';
import { createKafka, InboxConsumer, OutboxRelay, PgTransactionRunner } from '../src';
import { eventually } from '@cuakhau/testing';
import {
  appliedSequences,
  appliedSummary,
  cleanUp,
  createTestDatabase,
  createTestTopic,
  deleteTestTopic,
  groupCaughtUp,
  KAFKA_BROKERS,
  testKafka,
  testPool,
  uniqueName,
} from './support/messaging-test-env';
import { applyProbe } from './support/probe.handlers';
import { writeProbes } from './support/probe.writer';

// The int project's testTimeout is not applied per project by Jest 30: set it here.
jest.setTimeout(180_000);

describe('the Kafka broker down while services keep writing (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('broker-outage-test');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let topic: string;
  let relay: OutboxRelay;
  let consumer: InboxConsumer;
  let writing = false;
  let writer: Promise<void> | undefined;

  beforeAll(async () => {
    if (!isLocalKafkaManaged()) {
      throw new Error(
        'broker-outage test: KAFKA_BROKERS points at external brokers that this test cannot stop; ' +
          'run it against the local broker (unset KAFKA_BROKERS) — it must not be skipped',
      );
    }
    database = await createTestDatabase();
    pool = testPool(database.url, 8);
    topic = await createTestTopic(kafka);
  });

  afterAll(() =>
    cleanUp(
      async () => {
        writing = false;
        await writer;
      },
      () => startLocalKafka(), // whatever happened, leave the broker running
      () => consumer?.stop(),
      () => relay?.stop(),
      () => pool?.end(),
      () => database?.drop(),
      () => deleteTestTopic(kafka, topic),
    ),
  );

  it('commits writes during the outage, then the relay resumes and nothing is lost or doubled', async () => {
    const client = createKafka({ clientId: 'outage', brokers: KAFKA_BROKERS });
    relay = new OutboxRelay({
      database: database.url,
      kafka: client,
      backoff: { initialDelayMs: 100, maxDelayMs: 1_000, factor: 2 },
    });
    consumer = new InboxConsumer({
      kafka: client,
      groupId: uniqueName('outage'),
      transactions: new PgTransactionRunner(pool),
      handlers: [applyProbe(topic)],
      partitionsConsumedConcurrently: 3,
    });
    await relay.start();
    await consumer.start();

    // A writer that keeps committing one event per transaction, round-robin over 4 keys.
    const keys = ['OUT-A', 'OUT-B', 'OUT-C', 'OUT-D'];
    const written = new Map(keys.map((key) => [key, 0]));
    writing = true;
    let committed = 0;
    writer = (async () => {
      while (writing) {
        for (const key of keys) {
          const from = written.get(key) ?? 0;
          await writeProbes(pool, topic, key, [from]);
          written.set(key, from + 1);
          committed += 1;
        }
      }
    })();

    await eventually(async () =>
      expect((await appliedSummary(pool)).distinct).toBeGreaterThanOrEqual(200),
    );
    await stopLocalKafka();
    const stoppedAt = Date.now();
    const committedAtStop = committed;
    const failedAtStop = relay.metrics.failed;

    // While Kafka is down: transactions keep committing, the relay records failed attempts.
    await eventually(
      async () => {
        expect(relay.metrics.failed).toBeGreaterThan(failedAtStop);
        const { rows } = await pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM messaging_outbox WHERE attempts > 0 AND last_error IS NOT NULL',
        );
        expect(Number(rows[0]?.n)).toBeGreaterThan(0);
        expect(committed - committedAtStop).toBeGreaterThanOrEqual(1_000);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const outageWrites = committed - committedAtStop;
    await startLocalKafka();
    const downSeconds = (Date.now() - stoppedAt) / 1_000;
    writing = false;
    await writer;

    const total = committed;
    await eventually(async () => expect((await appliedSummary(pool)).distinct).toBe(total), {
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    await eventually(
      async () => expect(await groupCaughtUp(kafka, consumer.groupId, topic)).toBe(true),
      { timeoutMs: 60_000 },
    );
    expect(await appliedSummary(pool)).toEqual({ total, distinct: total });
    const sequences = await appliedSequences(pool);
    for (const key of keys) {
      expect(sequences.get(key)).toEqual(
        Array.from({ length: written.get(key) ?? 0 }, (_, i) => i),
      );
    }
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM messaging_outbox');
    expect(Number(rows[0]?.n)).toBe(0);
    process.stderr.write(
      `[broker-outage] Kafka down ${downSeconds.toFixed(1)} s; ${outageWrites} events committed meanwhile; ${total} applied exactly once; relay ${JSON.stringify(relay.metrics)}; consumer ${JSON.stringify(consumer.metrics)}\n`,
    );
  });
});
