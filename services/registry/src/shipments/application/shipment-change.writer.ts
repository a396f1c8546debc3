import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@cuakhau/messaging';
import type { Shipment } from '../domain/shipment';
import type { Decided } from '../domain/state-machine';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { eventsFor } from './shipment-events';

/**
 * The "save + outbox" half of every use case that changes a stored shipment: stores the
 * decided state (an update guarded by the version that was loaded) and appends the events
 * announcing it — in the caller's transaction, so both commit together or not at all.
 * (New shipments are written by RegistrationBatcher, the same way, in groups.)
 */
@Injectable()
export class ShipmentChangeWriter {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async save(manager: EntityManager, before: Shipment, decided: Decided): Promise<void> {
    await this.shipments.update(manager, decided.state, before.version);
    await this.outbox.append(manager, eventsFor(before, decided));
  }
}
