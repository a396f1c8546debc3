import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import { QUEUE_CONFIG, QUEUE_LOGGER } from '../../logistics-queue.tokens';
import { LivePositionsProjector } from '../application/live-positions.projector';
import { parseGateChange, YARD_CHANGED_CHANNEL } from './yard.repository';

/**
 * LISTENs on `logistics_queue_changed`: every transaction that changes a gate NOTIFYs what it
 * changed (a `GateChange`), and PostgreSQL delivers the notification only at commit — so the live positions are refreshed
 * after, never before, the change is visible (also for changes made by Kafka consumers).
 */
@Injectable()
export class YardChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private client: Client | undefined;
  private started: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly projector: LivePositionsProjector,
    @Inject(QUEUE_CONFIG) private readonly config: LogisticsQueueConfig,
    @Inject(QUEUE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Idempotent: a hybrid Nest app (HTTP + gRPC) calls the bootstrap hooks twice. */
  onApplicationBootstrap(): Promise<void> {
    this.started ??= this.listen();
    return this.started;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.started?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (message) => {
      const change = parseGateChange(message.payload ?? '');
      if (!this.stopped && change !== undefined) void this.projector.applyQuietly(change);
    });
    client.on('error', (error) => {
      if (!this.stopped) this.logger.warn({ err: error }, 'change listener lost');
    });
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${YARD_CHANGED_CHANNEL}`);
  }
}
