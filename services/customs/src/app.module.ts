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
import { CancelCaseHandler } from './cases/application/cancel-case.handler';
import { CaseWorkflow } from './cases/application/case.workflow';
import { ChangeChannelHandler } from './cases/application/change-channel.handler';
import { GetCaseHandler } from './cases/application/get-case.handler';
import { ListCasesHandler } from './cases/application/list-cases.handler';
import { OfficerCommandRunner } from './cases/application/officer-command.runner';
import { OpenCaseHandler } from './cases/application/open-case.handler';
import { ReassessCaseHandler } from './cases/application/reassess-case.handler';
import { RecordDecisionHandler } from './cases/application/record-decision.handler';
import { RecordInspectionHandler } from './cases/application/record-inspection.handler';
import { RegistryFactApplier } from './cases/application/registry-fact.applier';
import { RiskAssessor } from './cases/application/risk-assessor';
import { CaseRepository } from './cases/infrastructure/case.repository';
import { DecisionSigner } from './cases/infrastructure/decision-signer';
import { CustomsGrpcController } from './cases/transport/customs.grpc-controller';
import { RegistryEventsConsumer } from './cases/transport/registry-events.consumer';
import type { CustomsConfig } from './customs.config';
import { CUSTOMS_CONFIG, CUSTOMS_LOGGER } from './customs.tokens';
import { ExpireRiskRuleHandler } from './risk-rules/application/expire-risk-rule.handler';
import { ListRiskRulesHandler } from './risk-rules/application/list-risk-rules.handler';
import { RiskRuleChangeWriter } from './risk-rules/application/risk-rule-change.writer';
import { UpsertRiskRuleHandler } from './risk-rules/application/upsert-risk-rule.handler';
import { RiskRuleRepository } from './risk-rules/infrastructure/risk-rule.repository';

/** What main.ts (or a test) has built before Nest starts: the initialised pool and Kafka. */
export interface CustomsClients {
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
}

/** Provides DataSource and Kafka under their classes (for the app and the readiness checks). */
@Global()
@Module({})
export class CustomsClientsModule {
  static forRoot({ dataSource, kafka }: CustomsClients): DynamicModule {
    return {
      module: CustomsClientsModule,
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
    config: CustomsConfig,
    clients: DynamicModule,
    logger: Logger,
    signer: DecisionSigner,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [clients],
      controllers: [CustomsGrpcController],
      providers: [
        { provide: CUSTOMS_CONFIG, useValue: config },
        { provide: CUSTOMS_LOGGER, useValue: logger },
        { provide: DecisionSigner, useValue: signer },
        {
          provide: TypeOrmTransactionRunner,
          useFactory: (dataSource: DataSource) => new TypeOrmTransactionRunner(dataSource),
          inject: [DataSource],
        },
        { provide: OutboxWriter, useValue: new OutboxWriter() },
        CaseRepository,
        RiskRuleRepository,
        RiskAssessor,
        CaseWorkflow,
        RegistryFactApplier,
        OpenCaseHandler,
        ReassessCaseHandler,
        CancelCaseHandler,
        OfficerCommandRunner,
        RecordInspectionHandler,
        ChangeChannelHandler,
        RecordDecisionHandler,
        GetCaseHandler,
        ListCasesHandler,
        RiskRuleChangeWriter,
        UpsertRiskRuleHandler,
        ExpireRiskRuleHandler,
        ListRiskRulesHandler,
        OutboxRelayLifecycle,
        outboxRelaySettingsProvider(CUSTOMS_CONFIG, CUSTOMS_LOGGER),
        RegistryEventsConsumer,
      ],
      exports: [RegistryEventsConsumer, OutboxRelayLifecycle],
    };
  }
}
