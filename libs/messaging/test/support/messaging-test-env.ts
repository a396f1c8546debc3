import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type ITopicConfig } from 'kafkajs';
import { Pool } from 'pg';
import { deadLetterTopic } from '@cuakhau/contracts';
import { MESSAGING_SCHEMA_UP_SQL, parseBrokers } from '../../src';

/** The servers the int tests talk to (set by the jest global set-up; local defaults). */
export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
export const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The table a test handler writes its effect to: no unique key, so a double apply shows. */
export const APPLIED_TABLE_SQL = `
CREATE TABLE applied_probe (
  applied_order bigserial PRIMARY KEY,
  event_id      uuid        NOT NULL,
  message_key   text        NOT NULL,
  seq           integer     NOT NULL,
  note          text        NOT NULL
);`;

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** The same server URL with another database name. */
export function databaseUrl(database: string): string {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database with the messaging schema and the test's applied table. */
export async function createTestDatabase(
  prefix = 'msg_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = uniqueName(prefix);
  const admin = new Pool({ connectionString: DATABASE_URL, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const setup = new Pool({ connectionString: url, max: 1 });
  try {
    await setup.query(MESSAGING_SCHEMA_UP_SQL);
    await setup.query(APPLIED_TABLE_SQL);
  } finally {
    await setup.end();
  }
  return {
    url,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function testKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: parseBrokers(KAFKA_BROKERS), logLevel: logLevel.NOTHING });
}

/** A uniquely named topic (6 partitions) and its dead-letter twin; auto-creation is off. */
export async function createTestTopic(kafka: Kafka, prefix = 'test.messaging'): Promise<string> {
  const topic = `${prefix}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}.v1`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics: ITopicConfig[] = [topic, deadLetterTopic(topic)].map((name) => ({
      topic: name,
      numPartitions: 6,
      replicationFactor: 1,
    }));
    await admin.createTopics({ topics, waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
}

export async function deleteTestTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic)] });
  } catch {
    // best effort
  } finally {
    await admin.disconnect();
  }
}

/** True when the group has committed every partition of `topic` up to its end. */
export async function groupCaughtUp(
  kafka: Kafka,
  groupId: string,
  topic: string,
): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.every((end) => {
      const mine = committed?.partitions.find((p) => p.partition === end.partition);
      const offset = mine ? Number(mine.offset) : -1;
      return Number(end.high) === 0 || offset >= Number(end.high);
    });
  } finally {
    await admin.disconnect();
  }
}

export interface AppliedSummary {
  total: number;
  distinct: number;
}

export async function appliedSummary(pool: Pool): Promise<AppliedSummary> {
  const { rows } = await pool.query<{ total: string; distinct: string }>(
    'SELECT count(*) AS total, count(DISTINCT event_id) AS distinct FROM applied_probe',
  );
  return { total: Number(rows[0]?.total ?? 0), distinct: Number(rows[0]?.distinct ?? 0) };
}

/** Per key, the sequence numbers in the order they were applied. */
export async function appliedSequences(pool: Pool): Promise<Map<string, number[]>> {
  const { rows } = await pool.query<{ message_key: string; seq: number }>(
    'SELECT message_key, seq FROM applied_probe ORDER BY applied_order',
  );
  const byKey = new Map<string, number[]>();
  for (const row of rows) {
    const list = byKey.get(row.message_key) ?? [];
    list.push(row.seq);
    byKey.set(row.message_key, list);
  }
  return byKey;
}

/** A pool for a test database; an idle client's error (server restart) is logged, not fatal. */
export function testPool(url: string, max: number): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', (error) =>
    process.stderr.write(`[test pool] idle client error: ${error.message}\n`),
  );
  return pool;
}

/** Runs every clean-up step even when an earlier one fails; rethrows the first failure. */
export async function cleanUp(...steps: Array<() => Promise<unknown> | undefined>): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, 'clean-up failed');
}
