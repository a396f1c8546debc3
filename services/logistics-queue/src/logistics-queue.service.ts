import { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import { grpcPackageDefinition } from '@cuakhau/contracts';
import { createKafka } from '@cuakhau/messaging';
import {
  bootstrapService,
  createDataSource,
  createLogger,
  ensureDatabaseExists,
  KafkaReadinessCheck,
  PostgresReadinessCheck,
  RedisReadinessCheck,
  runMigrations,
  type RunningService,
} from '@cuakhau/platform';
import { AppModule, closeLogisticsQueueClients, LogisticsQueueClientsModule } from './app.module';
import { LOGISTICS_QUEUE_MIGRATIONS } from './database/logistics-queue.migrations';
import type { LogisticsQueueConfig } from './logistics-queue.config';

export const QUEUE_PROTO = 'cuakhau/queue/v1/queue_service.proto';

/**
 * Boots the logistics queue: database (created if missing, migrated), Kafka and Redis
 * clients, then the Nest app with health (PostgreSQL + Redis + Kafka readiness), the gRPC
 * QueueService, the outbox relay, the inbox consumer, the no-show worker, the change listener
 * and the resync that re-derives timers and positions from PostgreSQL.
 */
export async function startLogisticsQueue(
  config: LogisticsQueueConfig,
  logDestination?: DestinationStream,
): Promise<RunningService> {
  const logger = createLogger('logistics-queue', config.LOG_LEVEL, logDestination);
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    migrations: LOGISTICS_QUEUE_MIGRATIONS,
    name: 'logistics-queue',
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
  });
  await runMigrations(dataSource, logger);
  const kafka = createKafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  const redis = new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: 2,
    lazyConnect: false,
    // Concurrent position reads share one socket write per tick instead of one each.
    enableAutoPipelining: true,
  });
  const clients = LogisticsQueueClientsModule.forRoot({ dataSource, kafka, redis });
  try {
    return await bootstrapService({
      name: 'logistics-queue',
      module: AppModule.forRoot(config, clients, logger),
      config,
      readiness: {
        imports: [clients],
        checks: [PostgresReadinessCheck, RedisReadinessCheck, KafkaReadinessCheck],
      },
      grpc: {
        package: 'cuakhau.queue.v1',
        packageDefinition: grpcPackageDefinition(QUEUE_PROTO),
      },
      ...(logDestination === undefined ? {} : { logDestination }),
    });
  } catch (error) {
    await closeLogisticsQueueClients({ dataSource, kafka, redis });
    throw error;
  }
}
