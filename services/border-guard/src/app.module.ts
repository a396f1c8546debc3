import { DynamicModule, Global, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@cuakhau/messaging';
import {
  OutboxRelayLifecycle,
  outboxRelaySettingsProvider,
  TypeOrmTransactionRunner,
} from '@cuakhau/platform';
import { AgencySigningKey } from '@cuakhau/signing';
import type { BorderGuardConfig } from './border-guard.config';
import { BORDER_GUARD_CONFIG, BORDER_GUARD_LOGGER } from './border-guard.tokens';
import { ApplyShipmentProgressHandler } from './cases/application/apply-shipment-progress.handler';
import { CaseChangeWriter } from './cases/application/case-change.writer';
import { CaseEvents } from './cases/application/case-events';
import { CheckShipmentHandler } from './cases/application/check-shipment.handler';
import { QueryCasesHandler } from './cases/application/query-cases.handler';
import { RecordCrossingHandler } from './cases/application/record-crossing.handler';
import { RecordDecisionHandler } from './cases/application/record-decision.handler';
import { CaseRepository } from './cases/infrastructure/case.repository';
import { BorderGuardGrpcController } from './cases/transport/border-guard.grpc-controller';
import { ShipmentEventsConsumer } from './cases/transport/shipment-events.consumer';
import { WatchListChangeHandler } from './watch-list/application/watch-list-change.handler';
import { WatchListRepository } from './watch-list/infrastructure/watch-list.repository';

/** What main.ts (or a test) has built before Nest starts: the initialised pool and Kafka. */
export interface BorderGuardClients {
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
}

/** Provides DataSource and Kafka under their classes (for the app and the readiness checks). */
@Global()
@Module({})
export class BorderGuardClientsModule {
  static forRoot({ dataSource, kafka }: BorderGuardClients): DynamicModule {
    return {
      module: BorderGuardClientsModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: Kafka, useValue: kafka },
      ],
      exports: [DataSource, Kafka],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(
    config: BorderGuardConfig,
    clients: DynamicModule,
    logger: Logger,
    signingKey: AgencySigningKey,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [clients],
      controllers: [BorderGuardGrpcController],
      providers: [
        { provide: BORDER_GUARD_CONFIG, useValue: config },
        { provide: BORDER_GUARD_LOGGER, useValue: logger },
        { provide: AgencySigningKey, useValue: signingKey },
        {
          provide: TypeOrmTransactionRunner,
          useFactory: (dataSource: DataSource) => new TypeOrmTransactionRunner(dataSource),
          inject: [DataSource],
        },
        { provide: OutboxWriter, useValue: new OutboxWriter() },
        CaseRepository,
        WatchListRepository,
        CaseEvents,
        CaseChangeWriter,
        CheckShipmentHandler,
        ApplyShipmentProgressHandler,
        RecordDecisionHandler,
        RecordCrossingHandler,
        QueryCasesHandler,
        WatchListChangeHandler,
        OutboxRelayLifecycle,
        outboxRelaySettingsProvider(BORDER_GUARD_CONFIG, BORDER_GUARD_LOGGER),
        ShipmentEventsConsumer,
      ],
      exports: [ShipmentEventsConsumer, OutboxRelayLifecycle],
    };
  }
}
