import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { commonV1, EVENTS } from '@cuakhau/contracts';
import {
  handleEvent,
  InboxConsumer,
  type EventHandlerRegistration,
  type ReceivedEvent,
  type SqlExecutor,
} from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { RegistryConfig } from '../../registry.config';
import { REGISTRY_CONFIG, REGISTRY_LOGGER } from '../../registry.tokens';
import { ApplyAgencyDecisionHandler } from '../application/apply-agency-decision.handler';
import { ApplyArrivalHandler } from '../application/apply-arrival.handler';
import { ApplyCallHandler } from '../application/apply-call.handler';
import { UnappliableEventError } from '../application/apply-clearance-fact';
import { ApplyCrossingHandler } from '../application/apply-crossing.handler';
import { ApplyNoShowHandler } from '../application/apply-no-show.handler';
import { actorToText, agencyDecisionFromProto } from '../application/proto-values.mapper';
import type { Agency } from '../domain/shipment';
import type { CommandMeta } from '../domain/state-machine';
import { ShipmentRepository } from '../infrastructure/shipment.repository';

interface DecisionPayload {
  shipmentId: string;
  decision: commonV1.AgencyDecision;
  reason: string;
  actor?: commonV1.Actor | undefined;
  decidedAt?: string | undefined;
}

/**
 * The registry's Kafka entry: agencies' decisions, the queue's arrival / call / no-show and
 * the border guard's crossing, each mapped to one apply use case and run through the inbox
 * (idempotent, in the same transaction as the effect). What cannot be applied is thrown and
 * ends in `<topic>.dlq` with the reason after the consumer's bounded retries.
 */
@Injectable()
export class ClearanceEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: InboxConsumer;

  constructor(
    kafka: Kafka,
    transactions: TypeOrmTransactionRunner,
    @Inject(REGISTRY_CONFIG) config: RegistryConfig,
    @Inject(REGISTRY_LOGGER) logger: Logger,
    private readonly applyDecision: ApplyAgencyDecisionHandler,
    private readonly applyArrival: ApplyArrivalHandler,
    private readonly applyCall: ApplyCallHandler,
    private readonly applyNoShow: ApplyNoShowHandler,
    private readonly applyCrossing: ApplyCrossingHandler,
  ) {
    this.consumer = new InboxConsumer({
      kafka,
      groupId: config.REGISTRY_CONSUMER_GROUP,
      transactions,
      handlers: this.registrations(),
      retry: { maxAttempts: config.REGISTRY_CONSUMER_MAX_ATTEMPTS },
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
    const decision =
      (agency: Agency) =>
      async (event: ReceivedEvent<DecisionPayload>, tx: SqlExecutor): Promise<void> => {
        const decided = agencyDecisionFromProto(event.data.decision);
        if (decided === undefined) {
          throw new UnappliableEventError(
            'REGISTRY.VALIDATION_FAILED',
            `${event.type} ${event.id} carries no decision`,
          );
        }
        const reason = event.data.reason.trim();
        await this.applyDecision.execute(
          {
            shipmentId: shipmentIdOf(event),
            meta: metaOf(event, event.data.decidedAt, event.data.actor),
            agency,
            decision: decided,
            ...(reason === '' ? {} : { reason }),
          },
          managerOf(tx),
        );
      };
    return [
      handleEvent(EVENTS.customsDecisionRecorded, decision('customs')),
      handleEvent(EVENTS.borderGuardDecisionRecorded, decision('borderGuard')),
      handleEvent(EVENTS.quarantineDecisionRecorded, decision('quarantine')),
      handleEvent(EVENTS.truckArrived, async (event, tx) => {
        await this.applyArrival.execute(
          { shipmentId: shipmentIdOf(event), meta: metaOf(event, event.data.arrivedAt, undefined) },
          managerOf(tx),
        );
      }),
      handleEvent(EVENTS.truckCalled, async (event, tx) => {
        await this.applyCall.execute(
          {
            shipmentId: shipmentIdOf(event),
            meta: metaOf(event, event.data.calledAt, undefined),
            laneId: event.data.laneId,
          },
          managerOf(tx),
        );
      }),
      handleEvent(EVENTS.truckNoShow, async (event, tx) => {
        await this.applyNoShow.execute(
          { shipmentId: shipmentIdOf(event), meta: metaOf(event, event.data.noShowAt, undefined) },
          managerOf(tx),
        );
      }),
      handleEvent(EVENTS.borderGuardCrossingRecorded, async (event, tx) => {
        await this.applyCrossing.execute(
          {
            shipmentId: shipmentIdOf(event),
            meta: metaOf(event, event.data.crossedAt, event.data.actor),
          },
          managerOf(tx),
        );
      }),
    ];
  }
}

function managerOf(tx: SqlExecutor): EntityManager {
  return ShipmentRepository.managerOf(tx);
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
    at: at ?? event.time,
    actor: actor === undefined ? `system:${event.source}` : actorToText(actor),
    sourceEventId: event.id,
  };
}
