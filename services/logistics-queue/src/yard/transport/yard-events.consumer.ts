import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { commonV1, EVENTS } from '@cuakhau/contracts';
import { handleEvent, InboxConsumer, type EventHandlerRegistration } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { LogisticsQueueConfig } from '../../logistics-queue.config';
import { QUEUE_CONFIG, QUEUE_LOGGER } from '../../logistics-queue.tokens';
import { ApplyCrossingHandler } from '../application/apply-crossing.handler';
import { ApplyShipmentFactHandler } from '../application/apply-shipment-fact.handler';
import type { Direction } from '../domain/yard';

function directionOf(direction: commonV1.Direction): Direction {
  return direction === commonV1.Direction.DIRECTION_IMPORT ? 'IMPORT' : 'EXPORT';
}

function statusOf(status: commonV1.ShipmentStatus): string {
  return String(status).replace(/^SHIPMENT_STATUS_/, '');
}

function dateOf(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

/**
 * The queue's Kafka entry: the registry's shipment events (the local read model) and the
 * border guard's CrossingRecorded (frees the lane), each applied once through the inbox.
 */
@Injectable()
export class YardEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: InboxConsumer;

  constructor(
    kafka: Kafka,
    transactions: TypeOrmTransactionRunner,
    @Inject(QUEUE_CONFIG) config: LogisticsQueueConfig,
    @Inject(QUEUE_LOGGER) logger: Logger,
    private readonly shipments: ApplyShipmentFactHandler,
    private readonly crossings: ApplyCrossingHandler,
  ) {
    this.consumer = new InboxConsumer({
      kafka,
      groupId: config.QUEUE_CONSUMER_GROUP,
      transactions,
      handlers: this.registrations(),
      retry: { maxAttempts: config.QUEUE_CONSUMER_MAX_ATTEMPTS },
      partitionsConsumedConcurrently: 3,
      logger: logger.child({ component: 'inbox-consumer' }),
    });
  }

  get metrics(): InboxConsumer['metrics'] {
    return this.consumer.metrics;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private registrations(): EventHandlerRegistration[] {
    return [
      handleEvent(EVENTS.shipmentRegistered, (event, tx) =>
        this.shipments.execute(tx, {
          kind: 'REGISTERED',
          shipmentId: event.data.shipmentId,
          gateCode: event.data.gateCode,
          direction: directionOf(event.data.direction),
          plate: event.data.normalisedPlate || (event.data.vehicle?.plate ?? ''),
          plannedArrival: dateOf(event.data.plannedArrival),
          goods: event.data.goods.map((line) => ({ hsCode: line.hsCode, grossKg: line.grossKg })),
          version: event.data.version,
        }),
      ),
      handleEvent(EVENTS.shipmentAmended, (event, tx) =>
        this.shipments.execute(tx, {
          kind: 'AMENDED',
          shipmentId: event.data.shipmentId,
          gateCode: event.data.gateCode,
          direction: directionOf(event.data.direction),
          plate: event.data.normalisedPlate || (event.data.vehicle?.plate ?? ''),
          plannedArrival: dateOf(event.data.plannedArrival),
          goods: event.data.goods.map((line) => ({ hsCode: line.hsCode, grossKg: line.grossKg })),
          version: event.data.version,
        }),
      ),
      handleEvent(EVENTS.shipmentCancelled, (event, tx) =>
        this.shipments.execute(tx, {
          kind: 'CANCELLED',
          shipmentId: event.data.shipmentId,
          version: event.data.version,
        }),
      ),
      handleEvent(EVENTS.shipmentStatusChanged, (event, tx) =>
        this.shipments.execute(tx, {
          kind: 'STATUS_CHANGED',
          shipmentId: event.data.shipmentId,
          status: statusOf(event.data.toStatus),
          version: event.data.version,
        }),
      ),
      handleEvent(EVENTS.shipmentCleared, (event, tx) =>
        this.shipments.execute(tx, {
          kind: 'CLEARED',
          shipmentId: event.data.shipmentId,
          gateCode: event.data.gateCode,
          direction: directionOf(event.data.direction),
          plate: event.data.normalisedPlate,
          plannedArrival: dateOf(event.data.plannedArrival),
          hsCodes: event.data.hsCodes,
          version: event.data.version,
        }),
      ),
      handleEvent(EVENTS.borderGuardCrossingRecorded, (event, tx) =>
        this.crossings.execute(tx, {
          shipmentId: event.data.shipmentId === '' ? event.subject : event.data.shipmentId,
          crossedAt: new Date(event.data.crossedAt ?? event.time),
        }),
      ),
    ];
  }
}
