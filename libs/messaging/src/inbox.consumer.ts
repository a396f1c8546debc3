import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic } from '@cuakhau/contracts';
import { backoffDelay, DEFAULT_RETRY_POLICY, delay, type RetryPolicy } from './backoff';
import {
  decodeEnvelope,
  decodePayload,
  headersAsText,
  type EventEnvelope,
  type EventOrigin,
  type MessagingContract,
  type ReceivedEvent,
} from './envelope';
import { describeError, noopLogger, type MessagingLogger } from './logger';
import { rowsOf, type SqlExecutor, type TransactionRunner } from './sql-executor';
import { UnappliableEventError } from './unappliable-event.error';

/** Applies one event inside the inbox transaction: its effects commit with the inbox row. */
export type EventHandler<T> = (event: ReceivedEvent<T>, tx: SqlExecutor) => Promise<void>;

/** A handler bound to its contract (built with {@link handleEvent}). */
export interface EventHandlerRegistration {
  readonly type: string;
  readonly topic: string;
  /** Decodes the payload (throws `EnvelopeError` when it cannot) and returns the work to run. */
  prepare(
    envelope: EventEnvelope,
    origin: EventOrigin,
    value: Buffer | null,
  ): (tx: SqlExecutor) => Promise<void>;
}

/** Binds a typed handler to the contract of the event type it handles. */
export function handleEvent<T>(
  contract: MessagingContract<T>,
  handler: EventHandler<T>,
): EventHandlerRegistration {
  return {
    type: contract.type,
    topic: contract.topic,
    prepare: (envelope, origin, value) => {
      const event = decodePayload(contract, envelope, origin, value);
      return (tx) => handler(event, tx);
    },
  };
}

export interface InboxConsumerOptions {
  kafka: Kafka;
  groupId: string;
  transactions: TransactionRunner;
  handlers: readonly EventHandlerRegistration[];
  /** Topics to consume; default: the topics of the handlers. Unknown types on them are skipped. */
  topics?: readonly string[];
  /** Handler retries before the dead-letter topic (default 5 tries from 100 ms, doubling). */
  retry?: Partial<RetryPolicy>;
  /** Partitions processed in parallel (default 1). Order is always kept within a partition. */
  partitionsConsumedConcurrently?: number;
  /** A new consumer group starts at the earliest offset (default true). */
  fromBeginning?: boolean;
  /** Kafka group session timeout: how soon a crashed member's partitions move (default 30 s). */
  sessionTimeoutMs?: number;
  /** Commit the offset at least every this many messages inside a batch (default 200). */
  commitEveryMessages?: number;
  logger?: MessagingLogger;
}

export interface InboxConsumerMetrics {
  /** Events whose handler committed. */
  readonly applied: number;
  /** Events already in the inbox (redelivered): not applied again. */
  readonly duplicates: number;
  /** Events of a type without handler: recorded and skipped. */
  readonly skipped: number;
  /** Messages published to a dead-letter topic. */
  readonly deadLettered: number;
  /** Failed handler attempts (each retry counts). */
  readonly failed: number;
}

type Outcome = 'applied' | 'duplicate';

const tracer = trace.getTracer('@cuakhau/messaging');

/**
 * Consumes topics with kafkajs `eachBatch` (autoCommit off) and applies each event exactly
 * once (ADR 0002): in ONE transaction it inserts `(group, event id)` into the inbox — a
 * conflict means "already done" — and runs the handler; the offset is committed only after
 * that transaction committed. A handler that keeps failing is retried with backoff, then the
 * original message goes to `<topic>.dlq` with the error in its headers and the partition
 * moves on; an undecodable message goes there at once. If the dead-letter publish fails, the
 * offset is not committed and the publish is retried.
 */
export class InboxConsumer {
  private readonly retry: RetryPolicy;
  private readonly handlers = new Map<string, EventHandlerRegistration>();
  private readonly topics: string[];
  private readonly logger: MessagingLogger;
  private readonly commitEvery: number;
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private stopController = new AbortController();
  private counters = { applied: 0, duplicates: 0, skipped: 0, deadLettered: 0, failed: 0 };

