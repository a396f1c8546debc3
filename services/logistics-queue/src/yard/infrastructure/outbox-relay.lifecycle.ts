import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { OutboxRelay } from '@cuakhau/messaging';
import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import { QUEUE_CONFIG, QUEUE_LOGGER } from '../../logistics-queue.tokens';

/** The queue's outbox relay: started with the application, stopped (batch finished) with it. */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    kafka: Kafka,
    @Inject(QUEUE_CONFIG) config: LogisticsQueueConfig,
    @Inject(QUEUE_LOGGER) logger: Logger,
  ) {
    this.relay = new OutboxRelay({
      database: config.DATABASE_URL,
      kafka,
      logger: logger.child({ component: 'outbox-relay' }),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}
