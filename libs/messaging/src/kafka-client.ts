import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { noopLogger, type MessagingLogger } from './logger';

export interface KafkaClientOptions {
  clientId: string;
  /** `host:port` list, or a comma-separated string such as the `KAFKA_BROKERS` setting. */
  brokers: string | readonly string[];
  logger?: MessagingLogger;
}

/** Splits a comma-separated broker list (`127.0.0.1:9092,127.0.0.1:9094`). */
export function parseBrokers(brokers: string | readonly string[]): string[] {
  const list = typeof brokers === 'string' ? brokers.split(',') : [...brokers];
  return list.map((broker) => broker.trim()).filter((broker) => broker.length > 0);
}

/**
 * A kafkajs client whose own log lines (warnings and errors only — kafkajs is chatty at
 * info) go to the structured messaging logger.
 */
export function createKafka({ clientId, brokers, logger = noopLogger }: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId,
    brokers: parseBrokers(brokers),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...fields } = log;
        const entry = { component: 'kafkajs', namespace, ...fields };
        if (level <= logLevel.ERROR) logger.error(entry, message);
        else logger.warn(entry, message);
      },
  });
}