  constructor(private readonly options: InboxConsumerOptions) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    if (this.retry.maxAttempts < 1) throw new Error('retry.maxAttempts must be at least 1');
    for (const registration of options.handlers) {
      if (this.handlers.has(registration.type)) {
        throw new Error(`two handlers for event type ${registration.type}`);
      }
      this.handlers.set(registration.type, registration);
    }
    this.topics = [...new Set(options.topics ?? options.handlers.map((handler) => handler.topic))];
    if (this.topics.length === 0) throw new Error('an inbox consumer needs at least one topic');
    this.logger = options.logger ?? noopLogger;
    this.commitEvery = options.commitEveryMessages ?? 200;
  }

  get metrics(): InboxConsumerMetrics {
    return { ...this.counters };
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** Joins the group and starts consuming; resolves once the consumer runs. */
  async start(): Promise<void> {
    if (this.consumer) return;
    this.stopController = new AbortController();
    const producer = this.options.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    this.producer = producer;
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 500,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.max(500, Math.floor((this.options.sessionTimeoutMs ?? 30_000) / 10)),
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error(
        {
          groupId: this.options.groupId,
          error: describeError(payload.error),
          restart: payload.restart,
        },
        'inbox consumer crashed',
      );
    });
    await consumer.connect();
    await consumer.subscribe({
      topics: this.topics,
      fromBeginning: this.options.fromBeginning ?? true,
    });
    this.consumer = consumer;
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.eachBatch(consumer, payload),
    });
    this.logger.info(
      { groupId: this.options.groupId, topics: this.topics },
      'inbox consumer started',
    );
  }

  /** Finishes the message in flight, commits what is done, leaves the group, disconnects. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    this.stopController.abort();
    await consumer.disconnect();
    this.consumer = undefined;
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
    this.logger.info(
      { groupId: this.options.groupId, metrics: this.metrics },
      'inbox consumer stopped',
    );
  }

  private get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  private async eachBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const heartbeat = (): Promise<void> => payload.heartbeat();
    let uncommitted: string | undefined;
    let sinceCommit = 0;
    const commit = async (): Promise<void> => {
      if (uncommitted === undefined) return;
      const next = (BigInt(uncommitted) + 1n).toString();
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: next },
      ]);
      uncommitted = undefined;
      sinceCommit = 0;
    };
    for (const message of batch.messages) {
      if (!payload.isRunning() || payload.isStale() || this.stopping) break;
      const done = await this.processMessage(batch.topic, batch.partition, message, heartbeat);
      if (!done) break; // stopping: leave the offset uncommitted, the message comes again
      payload.resolveOffset(message.offset);
      uncommitted = message.offset;
      sinceCommit += 1;
      if (sinceCommit >= this.commitEvery) await commit();
      await heartbeat();
    }
    await commit();
  }

  /** @returns false when stopping interrupted the message (its offset must not be committed). */
  private async processMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const origin: EventOrigin = {
      topic,
      partition,
      offset: message.offset,
      key: message.key === null ? null : message.key.toString('utf8'),
    };
    let envelope: EventEnvelope | undefined;
    let work: ((tx: SqlExecutor) => Promise<void>) | undefined;
    try {
      envelope = decodeEnvelope(message.headers);
      const registration = this.handlers.get(envelope.type);
      if (!registration) {
        await this.recordSkipped(envelope, origin);
        return true;
      }
      work = registration.prepare(envelope, origin, message.value);
    } catch (error) {
      // Undecodable: retrying cannot help.
      return this.deadLetter(origin, message, error, envelope, 0, heartbeat);
    }
    const headers = headersAsText(message.headers);
    const parent = propagation.extract(ROOT_CONTEXT, headers);
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt += 1) {
      try {
        const outcome = await this.applyOnce(envelope, work, parent, origin);
        if (outcome === 'applied') this.counters.applied += 1;
        else this.counters.duplicates += 1;
        return true;
      } catch (error) {
        lastError = error;
        this.counters.failed += 1;
        const fields = {
          ...origin,
          eventId: envelope.id,
          type: envelope.type,
          attempt,
          error: describeError(error),
        };
        if (error instanceof UnappliableEventError) {
          // Retrying cannot help: straight to the dead-letter topic with the reason.
          return this.deadLetter(origin, message, error, envelope, attempt, heartbeat);
        }
        if (attempt === this.retry.maxAttempts) break;
        this.logger.warn(fields, 'inbox consumer: handler failed, retrying');
        await delay(backoffDelay(this.retry, attempt), this.stopController.signal);
        if (this.stopping) return false;
        await heartbeat();
      }
    }
    return this.deadLetter(origin, message, lastError, envelope, this.retry.maxAttempts, heartbeat);
  }

  private applyOnce(
    envelope: EventEnvelope,
    work: (tx: SqlExecutor) => Promise<void>,
    parent: ReturnType<typeof propagation.extract>,
    origin: EventOrigin,
  ): Promise<Outcome> {
    return tracer.startActiveSpan(
      `process ${envelope.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': origin.topic,
          'messaging.message.id': envelope.id,
          'messaging.consumer.group.name': this.options.groupId,
        },
      },
      parent,
      async (span) => {
        try {
          return await this.options.transactions.inTransaction(async (tx): Promise<Outcome> => {
            const inserted = await this.insertInbox(tx, envelope, 'applied');
            if (!inserted) return 'duplicate';
            await context.with(trace.setSpan(context.active(), span), () => work(tx));
            return 'applied';
          });
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: describeError(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /** INSERT … ON CONFLICT DO NOTHING RETURNING: a row back means this event is new to the group. */
  private async insertInbox(
    tx: SqlExecutor,
    envelope: EventEnvelope,
    outcome: 'applied' | 'skipped' | 'dead-lettered',
  ): Promise<boolean> {
    const result = await tx.query(
      `INSERT INTO messaging_inbox (consumer_group, event_id, event_type, outcome)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (consumer_group, event_id) DO NOTHING
       RETURNING event_id`,
      [this.options.groupId, envelope.id, envelope.type, outcome],
    );
    return rowsOf(result).length > 0;
  }

  private async recordSkipped(envelope: EventEnvelope, origin: EventOrigin): Promise<void> {
    const inserted = await this.options.transactions.inTransaction((tx) =>
      this.insertInbox(tx, envelope, 'skipped'),
    );
    if (inserted) {
      this.counters.skipped += 1;
      this.logger.info(
        { ...origin, eventId: envelope.id, type: envelope.type, groupId: this.options.groupId },
        'inbox consumer: no handler for this event type, skipped',
      );
    } else {
      this.counters.duplicates += 1;
    }
  }

  /**
   * Publishes the original message to `<topic>.dlq` with the error in its headers, retrying
   * until Kafka takes it. @returns false if stop() interrupted it (offset stays uncommitted).
   */
  private async deadLetter(
    origin: EventOrigin,
    message: KafkaMessage,
    error: unknown,
    envelope: EventEnvelope | undefined,
    attempts: number,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const target = deadLetterTopic(origin.topic);
    const headers = {
      ...headersAsText(message.headers),
      dlq_error: describeError(error).slice(0, 4_000),
      dlq_original_topic: origin.topic,
      dlq_original_partition: String(origin.partition),
      dlq_original_offset: origin.offset,
      dlq_consumer_group: this.options.groupId,
      dlq_attempts: String(attempts),
      dlq_failed_at: new Date().toISOString(),
    };
    for (let failures = 0; ; failures += 1) {
      if (this.stopping) return false;
      try {
        const producer = this.producer;
        if (!producer) return false;
        await producer.send({
          topic: target,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
        break;
      } catch (publishError) {
        this.logger.error(
          { ...origin, target, error: describeError(publishError) },
          'inbox consumer: dead-letter publish failed, retrying (offset not committed)',
        );
        await delay(backoffDelay(this.retry, failures + 1), this.stopController.signal);
        await heartbeat().catch(() => undefined);
      }
    }
    this.counters.deadLettered += 1;
    this.logger.error(
      {
        ...origin,
        target,
        eventId: envelope?.id,
        type: envelope?.type,
        attempts,
        error: headers.dlq_error,
      },
      'inbox consumer: message dead-lettered',
    );
    if (envelope) {
      // So that a redelivery (crash before the offset commit) is not dead-lettered twice.
      await this.options.transactions
        .inTransaction((tx) => this.insertInbox(tx, envelope, 'dead-lettered'))
        .catch((recordError: unknown) =>
          this.logger.warn(
            { error: describeError(recordError) },
            'inbox consumer: recording the dead letter failed',
          ),
        );
    }
    return true;
  }
}
