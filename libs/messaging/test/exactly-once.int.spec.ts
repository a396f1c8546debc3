import type { Pool } from 'pg';
import { createKafka, InboxConsumer, OutboxRelay, PgTransactionRunner } from '../src';
import { eventually } from '@cuakhau/testing';
import {
  appliedSequences,
  appliedSummary,
  createTestDatabase,
  createTestTopic,
  deleteTestTopic,
  groupCaughtUp,
  KAFKA_BROKERS,
  testKafka,
  testPool,
  uniqueName,
  cleanUp,
} from './support/messaging-test-env';
import { applyProbe } from './support/probe.handlers';
import { writeProbeSeries } from './support/probe.writer';

// The int project's testTimeout is not applied per project by Jest 30: set it here.
jest.setTimeout(180_000);

describe('outbox → relay → Kafka → inbox (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('exactly-once-test');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let topic: string;
  let relay: OutboxRelay;
  let standby: OutboxRelay;
  let consumer: InboxConsumer;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = testPool(database.url, 12);
    topic = await createTestTopic(kafka);
  });

  afterAll(() =>
    cleanUp(
      () => consumer?.stop(),
      () => relay?.stop(),
      () => standby?.stop(),
      () => pool?.end(),
      () => database?.drop(),
      () => deleteTestTopic(kafka, topic),
    ),
  );

  it('applies 10,000 events written in 1,000 transactions exactly once, in order per key', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `SHIPMENT-${i}`);
    const perKey = 500;
    const client = createKafka({ clientId: 'exactly-once', brokers: KAFKA_BROKERS });
    // Two relay instances on one database: one holds the lease, the other stands by.
    relay = new OutboxRelay({ database: database.url, kafka: client, leaseRetryMs: 200 });
    standby = new OutboxRelay({ database: database.url, kafka: client, leaseRetryMs: 200 });
    consumer = new InboxConsumer({
      kafka: client,
      groupId: uniqueName('exactly_once'),
      transactions: new PgTransactionRunner(pool),
      handlers: [applyProbe(topic)],
      partitionsConsumedConcurrently: 3,
    });
    await relay.start();
    await eventually(() => expect(relay.metrics.leader).toBe(true));
    await standby.start();
    await consumer.start();

    // First half, then fail over (the leader stops, the standby takes the lease), then the rest.
    await writeProbeSeries(pool, topic, keys, perKey / 2, 10);
    expect(standby.metrics.leader).toBe(false);
    await eventually(async () =>
      expect((await appliedSummary(pool)).distinct).toBeGreaterThanOrEqual(2_000),
    );
    await relay.stop();
    await eventually(() => expect(standby.metrics.leader).toBe(true));
    await writeProbeSeries(pool, topic, keys, perKey / 2, 10, perKey / 2);

    await eventually(
      async () => expect((await appliedSummary(pool)).distinct).toBe(keys.length * perKey),
      {
        timeoutMs: 120_000,
        intervalMs: 250,
      },
    );
    await eventually(async () =>
      expect(await groupCaughtUp(kafka, consumer.groupId, topic)).toBe(true),
    );

    expect(await appliedSummary(pool)).toEqual({ total: 10_000, distinct: 10_000 });
    const sequences = await appliedSequences(pool);
    expect([...sequences.keys()].sort()).toEqual([...keys].sort());
    const expected = Array.from({ length: perKey }, (_, i) => i);
    for (const key of keys) expect(sequences.get(key)).toEqual(expected);
    const { rows: notes } = await pool.query<{ bad: string }>(
      "SELECT count(*) AS bad FROM applied_probe WHERE note <> message_key || ':' || seq",
    );
    expect(Number(notes[0]?.bad)).toBe(0);
    const { rows: outbox } = await pool.query<{ left: string }>(
      'SELECT count(*) AS left FROM messaging_outbox',
    );
    expect(Number(outbox[0]?.left)).toBe(0);
    const { rows: inbox } = await pool.query<{ outcome: string; n: string }>(
      'SELECT outcome, count(*) AS n FROM messaging_inbox GROUP BY outcome',
    );
    expect(inbox).toEqual([{ outcome: 'applied', n: '10000' }]);
    expect(relay.metrics.published).toBeGreaterThan(0);
    expect(standby.metrics.published).toBeGreaterThan(0);
    expect(relay.metrics.published + standby.metrics.published).toBeGreaterThanOrEqual(10_000);
    expect(consumer.metrics.applied).toBe(10_000);
    expect(consumer.metrics.deadLettered).toBe(0);
  });
});
