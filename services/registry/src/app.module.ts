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
import type { RegistryConfig } from './registry.config';
import { REGISTRY_CONFIG, REGISTRY_LOGGER } from './registry.tokens';
import { AmendShipmentHandler } from './shipments/application/amend-shipment.handler';
import { ApplyAgencyDecisionHandler } from './shipments/application/apply-agency-decision.handler';
import { ApplyArrivalHandler } from './shipments/application/apply-arrival.handler';
import { ApplyCallHandler } from './shipments/application/apply-call.handler';
import { ClearanceFactApplier } from './shipments/application/apply-clearance-fact';
import { ApplyCrossingHandler } from './shipments/application/apply-crossing.handler';
import { ApplyNoShowHandler } from './shipments/application/apply-no-show.handler';
import { CancelShipmentHandler } from './shipments/application/cancel-shipment.handler';
import { GetShipmentHandler } from './shipments/application/get-shipment.handler';
import { ListShipmentsHandler } from './shipments/application/list-shipments.handler';
import { LookupByPlateAndPassHandler } from './shipments/application/lookup-by-plate-and-pass.handler';
import { RegisterShipmentHandler } from './shipments/application/register-shipment.handler';
import { RegistrationBatcher } from './shipments/application/registration-batcher';
import { ReissuePassCodeHandler } from './shipments/application/reissue-pass-code.handler';
import { ShipmentChangeWriter } from './shipments/application/shipment-change.writer';
import { ShipmentRepository } from './shipments/infrastructure/shipment.repository';
import { ClearanceEventsConsumer } from './shipments/transport/clearance-events.consumer';
import { RegistryGrpcController } from './shipments/transport/registry.grpc-controller';

/** What main.ts (or a test) has built before Nest starts: the initialised pool and Kafka. */
export interface RegistryClients {
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
}

/** Provides DataSource and Kafka under their classes (for the app and the readiness checks). */
@Global()
@Module({})
export class RegistryClientsModule {
  static forRoot({ dataSource, kafka }: RegistryClients): DynamicModule {
    return {
      module: RegistryClientsModule,
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
  static forRoot(config: RegistryConfig, clients: DynamicModule, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [clients],
      controllers: [RegistryGrpcController],
      providers: [
        { provide: REGISTRY_CONFIG, useValue: config },
        { provide: REGISTRY_LOGGER, useValue: logger },
        {
          provide: TypeOrmTransactionRunner,
          useFactory: (dataSource: DataSource) => new TypeOrmTransactionRunner(dataSource),
          inject: [DataSource],
        },
        { provide: OutboxWriter, useValue: new OutboxWriter() },
        ShipmentRepository,
        ShipmentChangeWriter,
        ClearanceFactApplier,
        RegistrationBatcher,
        RegisterShipmentHandler,
        GetShipmentHandler,
        ListShipmentsHandler,
        AmendShipmentHandler,
        CancelShipmentHandler,
        ReissuePassCodeHandler,
        LookupByPlateAndPassHandler,
        ApplyAgencyDecisionHandler,
        ApplyArrivalHandler,
        ApplyCallHandler,
        ApplyNoShowHandler,
        ApplyCrossingHandler,
        OutboxRelayLifecycle,
        outboxRelaySettingsProvider(REGISTRY_CONFIG, REGISTRY_LOGGER),
        ClearanceEventsConsumer,
      ],
      exports: [ClearanceEventsConsumer, OutboxRelayLifecycle],
    };
  }
}
