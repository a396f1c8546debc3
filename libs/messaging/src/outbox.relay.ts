import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { Client, type ClientConfig } from 'pg';
import { backoffDelay, delay, type BackoffPolicy } from './backoff';
import { describeError, noopLogger, type MessagingLogger } from './logger';
import { OUTBOX_CHANNEL } from './messaging.schema';
import type { EnvelopeHeaders } from './envelope';

export interface OutboxRelayOptions {
  /** The service's database (the relay opens ONE dedicated connection to it). */
  database: ClientConfig | string;
  kafka: Kafka;
  /** Rows per Kafka `sendBatch` (default 1,000). */
  batchSize?: number;
  /** Poll even without a notification this often (default 500 ms): the safety net for a lost NOTIFY. */
  pollIntervalMs?: number;
  /** A standby relay tries to take the lease this often (default 1,000 ms). */
  leaseRetryMs?: number;
  /** Waits after a failed publication (default 100 ms doubling to 5 s). */
  backoff?: BackoffPolicy;
  /**
   * Give up on a `sendBatch` (or producer connect) after this long (default 10 s) and retry
   * with a new producer. kafkajs' own nested retries can otherwise take minutes to fail.
   */
  publishTimeoutMs?: number;
  /** The advisory-lock key of the lease: one publishing relay per database (default fixed). */
  leaseKey?: number;
  logger?: MessagingLogger;
}

export interface OutboxRelayMetrics {
  /** Events acknowledged by Kafka (and removed from the outbox). */
  readonly published: number;
  /** Failed publication attempts (batches). */
  readonly failed: number;
  /** Batches acknowledged by Kafka. */
  readonly batches: number;
  /** Whether this instance currently holds the lease and publishes. */
  readonly leader: boolean;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  headers: EnvelopeHeaders;
  payload: string;
}

/** Arbitrary but fixed: the lease of "the" outbox relay of one database. */
export const DEFAULT_RELAY_LEASE_KEY = 0x0c0ab0c5;

const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 100, maxDelayMs: 5_000, factor: 2 };

