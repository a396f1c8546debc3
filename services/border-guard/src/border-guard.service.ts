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
import { AgencySigningKey } from '@cuakhau/signing';
import type { DestinationStream } from 'pino';
import { AppModule, BorderGuardClientsModule } from './app.module';
import type { BorderGuardConfig } from './border-guard.config';
import { SIGNING_AGENCY } from './cases/application/case-events';
import { BORDER_GUARD_MIGRATIONS } from './database/border-guard.migrations';

export const BORDER_GUARD_PROTO = 'cuakhau/border_guard/v1/border_guard_service.proto';

/** The configured key, else (never in production, the config refuses it) the development key. */
export function signingKeyOf(config: BorderGuardConfig): AgencySigningKey {
  const pem = config.BORDER_GUARD_SIGNING_KEY_PEM ?? '';
  return pem !== ''
    ? AgencySigningKey.fromPrivateKeyPem(SIGNING_AGENCY, pem)
    : AgencySigningKey.loadOrCreateDevelopmentKey(
        SIGNING_AGENCY,
        config.BORDER_GUARD_SIGNING_KEY_DIR,
      );
}

/**
 * Boots the border guard: database (created if missing, migrated), Kafka client, signing
 * key, then the Nest app with health, the gRPC BorderGuardService, the outbox relay and the
 * inbox consumer. main.ts calls it; integration tests call it in-process.
 */
export async function startBorderGuard(
  config: BorderGuardConfig,
  logDestination?: DestinationStream,
): Promise<RunningService> {
  const logger = createLogger('border-guard', config.LOG_LEVEL, logDestination);
  const signingKey = signingKeyOf(config);
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    migrations: BORDER_GUARD_MIGRATIONS,
    name: 'border-guard',
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
  });
  await runMigrations(dataSource, logger);
  const kafka = createKafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  const clients = BorderGuardClientsModule.forRoot({ dataSource, kafka });
  try {
    return await bootstrapService({
      name: 'border-guard',
      module: AppModule.forRoot(config, clients, logger, signingKey),
      config,
      readiness: { imports: [clients], checks: [PostgresReadinessCheck, KafkaReadinessCheck] },
      grpc: {
        package: 'cuakhau.border_guard.v1',
        packageDefinition: grpcPackageDefinition(BORDER_GUARD_PROTO),
      },
      onShutdown: () => dataSource.destroy(),
      ...(logDestination === undefined ? {} : { logDestination }),
    });
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
