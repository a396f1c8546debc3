import type { Pool } from 'pg';
import {
  createKafka,
  encodeEvent,
  InboxConsumer,
  PgTransactionRunner,
  type MessagingContract,
} from '../src';
import { eventually } from '@cuakhau/testing';
import {
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
import { probeContract } from './fixtures/probe.contract';
import { applyProbe } from './support/probe.handlers';

// The int project's testTimeout is not applied per project by Jest 30: set it here.
jest.setTimeout(180_000);

describe('duplicate delivery and unknown event types (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('duplicate-test');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let topic: string;
  let consumer: InboxConsumer;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = testPool(database.url, 4);
    topic = await createTestTopic(kafka);
  });

  afterAll(() =>
    cleanUp(
      () => consumer?.stop(),
      () => pool?.end(),
      () => database?.drop(),
      () => deleteTestTopic(kafka, topic),
    ),
  );

  it('applies the same event (same ce_id) delivered twice once, and records unknown types as skipped', async () => {
    const event = encodeEvent({
      contract: probeContract(topic),
      key: 'DUP-1',
      source: '/cuakhau/test',
      message: { key: 'DUP-1', seq: 1, note: 'once' },
    });
    const unknownContract: MessagingContract<{ n: number }> = {
      type: 'cuakhau.test.v1.SomethingElse',
      topic,
      fromJSON: () => ({ n: 1 }),
      toJSON: (message) => message,
    };
    const unknown = encodeEvent({
      contract: unknownContract,
      key: 'DUP-1',
      source: '/cuakhau/test',
      message: { n: 1 },
    });
    const record = { key: event.key, value: event.value, headers: event.headers };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [record] });
    await producer.send({
      topic,
      messages: [record, { key: unknown.key, value: unknown.value, headers: unknown.headers }],
    });
    await producer.disconnect();

    const groupId = uniqueName('duplicate');
    consumer = new InboxConsumer({
      kafka: createKafka({ clientId: 'duplicate', brokers: KAFKA_BROKERS }),
      groupId,
      transactions: new PgTransactionRunner(pool),
      handlers: [applyProbe(topic)],
    });
    await consumer.start();

    await eventually(async () => expect(await groupCaughtUp(kafka, groupId, topic)).toBe(true));
    expect(await appliedSummary(pool)).toEqual({ total: 1, distinct: 1 });
    expect(consumer.metrics).toMatchObject({
      applied: 1,
      duplicates: 1,
      skipped: 1,
      deadLettered: 0,
    });
    const { rows } = await pool.query<{ event_id: string; outcome: string }>(
      'SELECT event_id, outcome FROM messaging_inbox ORDER BY outcome',
    );
    expect(rows).toEqual([
      { event_id: event.id, outcome: 'applied' },
      { event_id: unknown.id, outcome: 'skipped' },
    ]);
  });
});
