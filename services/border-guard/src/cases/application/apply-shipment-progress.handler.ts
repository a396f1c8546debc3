import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { cancelCase } from '../domain/border-guard-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseChangeWriter } from './case-change.writer';

/** What the border guard learns of a shipment's progress from the queue and the registry. */
@Injectable()
export class ApplyShipmentProgressHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly writer: CaseChangeWriter,
  ) {}

  /** TruckCalled: the lane the truck was called to (a crossing is allowed from now). */
  called(shipmentId: string, laneId: string, at: string, manager: EntityManager): Promise<void> {
    return this.cases.recordCall(manager, shipmentId, laneId, at);
  }

  /** TruckNoShow: the call lapsed. */
  noShow(shipmentId: string, at: string, manager: EntityManager): Promise<void> {
    return this.cases.recordCall(manager, shipmentId, null, at);
  }

  /** ShipmentStatusChanged: the registry's overall status (CALLED also allows a crossing). */
  statusChanged(
    shipmentId: string,
    status: string,
    at: string,
    manager: EntityManager,
  ): Promise<void> {
    return this.cases.recordRegistryStatus(manager, shipmentId, status, at);
  }

  /** ShipmentCancelled: the case closes. */
  async cancelled(shipmentId: string, at: string, manager: EntityManager): Promise<void> {
    const before = await this.cases.findByShipment(shipmentId, manager, true);
    if (before === null) return;
    await this.writer.save(manager, before, cancelCase(before, at));
  }
}
