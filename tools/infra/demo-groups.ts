import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

/**
 * The consumer groups the services use by default (`<SERVICE>_CONSUMER_GROUP`), i.e. those of
 * the demo gate that `npm start` runs.
 */
export const DEMO_CONSUMER_GROUPS = [
  'registry',
  'customs',
  'border-guard',
  'quarantine',
  'logistics-queue',
  'audit',
] as const;

/** True when the demo gate never ran against this registry database (no inbox table yet). */
export async function isFreshDemo(registryDatabaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: registryDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string | null }>(
      "select to_regclass('public.messaging_inbox')::text as table",
    );
    return rows[0]?.table === null || rows[0]?.table === undefined;
  } finally {
    await client.end();
  }
}

/**
 * A fresh demo gate starts at the current end of every `cuakhau.*` topic: the local broker
 * also carries what `npm test` published (other gates, other databases), and replaying that
 * history into the demo's empty databases would keep the demo busy for minutes with events
 * about shipments it never had. One short-lived member per group commits every partition's
 * end offset (the services are not running yet, so the groups are empty).
 */
export async function startDemoGroupsAtTheEnd(brokers: readonly string[]): Promise<number> {
  const kafka = new Kafka({
    clientId: 'cuakhau-demo-setup',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) =>
      /^cuakhau\.[a-z-]+\.v1$/.test(topic),
    );
    const ends = (
      await Promise.all(
        topics.map(async (topic) =>
          (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
            topic,
            partition,
            offset: high,
          })),
        ),
      )
    ).flat();
    if (ends.every((end) => end.offset === '0')) return 0;
    await Promise.all(
      DEMO_CONSUMER_GROUPS.map(async (groupId) => {
        const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
        await consumer.connect();
        try {
          const joined = new Promise<void>((resolve) => {
            consumer.on(consumer.events.GROUP_JOIN, () => resolve());
          });
          await consumer.subscribe({ topics, fromBeginning: false });
          await consumer.run({ autoCommit: false, eachBatch: async () => {} });
          await joined;
          await consumer.commitOffsets(ends);
        } finally {
          await consumer.disconnect();
        }
      }),
    );
    return ends.reduce((sum, end) => sum + Number(end.offset), 0);
  } finally {
    await admin.disconnect();
  }
}
