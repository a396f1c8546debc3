import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { OutboxRelay } from '@cuakhau/messaging';
import type { AuditConfig } from '../../audit.config';
import { AUDIT_CONFIG, AUDIT_LOGGER } from '../../audit.tokens';

/** The audit outbox relay (alerts on cuakhau.audit.v1): started and stopped with the app. */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    kafka: Kafka,
    @Inject(AUDIT_CONFIG) config: AuditConfig,
    @Inject(AUDIT_LOGGER) logger: Logger,
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
