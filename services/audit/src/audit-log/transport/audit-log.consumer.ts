import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka, type Consumer, type KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { headersAsText } from '@cuakhau/messaging';
import type { AuditConfig } from '../../audit.config';
import { AUDIT_CONFIG, AUDIT_LOGGER } from '../../audit.tokens';
import { AppendEventsHandler } from '../application/append-events.handler';
import type { IncomingEntry } from '../infrastructure/audit-entry.repository';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Maps a Kafka message to a chain entry; nothing is refused (no contract needed). */
export function incomingEntryOf(
  topic: string,
  partition: number,
  message: KafkaMessage,
): IncomingEntry {
  const headers = headersAsText(message.headers);
  const time = headers['ce_time'];
  const key = message.key === null ? null : message.key.toString('utf8');
  return {
    eventId: headers['ce_id'] ?? `kafka:${topic}/${partition}/${message.offset}`,
    eventType: headers['ce_type'] ?? 'unknown',
    subject: headers['ce_subject'] ?? key ?? '',
    topic,
    partition,
    offset: message.offset,
    eventTime:
      time !== undefined && RFC3339.test(time) && !Number.isNaN(Date.parse(time)) ? time : null,
    headers,
    key,
    payload: message.value === null ? null : message.value.toString('utf8'),
  };
}

/**
 * Reads every topic of the system and appends each message to the chain: one batch per
 * transaction, offsets committed after the commit (a redelivery is absorbed by the
 * unique ce_id). A batch that fails is retried by kafkajs from its first uncommitted offset.
 */
@Injectable()
export class AuditLogConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | undefined;
  private started: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  appended = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly append: AppendEventsHandler,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
    @Inject(AUDIT_LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Idempotent: a hybrid Nest app (HTTP + gRPC) calls the bootstrap hooks twice, and a second
   * consumer would be left fetching after shutdown.
   */
  onApplicationBootstrap(): Promise<void> {
    this.started ??= this.start();
    return this.started;
  }

  /** Waits for the start, then for the batch in flight; leaves the group and disconnects. */
  onApplicationShutdown(): Promise<void> {
    this.stopped ??= this.stop();
    return this.stopped;
  }

  private async stop(): Promise<void> {
    await this.started?.catch(() => undefined);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }

  private async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.config.AUDIT_CONSUMER_GROUP,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 250,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.config.AUDIT_TOPICS], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async (payload) => {
        const { batch } = payload;
        if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
        const entries = batch.messages.map((message) =>
          incomingEntryOf(batch.topic, batch.partition, message),
        );
        const { appended } = await this.append.execute(entries);
        this.appended += appended;
        const last = batch.messages[batch.messages.length - 1];
        if (last === undefined) return;
        payload.resolveOffset(last.offset);
        await consumer.commitOffsets([
          {
            topic: batch.topic,
            partition: batch.partition,
            offset: (BigInt(last.offset) + 1n).toString(),
          },
        ]);
        await payload.heartbeat();
      },
    });
    this.logger.info({ topics: this.config.AUDIT_TOPICS }, 'audit log consumer started');
  }
}
