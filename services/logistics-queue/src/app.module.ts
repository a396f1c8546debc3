import {
  DynamicModule,
  Global,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Redis } from 'ioredis';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@cuakhau/messaging';
import {
  OutboxRelayLifecycle,
  outboxRelaySettingsProvider,
  TypeOrmTransactionRunner,
} from '@cuakhau/platform';
import type { LogisticsQueueConfig } from './logistics-queue.config';
import { QUEUE_CONFIG, QUEUE_LOGGER } from './logistics-queue.tokens';
import { ApplyCrossingHandler } from './yard/application/apply-crossing.handler';
import { ApplyNoShowHandler } from './yard/application/apply-no-show.handler';
import { ApplyShipmentFactHandler } from './yard/application/apply-shipment-fact.handler';
import { CallNextHandler } from './yard/application/call-next.handler';
import { LivePositions, NoShowTimers } from './yard/application/live-positions.port';
import { LivePositionsProjector } from './yard/application/live-positions.projector';
import { RecordArrivalHandler } from './yard/application/record-arrival.handler';
import {
  ConfirmUnmatchedHandler,
  DismissUnmatchedHandler,
} from './yard/application/resolve-unmatched.handlers';
import { SetLaneOpenHandler } from './yard/application/set-lane-open.handler';
import { TruckAdmission } from './yard/application/truck-admission';
import { yardPolicyOf } from './yard/application/yard-policy';
import { YARD_POLICY } from './yard/application/yard-policy.token';
import { YardQueries } from './yard/application/yard-queries';
import { YardResyncLifecycle } from './yard/application/yard-resync.lifecycle';
import { BullMqNoShowTimers } from './yard/infrastructure/bullmq-no-show.timers';
import { RedisLivePositions } from './yard/infrastructure/redis-live-positions';
import { YardChangeListener } from './yard/infrastructure/yard-change.listener';
import { YardRepository } from './yard/infrastructure/yard.repository';
import { NoShowProcessor } from './yard/transport/no-show.processor';
import { QueueGrpcController } from './yard/transport/queue.grpc-controller';
import { YardEventsConsumer } from './yard/transport/yard-events.consumer';

/** What main.ts (or a test) has built before Nest starts: the pool, Kafka and Redis. */
export interface LogisticsQueueClients {
  readonly dataSource: DataSource;
  readonly kafka: Kafka;
  readonly redis: Redis;
}

/** Closes the clients main.ts built: idempotent, so the failed-boot path may call it again. */
export async function closeLogisticsQueueClients({
  dataSource,
  redis,
}: LogisticsQueueClients): Promise<void> {
  redis.disconnect();
  if (dataSource.isInitialized) await dataSource.destroy();
}

/**
 * Closes Redis and the pool when Nest shuts down. Nest calls onApplicationShutdown from the
 * root module outwards, so this module (imported by AppModule, one step further away) is
 * shut down only after every provider of AppModule — workers, listeners, consumers, relay —
 * has stopped using them. (bootstrapService's onShutdown runs in the root module: too early.)
 */
@Injectable()
export class LogisticsQueueClientsLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly redis: Redis,
  ) {}

  onApplicationShutdown(): Promise<void> {
    return closeLogisticsQueueClients({
      dataSource: this.dataSource,
      kafka: this.kafka,
      redis: this.redis,
    });
  }
}

/** Provides DataSource, Kafka and Redis under their classes (for the app and the readiness checks). */
@Global()
@Module({})
export class LogisticsQueueClientsModule {
  static forRoot({ dataSource, kafka, redis }: LogisticsQueueClients): DynamicModule {
    return {
      module: LogisticsQueueClientsModule,
      providers: [
        { provide: DataSource, useValue: dataSource },
        { provide: Kafka, useValue: kafka },
        { provide: Redis, useValue: redis },
        LogisticsQueueClientsLifecycle,
      ],
      exports: [DataSource, Kafka, Redis],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(
    config: LogisticsQueueConfig,
    clients: DynamicModule,
    logger: Logger,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [clients],
      controllers: [QueueGrpcController],
      providers: [
        { provide: QUEUE_CONFIG, useValue: config },
        { provide: QUEUE_LOGGER, useValue: logger },
        { provide: YARD_POLICY, useValue: yardPolicyOf(config) },
        {
          provide: TypeOrmTransactionRunner,
          useFactory: (dataSource: DataSource) => new TypeOrmTransactionRunner(dataSource),
          inject: [DataSource],
        },
        { provide: OutboxWriter, useValue: new OutboxWriter() },
        YardRepository,
        { provide: LivePositions, useClass: RedisLivePositions },
        BullMqNoShowTimers,
        { provide: NoShowTimers, useExisting: BullMqNoShowTimers },
        LivePositionsProjector,
        TruckAdmission,
        RecordArrivalHandler,
        ConfirmUnmatchedHandler,
        DismissUnmatchedHandler,
        CallNextHandler,
        SetLaneOpenHandler,
        ApplyNoShowHandler,
        ApplyCrossingHandler,
        ApplyShipmentFactHandler,
        YardQueries,
        YardResyncLifecycle,
        YardChangeListener,
        OutboxRelayLifecycle,
        outboxRelaySettingsProvider(QUEUE_CONFIG, QUEUE_LOGGER),
        YardEventsConsumer,
        NoShowProcessor,
      ],
      exports: [YardEventsConsumer, YardResyncLifecycle, ApplyNoShowHandler],
    };
  }
}
