import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { OutboxRelay } from '@cuakhau/messaging';
import type { BorderGuardConfig } from '../../border-guard.config';
import { BORDER_GUARD_CONFIG, BORDER_GUARD_LOGGER } from '../../border-guard.tokens';

/** The border guard's outbox relay: started with the application, stopped (batch finished) with it. */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    kafka: Kafka,
    @Inject(BORDER_GUARD_CONFIG) config: BorderGuardConfig,
    @Inject(BORDER_GUARD_LOGGER) logger: Logger,
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
