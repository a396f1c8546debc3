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
import { AppModule, AuditClientsModule } from './app.module';
import type { AuditConfig } from './audit.config';
import { AUDIT_MIGRATIONS } from './database/audit.migrations';

export const AUDIT_PROTO = 'cuakhau/audit/v1/audit_service.proto';
export const FEEDBACK_PROTO = 'cuakhau/audit/v1/feedback_service.proto';

/**
 * Boots the audit service: database (created if missing, migrated), Kafka client, then the
 * Nest app with health, the gRPC AuditService, the outbox relay (alerts), the consumer of
 * every topic (the hash chain) and the periodic jobs. main.ts and int tests call it.
 */
export async function startAudit(
  config: AuditConfig,
  logDestination?: DestinationStream,
): Promise<RunningService> {
  const logger = createLogger('audit', config.LOG_LEVEL, logDestination);
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    migrations: AUDIT_MIGRATIONS,
    name: 'audit',
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
  });
  await runMigrations(dataSource, logger);
  const kafka = createKafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  const clients = AuditClientsModule.forRoot({ dataSource, kafka });
  try {
    return await bootstrapService({
      name: 'audit',
      module: AppModule.forRoot(config, clients, logger),
      config,
      readiness: { imports: [clients], checks: [PostgresReadinessCheck, KafkaReadinessCheck] },
      grpc: {
        package: 'cuakhau.audit.v1',
        packageDefinition: grpcPackageDefinition(AUDIT_PROTO, FEEDBACK_PROTO),
      },
      ...(logDestination === undefined ? {} : { logDestination }),
    });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
