import { TOPICS } from '@cuakhau/contracts';
import { Kafka, logLevel } from 'kafkajs';
import {
  LOCAL_KAFKA_BROKERS,
  isLocalKafkaManaged,
  kafkaAnswers,
  startLocalKafka,
  stopLocalKafka,
} from './kafka';
import { isPortOpen } from './process-control';

// Failure tests stop the shared local broker for a while and start it again, from inside
// a jest worker; this proves the controls they rely on.
describe('local broker control', () => {
  it('runs on the local broker in this test run', () => {
    expect(isLocalKafkaManaged()).toBe(true);
  });

  it('stops the broker (port closed) and starts it again with its topics intact', async () => {
    await stopLocalKafka();
    expect(await isPortOpen('127.0.0.1', 9092)).toBe(false);
    expect(await kafkaAnswers(LOCAL_KAFKA_BROKERS)).toBe(false);

    await startLocalKafka();
    expect(await kafkaAnswers(LOCAL_KAFKA_BROKERS)).toBe(true);
    const admin = new Kafka({
      brokers: [...LOCAL_KAFKA_BROKERS],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toContain(TOPICS.registry);
    } finally {
      await admin.disconnect();
    }
  }, 120_000);
});
