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
import type { AgencySigningKey } from '@cuakhau/signing';
import { CancelCaseHandler } from './cases/application/cancel-case.handler';
import { CaseChangeWriter } from './cases/application/case-change.writer';
import { GetCaseHandler } from './cases/application/get-case.handler';
import { ListCasesHandler } from './cases/application/list-cases.handler';
import { OfficerCommandHandler } from './cases/application/officer-command.handler';
import { OpenCaseHandler } from './cases/application/open-case.handler';
import { ReclassifyCaseHandler } from './cases/application/reclassify-case.handler';
import { CaseRepository } from './cases/infrastructure/case.repository';
import { QuarantineGrpcController } from './cases/transport/quarantine.grpc-controller';
import { RegistryEventsConsumer } from './cases/transport/registry-events.consumer';
import {
  AddControlledGoodsHandler,
  ExpireControlledGoodsHandler,
  ListControlledGoodsHandler,
  RemoveControlledGoodsHandler,
} from './controlled-goods/application/controlled-goods.handlers';
import { ControlledGoodsRepository } from './controlled-goods/infrastructure/controlled-goods.repository';
import type { QuarantineConfig } from './quarantine.config';
import { QUARANTINE_CONFIG, QUARANTINE_LOGGER, QUARANTINE_SIGNING_KEY } from './quarantine.tokens';

/** What main.ts (or a test) has built before Nest starts: the initialised pool and Kafka. */
export interface QuarantineClients {
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
}

/** Provides DataSource and Kafka under their classes (for the app and the readiness checks). */
@Global()
@Module({})
export class QuarantineClientsModule {
  static forRoot({ dataSource, kafka }: QuarantineClients): DynamicModule {
    return {
      module: QuarantineClientsModule,
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
    config: QuarantineConfig,
    clients: DynamicModule,
    logger: Logger,
    signingKey: AgencySigningKey,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [clients],
      controllers: [QuarantineGrpcController],
      providers: [
        { provide: QUARANTINE_CONFIG, useValue: config },
        { provide: QUARANTINE_LOGGER, useValue: logger },
        { provide: QUARANTINE_SIGNING_KEY, useValue: signingKey },
        {
          provide: TypeOrmTransactionRunner,
          useFactory: (dataSource: DataSource) => new TypeOrmTransactionRunner(dataSource),
          inject: [DataSource],
        },
        { provide: OutboxWriter, useValue: new OutboxWriter() },
        CaseRepository,
        ControlledGoodsRepository,
        CaseChangeWriter,
        OpenCaseHandler,
        ReclassifyCaseHandler,
        CancelCaseHandler,
        OfficerCommandHandler,
        GetCaseHandler,
        ListCasesHandler,
        ListControlledGoodsHandler,
        AddControlledGoodsHandler,
        ExpireControlledGoodsHandler,
        RemoveControlledGoodsHandler,
        OutboxRelayLifecycle,
        outboxRelaySettingsProvider(QUARANTINE_CONFIG, QUARANTINE_LOGGER),
        RegistryEventsConsumer,
      ],
      exports: [RegistryEventsConsumer, OutboxRelayLifecycle],
    };
  }
}
