import { Injectable } from '@nestjs/common';
import type { Shipment } from '../domain/shipment';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { loadShipment } from './load-shipment';

export interface GetShipmentCommand {
  readonly shipmentId: string;
  /** When set, another organisation's shipment is NOT_FOUND. */
  readonly organisationId?: string;
}

/** One shipment with its timeline. */
@Injectable()
export class GetShipmentHandler {
  constructor(private readonly shipments: ShipmentRepository) {}

  execute(command: GetShipmentCommand): Promise<Shipment> {
    return loadShipment(this.shipments, command.shipmentId, command.organisationId);
  }
}
