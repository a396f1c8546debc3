import { Kafka, logLevel } from 'kafkajs';

/** The topics of the system (not their `.dlq` twins). */
const SYSTEM_TOPIC = /^cuakhau\.[a-z-]+\.v1$/;

/**
 * Commits, for each consumer group, every partition's current end offset of every
 * `cuakhau.*.v1` topic, so that the groups start after what is already there. For a fresh
 * demo gate or a test run's fresh databases on a broker that also carries other runs'
 * traffic. The groups must have no running members. One short-lived member per group
 * commits everything at once (kafkajs `admin.setOffsets` joins the group once per topic,
 * ~5 s each). Returns how many events the groups will skip.
 */
export async function startConsumerGroupsAtTheEnd(
  brokers: readonly string[],
  groups: readonly string[],
): Promise<number> {
  const kafka = new Kafka({
    clientId: 'cuakhau-group-positioner',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => SYSTEM_TOPIC.test(topic));
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
    const skipped = ends.reduce((sum, end) => sum + Number(end.offset), 0);
    if (skipped === 0) return 0;
    await Promise.all(
      groups.map(async (groupId) => {
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
    return skipped;
  } finally {
    await admin.disconnect();
  }
}
