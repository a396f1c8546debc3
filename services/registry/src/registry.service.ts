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
import { AppModule, RegistryClientsModule } from './app.module';
import { REGISTRY_MIGRATIONS } from './database/registry.migrations';
import type { RegistryConfig } from './registry.config';
import { GateEntity } from './shipments/infrastructure/gate.entity';
import { ShipmentEntity } from './shipments/infrastructure/shipment.entity';

export const REGISTRY_PROTO = 'cuakhau/registry/v1/registry_service.proto';

/**
 * Boots the registry: database (created if missing, migrated), Kafka client, then the Nest
 * app with health (PostgreSQL + Kafka readiness), the gRPC RegistryService, the outbox relay
 * and the inbox consumer. main.ts calls it; integration tests call it in-process.
 */
export async function startRegistry(
  config: RegistryConfig,
  logDestination?: DestinationStream,
): Promise<RunningService> {
  const logger = createLogger('registry', config.LOG_LEVEL, logDestination);
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [ShipmentEntity, GateEntity],
    migrations: REGISTRY_MIGRATIONS,
    name: 'registry',
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
  });
  await runMigrations(dataSource, logger);
  const kafka = createKafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  const clients = RegistryClientsModule.forRoot({ dataSource, kafka });
  try {
    return await bootstrapService({
      name: 'registry',
      module: AppModule.forRoot(config, clients, logger),
      config,
      readiness: { imports: [clients], checks: [PostgresReadinessCheck, KafkaReadinessCheck] },
      grpc: {
        package: 'cuakhau.registry.v1',
        packageDefinition: grpcPackageDefinition(REGISTRY_PROTO),
      },
      onShutdown: () => dataSource.destroy(),
      ...(logDestination === undefined ? {} : { logDestination }),
    });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
