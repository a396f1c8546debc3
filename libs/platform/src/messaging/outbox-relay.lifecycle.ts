import {
  Inject,
  Injectable,
  type FactoryProvider,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { OutboxRelay } from '@cuakhau/messaging';

/** What a service's outbox relay needs besides the Kafka client. */
export interface OutboxRelaySettings {
  readonly databaseUrl: string;
  readonly logger: Logger;
}

export const OUTBOX_RELAY_SETTINGS = Symbol('OUTBOX_RELAY_SETTINGS');

/**
 * A service's outbox relay: started with the application, stopped (batch finished) with it.
 * Provide it with `outboxRelaySettingsProvider(...)` and a `Kafka` client.
 */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(kafka: Kafka, @Inject(OUTBOX_RELAY_SETTINGS) settings: OutboxRelaySettings) {
    this.relay = new OutboxRelay({
      database: settings.databaseUrl,
      kafka,
      logger: settings.logger.child({ component: 'outbox-relay' }),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

/** The relay's settings from a service's own config (`DATABASE_URL`) and logger tokens. */
export function outboxRelaySettingsProvider(
  configToken: symbol,
  loggerToken: symbol,
): FactoryProvider<OutboxRelaySettings> {
  return {
    provide: OUTBOX_RELAY_SETTINGS,
    useFactory: (config: { readonly DATABASE_URL: string }, logger: Logger) => ({
      databaseUrl: config.DATABASE_URL,
      logger,
    }),
    inject: [configToken, loggerToken],
  };
}
