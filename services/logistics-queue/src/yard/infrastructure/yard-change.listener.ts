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
import { YARD_CHANGED_CHANNEL } from './yard.repository';

/**
 * LISTENs on `logistics_queue_changed`: every transaction that changes a gate NOTIFYs it, and
 * PostgreSQL delivers the notification only at commit — so the live positions are refreshed
 * after, never before, the change is visible (also for changes made by Kafka consumers).
 */
@Injectable()
export class YardChangeListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private client: Client | undefined;

  constructor(
    private readonly projector: LivePositionsProjector,
    @Inject(QUEUE_CONFIG) private readonly config: LogisticsQueueConfig,
    @Inject(QUEUE_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (message) => {
      if (message.payload !== undefined && message.payload !== '') {
        void this.projector.refreshQuietly(message.payload);
      }
    });
    client.on('error', (error) => this.logger.warn({ err: error }, 'change listener lost'));
    await client.connect();
    await client.query(`LISTEN ${YARD_CHANGED_CHANNEL}`);
    this.client = client;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.end().catch(() => undefined);
  }
}
