import type { Pool } from 'pg';
import { createKafka, OutboxRelay } from '../src';
import { eventually, spawnTsProcess, type TsProcess } from '@cuakhau/testing';
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
import { writeProbeSeries } from './support/probe.writer';

const CONSUMER = 'libs/messaging/test/fixtures/probe-consumer.ts';

// The int project's testTimeout is not applied per project by Jest 30: set it here.
jest.setTimeout(180_000);

describe('a consumer process killed mid-batch (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('consumer-crash-test');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let topic: string;
  let relay: OutboxRelay;
  const processes: TsProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = testPool(database.url, 8);
    topic = await createTestTopic(kafka);
  });

  afterAll(() =>
    cleanUp(
      () => Promise.all(processes.map((child) => child.stop())),
      () => relay?.stop(),
      () => pool?.end(),
      () => database?.drop(),
      () => deleteTestTopic(kafka, topic),
    ),
  );

  it('loses nothing and applies nothing twice after SIGKILL and restart', async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `SHIPMENT-${i}`);
    const total = keys.length * 800;
    relay = new OutboxRelay({
      database: database.url,
      kafka: createKafka({ clientId: 'crash', brokers: KAFKA_BROKERS }),
    });
    await relay.start();
    await writeProbeSeries(pool, topic, keys, 800, 20);
    await eventually(() => expect(relay.metrics.published).toBeGreaterThanOrEqual(total), {
      timeoutMs: 60_000,
    });

    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS,
      TOPIC: topic,
      GROUP_ID: uniqueName('crash'),
    };
    const first = spawnTsProcess(CONSUMER, { env });
    processes.push(first);
    await first.waitForOutput(/consumer ready/);
    // Kill it while it is applying: some events done, most not.
    await eventually(
      async () => expect((await appliedSummary(pool)).distinct).toBeGreaterThanOrEqual(500),
      {
        intervalMs: 10,
        timeoutMs: 60_000,
      },
    );
    first.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const atKill = await appliedSummary(pool);
    expect(atKill.distinct).toBeLessThan(total);

    const second = spawnTsProcess(CONSUMER, { env });
    processes.push(second);
    await second.waitForOutput(/consumer ready/);
    await eventually(async () => expect((await appliedSummary(pool)).distinct).toBe(total), {
      timeoutMs: 120_000,
    });
    await eventually(async () =>
      expect(await groupCaughtUp(kafka, env.GROUP_ID, topic)).toBe(true),
    );
    await second.stop();
    expect(second.output()).toMatch(/consumer metrics/);

    expect(await appliedSummary(pool)).toEqual({ total, distinct: total });
    const sequences = await appliedSequences(pool);
    const expected = Array.from({ length: 800 }, (_, i) => i);
    for (const key of keys) expect(sequences.get(key)).toEqual(expected);
    process.stderr.write(
      `[consumer-crash] applied at SIGKILL: ${atKill.distinct}/${total}; restarted process: ${/consumer metrics (.*)/.exec(second.output())?.[1]}\n`,
    );
  });
});
