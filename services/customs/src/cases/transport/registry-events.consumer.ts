import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { EVENTS, TOPICS } from '@cuakhau/contracts';
import { handleEvent, InboxConsumer, type ReceivedEvent } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { CustomsConfig } from '../../customs.config';
import { CUSTOMS_CONFIG, CUSTOMS_LOGGER } from '../../customs.tokens';
import { CancelCaseHandler } from '../application/cancel-case.handler';
import { UnappliableEventError } from '../application/customs-coded-errors';
import { OpenCaseHandler } from '../application/open-case.handler';
import { declarationFromEvent } from '../application/proto-values.mapper';
import { ReassessCaseHandler } from '../application/reassess-case.handler';
import type { Declaration } from '../domain/declaration';
import { CaseRepository } from '../infrastructure/case.repository';

/**
 * Customs' Kafka entry: the registry's ShipmentRegistered (open a case), ShipmentAmended
 * (re-assess) and ShipmentCancelled (close), each through the inbox (idempotent, in the
 * same transaction as the effect). Other registry events are skipped. What cannot be
 * applied ends in `cuakhau.registry.v1.dlq` with the reason after the bounded retries.
 */
@Injectable()
export class RegistryEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: InboxConsumer;

  constructor(
    kafka: Kafka,
    transactions: TypeOrmTransactionRunner,
    @Inject(CUSTOMS_CONFIG) config: CustomsConfig,
    @Inject(CUSTOMS_LOGGER) logger: Logger,
    openCase: OpenCaseHandler,
    reassessCase: ReassessCaseHandler,
    cancelCase: CancelCaseHandler,
  ) {
    this.consumer = new InboxConsumer({
      kafka,
      groupId: config.CUSTOMS_CONSUMER_GROUP,
      transactions,
      topics: [TOPICS.registry],
      handlers: [
        handleEvent(EVENTS.shipmentRegistered, async (event, tx) => {
          await openCase.execute(
            {
              sourceEventId: event.id,
              at: event.data.registeredAt ?? event.time,
              shipmentVersion: event.data.version,
              declaration: declarationOf(event),
            },
            CaseRepository.managerOf(tx),
          );
        }),
        handleEvent(EVENTS.shipmentAmended, async (event, tx) => {
          await reassessCase.execute(
            {
              sourceEventId: event.id,
              at: event.data.amendedAt ?? event.time,
              shipmentVersion: event.data.version,
              declaration: declarationOf(event),
            },
            CaseRepository.managerOf(tx),
          );
        }),
        handleEvent(EVENTS.shipmentCancelled, async (event, tx) => {
          await cancelCase.execute(
            {
              sourceEventId: event.id,
              at: event.data.cancelledAt ?? event.time,
              shipmentId: shipmentIdOf(event),
              shipmentVersion: event.data.version,
              reason: event.data.reason,
            },
            CaseRepository.managerOf(tx),
          );
        }),
      ],
      retry: { maxAttempts: config.CUSTOMS_CONSUMER_MAX_ATTEMPTS },
      partitionsConsumedConcurrently: 2,
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
}

/** The payload's shipment id, else the CloudEvents subject (both are the shipment id). */
function shipmentIdOf(event: ReceivedEvent<{ shipmentId: string }>): string {
  return event.data.shipmentId === '' ? event.subject : event.data.shipmentId;
}

function declarationOf(
  event: ReceivedEvent<Parameters<typeof declarationFromEvent>[0]>,
): Declaration {
  const declaration = declarationFromEvent(event.data, shipmentIdOf(event));
  if (declaration === undefined) {
    throw new UnappliableEventError(
      'CUSTOMS.DECISION_INVALID',
      `${event.type} ${event.id} carries no direction: not a declaration customs can assess`,
    );
  }
  return declaration;
}