/**
 * Publishes the outbox to Kafka (ADR 0002).
 *
 * - One dedicated PostgreSQL session LISTENs on `messaging_outbox` and holds a session
 *   advisory lock — the lease: among several relay instances of a service only the holder
 *   publishes, so rows go out strictly in `id` order and per-key order holds. The batch is
 *   read and deleted on that same session, so a relay that lost its session (and thus its
 *   lease) cannot delete anything; standbys retry the lease every `leaseRetryMs`.
 * - Woken by NOTIFY at commit, with a `pollIntervalMs` poll as the fallback.
 * - Up to `batchSize` rows per `sendBatch` of an idempotent producer with acks=all; rows are
 *   deleted only after Kafka acknowledged them. A failed batch is retried from the head (never
 *   skipped: skipping would reorder a key) with backoff; attempts and the last error are
 *   recorded on the rows, the producer is recreated, and nothing is lost while Kafka is down.
 *   Delivery is at-least-once; the consumers' inbox removes duplicates.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseRetryMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly leaseKey: number;
  private readonly publishTimeoutMs: number;
  private readonly logger: MessagingLogger;

  private session: Client | undefined;
  private producer: Producer | undefined;
  private connecting: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private stopController = new AbortController();
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private consecutiveFailures = 0;

  private counters = { published: 0, failed: 0, batches: 0 };
  private isLeader = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 1_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.leaseRetryMs = options.leaseRetryMs ?? 1_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.leaseKey = options.leaseKey ?? DEFAULT_RELAY_LEASE_KEY;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
    this.logger = options.logger ?? noopLogger;
  }

  get metrics(): OutboxRelayMetrics {
    return { ...this.counters, leader: this.isLeader };
  }

  /** Starts the relay loop in the background; returns at once. */
  start(): Promise<void> {
    if (this.loop) return Promise.resolve();
    this.stopController = new AbortController();
    this.loop = this.run();
    return Promise.resolve();
  }

  /** Finishes the batch in flight, releases the lease, closes the connection and the producer. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopController.abort();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await this.closeSession();
    await this.closeProducer();
  }

  private get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let session: Client;
      try {
        const acquired = await this.acquireLease();
        if (!acquired) {
          await delay(this.leaseRetryMs, this.stopController.signal);
          continue;
        }
        session = acquired;
      } catch (error) {
        this.logger.warn({ error: describeError(error) }, 'outbox relay: database session failed');
        await this.closeSession();
        await delay(this.nextBackoff(), this.stopController.signal);
        continue;
      }
      try {
        const published = await this.publishOneBatch(session);
        if (published === 0) await this.waitForWork();
      } catch {
        // Already logged and recorded where it happened; retry the same batch after a backoff.
        await delay(this.nextBackoff(), this.stopController.signal);
      }
    }
  }

  /** The session holding the lease, or undefined when another relay holds it. */
  private async acquireLease(): Promise<Client | undefined> {
    if (this.session && this.isLeader) return this.session;
    if (!this.session) {
      const session = new Client(
        typeof this.options.database === 'string'
          ? { connectionString: this.options.database }
          : this.options.database,
      );
      session.on('error', (error) => {
        this.logger.warn(
          { error: describeError(error) },
          'outbox relay: session error, reconnecting',
        );
        if (this.session === session) {
          this.session = undefined;
          this.isLeader = false;
        }
        this.wake?.();
      });
      session.on('notification', () => this.notify());
      this.session = session;
      await session.connect();
      await session.query(`LISTEN ${OUTBOX_CHANNEL}`);
    }
    const session = this.session;
    const result = await session.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [this.leaseKey],
    );
    this.isLeader = result.rows[0]?.locked === true;
    if (this.isLeader)
      this.logger.info({ leaseKey: this.leaseKey }, 'outbox relay: lease taken, publishing');
    return this.isLeader ? session : undefined;
  }

  private async publishOneBatch(session: Client): Promise<number> {
    let rows: OutboxRow[];
    try {
      const result = await session.query<OutboxRow>(
        // ORDER BY the bigint column, not the text alias (text order would put 10 before 2).
        `SELECT id::text AS id, topic, message_key, headers, payload
           FROM messaging_outbox ORDER BY messaging_outbox.id LIMIT $1`,
        [this.batchSize],
      );
      rows = result.rows;
    } catch (error) {
      this.logger.warn({ error: describeError(error) }, 'outbox relay: reading the outbox failed');
      await this.closeSession();
      throw error;
    }
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    try {
      await withTimeout(
        this.connectedProducer().then((producer) =>
          producer.sendBatch({ topicMessages: groupByTopic(rows), acks: -1 }),
        ),
        this.publishTimeoutMs,
        `publishing ${rows.length} outbox rows`,
      );
    } catch (error) {
      this.counters.failed += 1;
      this.logger.error(
        {
          error: describeError(error),
          rows: rows.length,
          firstId: ids[0],
          failures: this.consecutiveFailures + 1,
        },
        'outbox relay: publishing failed, will retry',
      );
      this.dropProducer();
      await session
        .query(
          `UPDATE messaging_outbox
              SET attempts = attempts + 1, last_error = $2, last_attempt_at = now()
            WHERE id = ANY($1::bigint[])`,
          [ids, describeError(error)],
        )
        .catch((recordError: unknown) =>
          this.logger.warn(
            { error: describeError(recordError) },
            'outbox relay: recording the failure failed',
          ),
        );
      throw error;
    }
    try {
      await session.query('DELETE FROM messaging_outbox WHERE id = ANY($1::bigint[])', [ids]);
    } catch (error) {
      // Published but not deleted: they will be published again; the inbox removes duplicates.
      this.logger.warn(
        { error: describeError(error) },
        'outbox relay: deleting published rows failed',
      );
      await this.closeSession();
      throw error;
    }
    this.consecutiveFailures = 0;
    this.counters.published += rows.length;
    this.counters.batches += 1;
    return rows.length;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) {
      await this.connecting;
      return this.producer;
    }
    const producer = this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2_000 },
    });
    this.producer = producer;
    this.connecting = producer.connect();
    await this.connecting;
    return producer;
  }

  private nextBackoff(): number {
    this.consecutiveFailures += 1;
    return backoffDelay(this.backoff, this.consecutiveFailures);
  }

  private notify(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  /** Until a NOTIFY arrives, the poll interval passes, or stop() is called. */
  private async waitForWork(): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      const signal = this.stopController.signal;
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
    this.wake = undefined;
    this.pendingWake = false;
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    const wasLeader = this.isLeader;
    this.isLeader = false;
    if (!session) return;
    try {
      if (wasLeader) await session.query('SELECT pg_advisory_unlock($1)', [this.leaseKey]);
    } catch {
      // The session is going away; ending it releases the lock anyway.
    }
    await session.end().catch(() => undefined);
  }

  /** Abandons the producer without waiting (its disconnect may hang while Kafka is down). */
  private dropProducer(): void {
    const producer = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    void producer?.disconnect().catch(() => undefined);
  }

  private async closeProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    this.connecting = undefined;
    if (producer) {
      await withTimeout(
        producer.disconnect(),
        this.publishTimeoutMs,
        'disconnecting the producer',
      ).catch(() => undefined);
    }
  }
}

/** Rejects after `ms` if `work` has not settled (the work itself is abandoned, not cancelled). */
async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined); // a late failure of abandoned work is not unhandled
  }
}

function groupByTopic(rows: readonly OutboxRow[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    let messages = byTopic.get(row.topic);
    if (!messages) {
      messages = [];
      byTopic.set(row.topic, messages);
    }
    messages.push({ key: row.message_key, value: row.payload, headers: row.headers });
  }
  return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
}
