import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { EVENTS, type commonV1 } from '@cuakhau/contracts';
import {
  handleEvent,
  InboxConsumer,
  type EventHandlerRegistration,
  type ReceivedEvent,
} from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { QuarantineConfig } from '../../quarantine.config';
import { QUARANTINE_CONFIG, QUARANTINE_LOGGER } from '../../quarantine.tokens';
import { CancelCaseHandler } from '../application/cancel-case.handler';
import { OpenCaseHandler } from '../application/open-case.handler';
import { ReclassifyCaseHandler } from '../application/reclassify-case.handler';
import type { RegistryEventOutcome } from '../application/registry-event-outcome';
import type { CommandMeta } from '../domain/case.state-machine';
import { CaseRepository } from '../infrastructure/case.repository';
import { actorFromProto, declarationFromEvent } from './case.mapper';

/**
 * Quarantine's Kafka entry: the registry's ShipmentRegistered / Amended / Cancelled, each
 * mapped to one use case and run through the inbox (idempotent, in the same transaction as
 * the effect). Other registry events are recorded and skipped.
 */
@Injectable()
export class RegistryEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: InboxConsumer;
  private readonly logger: Logger;

  constructor(
    kafka: Kafka,
    transactions: TypeOrmTransactionRunner,
    @Inject(QUARANTINE_CONFIG) config: QuarantineConfig,
    @Inject(QUARANTINE_LOGGER) logger: Logger,
    private readonly openCase: OpenCaseHandler,
    private readonly reclassifyCase: ReclassifyCaseHandler,
    private readonly cancelCase: CancelCaseHandler,
  ) {
    this.logger = logger.child({ component: 'registry-events' });
    this.consumer = new InboxConsumer({
      kafka,
      groupId: config.QUARANTINE_CONSUMER_GROUP,
      transactions,
      handlers: this.registrations(),
      retry: { maxAttempts: config.QUARANTINE_CONSUMER_MAX_ATTEMPTS },
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
      handleEvent(EVENTS.shipmentRegistered, async (event, tx) => {
        this.report(
          event,
          await this.openCase.execute(
            {
              shipmentId: shipmentIdOf(event),
              declaration: declarationFromEvent(event.data),
              meta: metaOf(event, event.data.registeredAt, event.data.registeredBy),
            },
            CaseRepository.managerOf(tx),
          ),
        );
      }),
      handleEvent(EVENTS.shipmentAmended, async (event, tx) => {
        this.report(
          event,
          await this.reclassifyCase.execute(
            {
              shipmentId: shipmentIdOf(event),
              declaration: declarationFromEvent(event.data),
              meta: metaOf(event, event.data.amendedAt, event.data.amendedBy),
            },
            CaseRepository.managerOf(tx),
          ),
        );
      }),
      handleEvent(EVENTS.shipmentCancelled, async (event, tx) => {
        this.report(
          event,
          await this.cancelCase.execute(
            {
              shipmentId: shipmentIdOf(event),
              shipmentVersion: event.data.version,
              reason: event.data.reason,
              meta: metaOf(event, event.data.cancelledAt, event.data.cancelledBy),
            },
            CaseRepository.managerOf(tx),
          ),
        );
      }),
    ];
  }

  private report(event: ReceivedEvent<unknown>, outcome: RegistryEventOutcome): void {
    if (!outcome.applied) {
      this.logger.info(
        { eventId: event.id, type: event.type, subject: event.subject, code: outcome.refusal.code },
        `registry event skipped: ${outcome.refusal.message}`,
      );
    }
  }
}

/** The payload's shipment id, else the CloudEvents subject (both are the shipment id). */
function shipmentIdOf(event: ReceivedEvent<{ shipmentId: string }>): string {
  return event.data.shipmentId === '' ? event.subject : event.data.shipmentId;
}

function metaOf(
  event: ReceivedEvent<unknown>,
  at: string | undefined,
  actor: commonV1.Actor | undefined,
): CommandMeta {
  return {
    at: new Date(at ?? event.time).toISOString(),
    actor: actorFromProto(actor),
    sourceEventId: event.id,
  };
}
