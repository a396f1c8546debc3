import { randomUUID } from 'node:crypto';
import { TOPICS } from '@cuakhau/contracts';
import Redis from 'ioredis';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { ensureInfrastructure, type InfrastructureEndpoints } from './ensure-infrastructure';
import { SERVICE_DATABASES, createFreshDatabase, databaseUrlFor } from './postgres';

describe('local infrastructure round trip', () => {
  let endpoints: InfrastructureEndpoints;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    endpoints = await ensureInfrastructure();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await consumer?.disconnect();
  });

  it('is idempotent: a second call reuses what runs and starts nothing', async () => {
    const again = await ensureInfrastructure();
    expect(again.startedKafka || again.startedPostgres || again.startedRedis).toBe(false);
    expect(again.kafkaBrokers).toEqual(endpoints.kafkaBrokers);
  });

  // Not importing @cuakhau/testing here: it depends on this lib (jest global set-up).
  it('carries a message through Kafka on cuakhau.registry.v1', async () => {
    const kafka = new Kafka({
      clientId: 'local-infra-int',
      brokers: endpoints.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    const key = randomUUID();
    consumer = kafka.consumer({ groupId: `local-infra-int-${key}` });
    await consumer.connect();
    // A new group reads from the beginning, so the message is seen whenever the group joins.
    await consumer.subscribe({ topic: TOPICS.registry, fromBeginning: true });
    const received = new Promise<string>((resolve) => {
      void consumer?.run({
        eachMessage: ({ message }) => {
          if (message.key?.toString() === key) resolve(message.value?.toString() ?? '');
          return Promise.resolve();
        },
      });
    });
    producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.registry, messages: [{ key, value: `hello ${key}` }] });
    const value = await received;
    expect(value).toBe(`hello ${key}`);
  }, 60_000);

  it('answers `select 1` on every service database', async () => {
    for (const name of Object.values(SERVICE_DATABASES)) {
      const client = new Client({ connectionString: databaseUrlFor(endpoints.databaseUrl, name) });
      await client.connect();
      try {
        const result = await client.query<{ one: number }>('select 1 as one');
        expect(result.rows[0]?.one).toBe(1);
        expect(
          (await client.query<{ db: string }>('select current_database() as db')).rows[0]?.db,
        ).toBe(name);
      } finally {
        await client.end();
      }
    }
  });

  it('creates a fresh database for a test, dropping the old one', async () => {
    const url = await createFreshDatabase(endpoints.databaseUrl, 'cuakhau_local_infra_int');
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('create table marker (id int)');
    await client.end();
    const again = new Client({
      connectionString: await createFreshDatabase(endpoints.databaseUrl, 'cuakhau_local_infra_int'),
    });
    await again.connect();
    const tables = await again.query("select 1 from pg_tables where tablename = 'marker'");
    await again.end();
    expect(tables.rowCount).toBe(0);
  });

  it('answers PING on Redis', async () => {
    const redis = new Redis(endpoints.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      redis.disconnect();
    }
  });
});
