import type { EntityManager } from 'typeorm';
import type { Shipment } from '../domain/shipment';
import type { ShipmentRepository } from '../infrastructure/shipment.repository';
import { codedErrorOf } from './registry-coded-errors';

/**
 * The shipment, or REGISTRY.SHIPMENT_NOT_FOUND — also when `organisationId` is given and
 * the shipment belongs to another organisation (nobody learns that it exists).
 */
export async function loadShipment(
  shipments: ShipmentRepository,
  shipmentId: string,
  organisationId: string | undefined,
  manager?: EntityManager,
): Promise<Shipment> {
  const shipment = await shipments.findById(shipmentId, manager);
  if (
    shipment === null ||
    (organisationId !== undefined &&
      organisationId !== '' &&
      shipment.organisationId !== organisationId)
  ) {
    throw codedErrorOf('REGISTRY.SHIPMENT_NOT_FOUND', `there is no shipment ${shipmentId}`);
  }
  return shipment;
}
