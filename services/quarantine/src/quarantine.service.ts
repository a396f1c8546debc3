import { grpcPackageDefinition } from '@cuakhau/contracts';
import { createKafka } from '@cuakhau/messaging';
import {
  bootstrapService,
  createDataSource,
  createLogger,
  ensureDatabaseExists,
  KafkaReadinessCheck,
  PostgresReadinessCheck,
  runMigrations,
  type RunningService,
} from '@cuakhau/platform';
import type { DestinationStream } from 'pino';
import { AppModule, QuarantineClientsModule } from './app.module';
import { QUARANTINE_MIGRATIONS } from './database/quarantine.migrations';
import type { QuarantineConfig } from './quarantine.config';
import { loadQuarantineSigningKey } from './signing/quarantine-signing-key';

export const QUARANTINE_PROTO = 'cuakhau/quarantine/v1/quarantine_service.proto';

/**
 * Boots quarantine: signing key, database (created if missing, migrated, controlled-goods
 * list seeded by migration), Kafka client, then the Nest app with health (PostgreSQL +
 * Kafka readiness), the gRPC QuarantineService, the outbox relay and the inbox consumer of
 * registry events. main.ts calls it; integration tests call it in-process.
 */
export async function startQuarantine(
  config: QuarantineConfig,
  logDestination?: DestinationStream,
): Promise<RunningService> {
  const logger = createLogger('quarantine', config.LOG_LEVEL, logDestination);
  const signingKey = loadQuarantineSigningKey(config);
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    migrations: QUARANTINE_MIGRATIONS,
    name: 'quarantine',
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
  });
  await runMigrations(dataSource, logger);
  const kafka = createKafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  const clients = QuarantineClientsModule.forRoot({ dataSource, kafka });
  try {
    return await bootstrapService({
      name: 'quarantine',
      module: AppModule.forRoot(config, clients, logger, signingKey),
      config,
      readiness: { imports: [clients], checks: [PostgresReadinessCheck, KafkaReadinessCheck] },
      grpc: {
        package: 'cuakhau.quarantine.v1',
        packageDefinition: grpcPackageDefinition(QUARANTINE_PROTO),
      },
      onShutdown: () => dataSource.destroy(),
      ...(logDestination === undefined ? {} : { logDestination }),
    });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
