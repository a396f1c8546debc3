import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AgencyCases } from './agencies/application/agency-cases';
import {
  BorderGuardClient,
  CustomsClient,
  QuarantineClient,
} from './agencies/infrastructure/agency.clients';
import { AgenciesController } from './agencies/transport/agencies.controller';
import { LoginHandler } from './auth/application/login.handler';
import { LogoutHandler } from './auth/application/logout.handler';
import { RefreshSessionHandler } from './auth/application/refresh-session.handler';
import { RevokeApiKeyHandler } from './auth/application/revoke-api-key.handler';
import { SessionIssuer } from './auth/application/session.issuer';
import { AccountRepository } from './auth/infrastructure/account.repository';
import { ApiKeyRepository } from './auth/infrastructure/api-key.repository';
import { AttemptLimiter } from './auth/infrastructure/attempt-limiter';
import { RefreshTokenRepository } from './auth/infrastructure/refresh-token.repository';
import { TokenKeys } from './auth/infrastructure/token-keys';
import { ApiKeysController } from './auth/transport/api-keys.controller';
import { AuthController } from './auth/transport/auth.controller';
import { AuthGuard } from './auth/transport/auth.guard';
import { DocsController } from './docs/docs.controller';
import { DriverPassVerifier } from './feedback/application/driver-pass.verifier';
import { FeedbackDesk } from './feedback/application/feedback-desk';
import { FeedbackClient } from './feedback/infrastructure/feedback.client';
import { FeedbackController } from './feedback/transport/feedback.controller';
import { OpenApiDocument } from './docs/openapi.document';
import { DriverPassGuard } from './driver/application/driver-pass.guard';
import { ReadQueuePositionHandler } from './driver/application/read-queue-position.handler';
import { DriverViewCache } from './driver/infrastructure/driver-view.cache';
import { DriverViewChanges } from './driver/infrastructure/driver-view.changes';
import { PositionBatcher } from './driver/infrastructure/position-batcher';
import { QueueClient } from './driver/infrastructure/queue.client';
import { QueueUpdatesSubscriber } from './driver/infrastructure/queue-updates.subscriber';
import { QueuePositionController } from './driver/transport/queue-position.controller';
import type { GatewayConfig } from './gateway.config';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from './gateway.tokens';
import { JsonBodyParser } from './http/json-body.parser';
import { ProblemFilter } from './http/problem.filter';
import { IdempotencyRepository } from './idempotency/infrastructure/idempotency.repository';
import { IdempotencyInterceptor } from './idempotency/transport/idempotency.interceptor';
import { AmendShipmentHandler } from './shipments/application/amend-shipment.handler';
import { RegistryClient } from './shipments/infrastructure/registry.client';
import { ShipmentsController } from './shipments/transport/shipments.controller';
import { SupervisorReads } from './supervision/application/supervisor-reads';
import { AuditClient } from './supervision/infrastructure/audit.client';
import { AuditController } from './supervision/transport/audit.controller';
import { ReportsController } from './supervision/transport/reports.controller';
import { YardController } from './yard/transport/yard.controller';
import { WatchListController } from './agencies/transport/watch-list.controller';

/** What the gateway builds before Nest starts: the initialised pool, Redis, the token keys. */
export interface GatewayClients {
  readonly dataSource: DataSource;
  readonly redis: Redis;
  readonly tokenKeys: TokenKeys;
}

/** Provides DataSource and Redis under their classes (for the app and the readiness checks). */
@Global()
@Module({})
export class GatewayClientsModule {
  static forRoot({ dataSource, redis, tokenKeys }: GatewayClients): DynamicModule {
    return {
      module: GatewayClientsModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: Redis, useValue: redis },
        { provide: TokenKeys, useValue: tokenKeys },
      ],
      exports: [DataSource, Redis, TokenKeys],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(
    config: GatewayConfig,
    clients: DynamicModule,
    logger: Logger,
    openApi: OpenApiDocument,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [clients],
      controllers: [
        AuthController,
        ApiKeysController,
        ShipmentsController,
        AgenciesController,
        WatchListController,
        YardController,
        ReportsController,
        AuditController,
        QueuePositionController,
        FeedbackController,
        DocsController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GATEWAY_LOGGER, useValue: logger },
        { provide: OpenApiDocument, useValue: openApi },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        JsonBodyParser,
        AccountRepository,
        RefreshTokenRepository,
        ApiKeyRepository,
        IdempotencyRepository,
        AttemptLimiter,
        SessionIssuer,
        LoginHandler,
        RefreshSessionHandler,
        LogoutHandler,
        RevokeApiKeyHandler,
        RegistryClient,
        AmendShipmentHandler,
        QueueClient,
        PositionBatcher,
        DriverPassGuard,
        ReadQueuePositionHandler,
        QueueUpdatesSubscriber,
        DriverViewCache,
        DriverViewChanges,
        CustomsClient,
        BorderGuardClient,
        QuarantineClient,
        AgencyCases,
        AuditClient,
        SupervisorReads,
        FeedbackClient,
        DriverPassVerifier,
        FeedbackDesk,
      ],
    };
  }
}
