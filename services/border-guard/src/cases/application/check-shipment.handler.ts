import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '@cuakhau/messaging';
import { WatchListRepository } from '../../watch-list/infrastructure/watch-list.repository';
import { assess } from '../domain/assess';
import { applyCheck, type BorderGuardCase, type ShipmentData } from '../domain/border-guard-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseChangeWriter } from './case-change.writer';

/**
 * The automatic checks (driver's document, vehicle permit, watch list) on a registration,
 * an amendment, or — with the data the case holds — on the truck's arrival. Runs in the
 * inbox transaction of the event that triggered it.
 */
@Injectable()
export class CheckShipmentHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly watchList: WatchListRepository,
    private readonly writer: CaseChangeWriter,
  ) {}

  async execute(
    shipment: ShipmentData,
    at: string,
    manager: EntityManager,
  ): Promise<BorderGuardCase> {
    const before = await this.cases.findByShipment(shipment.shipmentId, manager, true);
    return this.check(before, shipment, at, manager);
  }

  /** TruckArrived: re-check the case's own data (the watch list may have changed). */
  async recheck(
    shipmentId: string,
    at: string,
    manager: EntityManager,
  ): Promise<BorderGuardCase | null> {
    const before = await this.cases.findByShipment(shipmentId, manager, true);
    if (before === null) return null;
    return this.check(before, before, at, manager);
  }

  private async check(
    before: BorderGuardCase | null,
    shipment: ShipmentData,
    at: string,
    manager: EntityManager,
  ): Promise<BorderGuardCase> {
    const now = new Date();
    const findings = assess(shipment, {
      permits: await this.cases.permitsOf(shipment.normalisedPlate, manager),
      watchList: await this.watchList.candidates(
        { name: shipment.driver.name, documentNumber: shipment.driver.documentNumber },
        [shipment.vehicle.plate, shipment.vehicle.trailerPlate],
        now,
        manager,
      ),
      now,
    });
    const decided = applyCheck(before, shipment, findings, at, uuidv7());
    await this.writer.save(manager, before, decided);
    return decided.state;
  }
}
