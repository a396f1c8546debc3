import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@cuakhau/messaging';
import type { Shipment } from '../domain/shipment';
import type { Decided } from '../domain/state-machine';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { eventsFor } from './shipment-events';

/**
 * The "save + outbox" half of every use case: stores the decided state (insert, or update
 * guarded by the version that was loaded) and appends the events announcing it — in the
 * caller's transaction, so both commit together or not at all.
 */
@Injectable()
export class ShipmentChangeWriter {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async save(manager: EntityManager, before: Shipment | null, decided: Decided): Promise<void> {
    if (before === null) {
      await this.shipments.insert(manager, decided.state);
    } else {
      await this.shipments.update(manager, decided.state, before.version);
    }
    await this.outbox.append(manager, eventsFor(before, decided));
  }
}
