import type { Pool } from 'pg';
import { deadLetterTopic } from '@cuakhau/contracts';
import { createKafka, InboxConsumer, OutboxRelay, PgTransactionRunner } from '../src';
import { eventually } from '@cuakhau/testing';
import {
  appliedSequences,
  createTestDatabase,
  createTestTopic,
  deleteTestTopic,
  KAFKA_BROKERS,
  testKafka,
  testPool,
  uniqueName,
  cleanUp,
} from './support/messaging-test-env';
import { applyProbe } from './support/probe.handlers';
import { writeProbes } from './support/probe.writer';
import { readTopic } from './support/topic-reader';

// The int project's testTimeout is not applied per project by Jest 30: set it here.
jest.setTimeout(180_000);

describe('poison messages (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('poison-test');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let topic: string;
  let relay: OutboxRelay;
  let consumer: InboxConsumer;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = testPool(database.url, 8);
    topic = await createTestTopic(kafka);
  });

  afterAll(() =>
    cleanUp(
      () => consumer?.stop(),
      () => relay?.stop(),
      () => pool?.end(),
      () => database?.drop(),
      () => deleteTestTopic(kafka, topic),
    ),
  );

  it('dead-letters a failing, an unappliable and an undecodable message with the error, and the partition moves on', async () => {
    const client = createKafka({ clientId: 'poison', brokers: KAFKA_BROKERS });
    const groupId = uniqueName('poison');
    relay = new OutboxRelay({ database: database.url, kafka: client });
    consumer = new InboxConsumer({
      kafka: client,
      groupId,
      transactions: new PgTransactionRunner(pool),
      handlers: [
        applyProbe(
          topic,
          (seq, key) => key === 'POISON' && seq === 13,
          (seq, key) => key === 'POISON' && seq === 27,
        ),
      ],
      retry: { maxAttempts: 3, initialDelayMs: 20 },
    });
    const dlq = await readTopic(kafka, deadLetterTopic(topic));
    await relay.start();
    await consumer.start();

    // Same key → same partition: 0..19, a raw undecodable record, then 20..39.
    await writeProbes(
      pool,
      topic,
      'POISON',
      Array.from({ length: 20 }, (_, i) => i),
    );
    await eventually(() => expect(relay.metrics.published).toBe(20));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'POISON', value: 'this is not an event' }] });
    await producer.disconnect();
    await writeProbes(
      pool,
      topic,
      'POISON',
      Array.from({ length: 20 }, (_, i) => 20 + i),
    );

    await eventually(async () => {
      const sequences = await appliedSequences(pool);
      expect(sequences.get('POISON')).toEqual(
        Array.from({ length: 40 }, (_, i) => i).filter((seq) => seq !== 13 && seq !== 27),
      );
    });
    await eventually(() => expect(dlq.messages).toHaveLength(3));
    await dlq.stop();

    const [failed, undecodable, unappliable] = dlq.messages.sort(
      (a, b) => Number(a.offset) - Number(b.offset) || a.partition - b.partition,
    );
    const partition = failed?.headers.dlq_original_partition;
    expect(failed).toMatchObject({
      key: 'POISON',
      value: JSON.stringify({ key: 'POISON', seq: 13, note: 'POISON:13' }),
      headers: {
        ce_type: 'cuakhau.test.v1.Probe',
        ce_subject: 'POISON',
        dlq_error: 'Error: probe POISON#13 refused by the test handler',
        dlq_original_topic: topic,
        dlq_original_offset: '13',
        dlq_consumer_group: groupId,
        dlq_attempts: '3',
      },
    });
    expect(failed?.headers.dlq_failed_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(undecodable).toMatchObject({
      key: 'POISON',
      value: 'this is not an event',
      headers: {
        dlq_error: 'EnvelopeError: missing required header ce_specversion',
        dlq_original_topic: topic,
        dlq_original_partition: partition,
        dlq_original_offset: '20',
        dlq_consumer_group: groupId,
        dlq_attempts: '0',
      },
    });
    // An UnappliableEventError is not retried: one attempt, then the dead-letter topic.
    expect(unappliable).toMatchObject({
      key: 'POISON',
      headers: {
        ce_type: 'cuakhau.test.v1.Probe',
        dlq_error: 'UnappliableEventError: PROBE.UNAPPLIABLE: probe POISON#27 can never be applied',
        dlq_original_offset: '28',
        dlq_attempts: '1',
      },
    });
    const { rows } = await pool.query<{ outcome: string }>(
      'SELECT outcome FROM messaging_inbox WHERE event_id = $1',
      [failed?.headers.ce_id],
    );
    expect(rows).toEqual([{ outcome: 'dead-lettered' }]);
    expect(consumer.metrics).toMatchObject({ applied: 38, deadLettered: 3, failed: 4 });
  });
});
