import {
  DynamicModule,
  Global,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@cuakhau/messaging';
import {
  OutboxRelayLifecycle,
  outboxRelaySettingsProvider,
  TypeOrmTransactionRunner,
} from '@cuakhau/platform';
import type { AuditConfig } from './audit.config';
import { AUDIT_CONFIG, AUDIT_LOGGER } from './audit.tokens';
import { AppendEventsHandler } from './audit-log/application/append-events.handler';
import {
  ListAuditEntriesHandler,
  VerifyChainHandler,
} from './audit-log/application/audit-reads.handler';
import { SignDailyRootHandler } from './audit-log/application/sign-daily-root.handler';
import { AuditEntryRepository } from './audit-log/infrastructure/audit-entry.repository';
import { AuditKey } from './audit-log/infrastructure/audit-key.provider';
import { AuditReadRepository } from './audit-log/infrastructure/audit-read.repository';
import { DailyRootRepository } from './audit-log/infrastructure/daily-root.repository';
import { AuditGrpcController } from './audit-log/transport/audit.grpc-controller';
import { AuditLogConsumer } from './audit-log/transport/audit-log.consumer';
import {
  ClearanceTimesHandler,
  ListSlaBreachesHandler,
  SlowestShipmentsHandler,
} from './clearance/application/clearance-reports.handler';
import {
  CheckOpenShipmentsHandler,
  EnforceRetentionHandler,
} from './clearance/application/periodic-jobs.handler';
import { SlaAlerter } from './clearance/application/sla-alerter';
import { ShipmentFactRepository } from './clearance/infrastructure/shipment-fact.repository';
import { SlaBreachRepository } from './clearance/infrastructure/sla-breach.repository';
import { AuditJobsScheduler } from './clearance/transport/audit-jobs.scheduler';
import { AgencyKeysSource } from './signatures/infrastructure/agency-keys.source';
import { FeedbackModule } from './feedback/feedback.module';

/** What main.ts (or a test) has built before Nest starts: the initialised pool and Kafka. */
export interface AuditClients {
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
}

/**
 * Closes the pool when Nest shuts down. Nest calls onApplicationShutdown from the root module
 * outwards, so this module (imported by AppModule, one step further away) is shut down only
 * after every provider of AppModule — the consumer, the relay, the jobs — has stopped using
 * it. (bootstrapService's onShutdown runs in the root module: too early.)
 */
@Injectable()
export class AuditClientsLifecycle implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Provides DataSource and Kafka under their classes (for the app and the readiness checks). */
@Global()
@Module({})
export class AuditClientsModule {
  static forRoot({ dataSource, kafka }: AuditClients): DynamicModule {
    return {
      module: AuditClientsModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: Kafka, useValue: kafka },
        AuditClientsLifecycle,
      ],
      exports: [DataSource, Kafka],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AuditConfig, clients: DynamicModule, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [clients, FeedbackModule],
      controllers: [AuditGrpcController],
      providers: [
        { provide: AUDIT_CONFIG, useValue: config },
        { provide: AUDIT_LOGGER, useValue: logger },
        { provide: AuditKey, useValue: AuditKey.fromConfig(config) },
        {
          provide: TypeOrmTransactionRunner,
          useFactory: (dataSource: DataSource) => new TypeOrmTransactionRunner(dataSource),
          inject: [DataSource],
        },
        { provide: OutboxWriter, useValue: new OutboxWriter() },
        AuditEntryRepository,
        AuditReadRepository,
        DailyRootRepository,
        ShipmentFactRepository,
        SlaBreachRepository,
        AgencyKeysSource,
        SlaAlerter,
        AppendEventsHandler,
        ListAuditEntriesHandler,
        VerifyChainHandler,
        SignDailyRootHandler,
        ClearanceTimesHandler,
        SlowestShipmentsHandler,
        ListSlaBreachesHandler,
        CheckOpenShipmentsHandler,
        EnforceRetentionHandler,
        OutboxRelayLifecycle,
        outboxRelaySettingsProvider(AUDIT_CONFIG, AUDIT_LOGGER),
        AuditLogConsumer,
        AuditJobsScheduler,
      ],
      exports: [
        AuditLogConsumer,
        OutboxRelayLifecycle,
        CheckOpenShipmentsHandler,
        EnforceRetentionHandler,
        SignDailyRootHandler,
      ],
    };
  }
}
