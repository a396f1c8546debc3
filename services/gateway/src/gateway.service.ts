import { Redis } from 'ioredis';
import type { DestinationStream } from 'pino';
import {
  bootstrapService,
  createDataSource,
  createLogger,
  ensureDatabaseExists,
  PostgresReadinessCheck,
  RedisReadinessCheck,
  runMigrations,
  type RunningService,
} from '@cuakhau/platform';
import { AppModule, GatewayClientsModule } from './app.module';
import { TokenKeys } from './auth/infrastructure/token-keys';
import { GATEWAY_MIGRATIONS } from './database/gateway.migrations';
import { OpenApiDocument } from './docs/openapi.document';
import type { GatewayConfig } from './gateway.config';
import { serveWebApp } from './web/web-app';

/** The access-token keys: the configured PEM, else a development key under RUN_DIR. */
export function tokenKeysOf(config: GatewayConfig): TokenKeys {
  return config.JWT_PRIVATE_KEY_PEM === undefined
    ? TokenKeys.loadOrCreateDevelopmentKey(config.RUN_DIR)
    : TokenKeys.fromPrivateKeyPem(config.JWT_PRIVATE_KEY_PEM);
}

/**
 * Boots the gateway: database (created if missing, migrated), Redis, the token keys, then
 * the Nest app with health (PostgreSQL + Redis readiness), the public REST API and the web app.
 * main.ts calls it; integration tests call it in-process.
 */
export async function startGateway(
  config: GatewayConfig,
  logDestination?: DestinationStream,
): Promise<RunningService> {
  const logger = createLogger('gateway', config.LOG_LEVEL, logDestination);
  await ensureDatabaseExists(config.DATABASE_URL);
  const dataSource = createDataSource({
    url: config.DATABASE_URL,
    entities: [],
    migrations: GATEWAY_MIGRATIONS,
    name: 'gateway',
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
  });
  await runMigrations(dataSource, logger);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  const openApi = new OpenApiDocument();
  const clients = GatewayClientsModule.forRoot({
    dataSource,
    redis,
    tokenKeys: tokenKeysOf(config),
  });
  try {
    const running = await bootstrapService({
      name: 'gateway',
      module: AppModule.forRoot(config, clients, logger, openApi),
      config,
      readiness: { imports: [clients], checks: [PostgresReadinessCheck, RedisReadinessCheck] },
      configure: (app) => serveWebApp(app, config.WEB_DIST_DIR, logger),
      onShutdown: async () => {
        redis.disconnect();
        await dataSource.destroy();
      },
      ...(logDestination === undefined ? {} : { logDestination }),
    });
    openApi.build(running.app);
    return running;
  } catch (error) {
    redis.disconnect();
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
