import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { EVENTS } from '@cuakhau/contracts';
import {
  handleEvent,
  InboxConsumer,
  type ReceivedEvent,
  type SqlExecutor,
} from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { BorderGuardConfig } from '../../border-guard.config';
import { BORDER_GUARD_CONFIG, BORDER_GUARD_LOGGER } from '../../border-guard.tokens';
import { ApplyShipmentProgressHandler } from '../application/apply-shipment-progress.handler';
import { CheckShipmentHandler } from '../application/check-shipment.handler';
import { CaseRepository } from '../infrastructure/case.repository';
import { shipmentDataOf } from './case.mapper';

/**
 * The border guard's Kafka entry, through the inbox (idempotent, same transaction as the
 * effect): registrations and amendments are checked, arrivals re-checked; cancellations close
 * the case; calls, no-shows and the registry's status tell whether a crossing may be recorded.
 */
@Injectable()
export class ShipmentEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: InboxConsumer;

  constructor(
    kafka: Kafka,
    transactions: TypeOrmTransactionRunner,
    @Inject(BORDER_GUARD_CONFIG) config: BorderGuardConfig,
    @Inject(BORDER_GUARD_LOGGER) logger: Logger,
    private readonly check: CheckShipmentHandler,
    private readonly progress: ApplyShipmentProgressHandler,
  ) {
    const m = (tx: SqlExecutor) => CaseRepository.managerOf(tx);
    this.consumer = new InboxConsumer({
      kafka,
      groupId: config.BORDER_GUARD_CONSUMER_GROUP,
      transactions,
      retry: { maxAttempts: config.BORDER_GUARD_CONSUMER_MAX_ATTEMPTS },
      partitionsConsumedConcurrently: 3,
      logger: logger.child({ component: 'inbox-consumer' }),
      handlers: [
        handleEvent(EVENTS.shipmentRegistered, async (event, tx) => {
          await this.check.execute(shipmentDataOf(event.data, idOf(event)), event.time, m(tx));
        }),
        handleEvent(EVENTS.shipmentAmended, async (event, tx) => {
          await this.check.execute(shipmentDataOf(event.data, idOf(event)), event.time, m(tx));
        }),
        handleEvent(EVENTS.shipmentCancelled, async (event, tx) => {
          await this.progress.cancelled(idOf(event), event.time, m(tx));
        }),
        handleEvent(EVENTS.shipmentStatusChanged, async (event, tx) => {
          await this.progress.statusChanged(
            idOf(event),
            event.data.toStatus.replace('SHIPMENT_STATUS_', ''),
            event.time,
            m(tx),
          );
        }),
        handleEvent(EVENTS.truckArrived, async (event, tx) => {
          await this.check.recheck(idOf(event), event.data.arrivedAt ?? event.time, m(tx));
        }),
        handleEvent(EVENTS.truckCalled, async (event, tx) => {
          await this.progress.called(idOf(event), event.data.laneId, event.time, m(tx));
        }),
        handleEvent(EVENTS.truckNoShow, async (event, tx) => {
          await this.progress.noShow(idOf(event), event.time, m(tx));
        }),
      ],
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
}

function idOf(event: ReceivedEvent<{ shipmentId: string }>): string {
  return event.data.shipmentId === '' ? event.subject : event.data.shipmentId;
}
