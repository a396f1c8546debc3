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
import { AppModule, CustomsClientsModule } from './app.module';
import { DecisionSigner } from './cases/infrastructure/decision-signer';
import type { CustomsConfig } from './customs.config';
import { CUSTOMS_MIGRATIONS } from './database/customs.migrations';

export const CUSTOMS_PROTO = 'cuakhau/customs/v1/customs_service.proto';

/**
 * Boots customs: signing key, database (created if missing, migrated, demo rules seeded by
 * the migration), Kafka client, then the Nest app with health (PostgreSQL + Kafka
 * readiness), the gRPC CustomsService, the outbox relay and the inbox consumer of
 * `cuakhau.registry.v1`. main.ts calls it; integration tests call it in-process.
 */
export async function startCustoms(
  config: CustomsConfig,
  logDestination?: DestinationStream,
): Promise<RunningService> {
  const logger = createLogger('customs', config.LOG_LEVEL, logDestination);
  const signer = DecisionSigner.fromConfig(config);
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    migrations: CUSTOMS_MIGRATIONS,
    name: 'customs',
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
  });
  await runMigrations(dataSource, logger);
  const kafka = createKafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  const clients = CustomsClientsModule.forRoot({ dataSource, kafka });
  try {
    return await bootstrapService({
      name: 'customs',
      module: AppModule.forRoot(config, clients, logger, signer),
      config,
      readiness: { imports: [clients], checks: [PostgresReadinessCheck, KafkaReadinessCheck] },
      grpc: {
        package: 'cuakhau.customs.v1',
        packageDefinition: grpcPackageDefinition(CUSTOMS_PROTO),
      },
      onShutdown: () => dataSource.destroy(),
      ...(logDestination === undefined ? {} : { logDestination }),
    });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
