import type { Kafka, KafkaMessage } from 'kafkajs';
import { headersAsText, type EnvelopeHeaders } from '../../src';
import { uniqueName } from './messaging-test-env';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: EnvelopeHeaders;
}

/** Reads a topic from the beginning in the background; `messages` fills as they arrive. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
): Promise<{ messages: ReadMessage[]; stop(): Promise<void> }> {
  const messages: ReadMessage[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: ({ partition, message }: { partition: number; message: KafkaMessage }) => {
      messages.push({
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? null,
        headers: headersAsText(message.headers),
      });
      return Promise.resolve();
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}
