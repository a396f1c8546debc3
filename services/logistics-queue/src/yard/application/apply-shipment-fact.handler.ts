import { Inject, Injectable } from '@nestjs/common';
import type { SqlExecutor } from '@cuakhau/messaging';
import { requiredCapabilities } from '../domain/lane-fit';
import { normalisePlate } from '../domain/plate';
import { CLASS_RANK, priorityClassOf } from '../domain/queue-order';
import { removesFromQueue, type Direction } from '../domain/yard';
import { YardRepository } from '../infrastructure/yard.repository';
import type { YardPolicy } from './yard-policy';
import { YARD_POLICY } from './yard-policy.token';

/** What the registry said about a shipment, as the yard's read model needs it. */
export type ShipmentFact =
  | {
      readonly kind: 'REGISTERED' | 'AMENDED';
      readonly shipmentId: string;
      readonly gateCode: string;
      readonly direction: Direction;
      readonly plate: string;
      readonly plannedArrival: Date | undefined;
      readonly goods: readonly { readonly hsCode: string; readonly grossKg: number }[];
      readonly version: number;
    }
  | {
      readonly kind: 'CLEARED';
      readonly shipmentId: string;
      readonly gateCode: string;
      readonly direction: Direction;
      readonly plate: string;
      readonly plannedArrival: Date | undefined;
      readonly hsCodes: readonly string[];
      readonly version: number;
    }
  | { readonly kind: 'CANCELLED'; readonly shipmentId: string; readonly version: number }
  | {
      readonly kind: 'STATUS_CHANGED';
      readonly shipmentId: string;
      readonly status: string;
      readonly version: number;
    };

/**
 * Keeps the local read model of the registry's shipments (plate, gate, planned arrival, HS
 * codes, status, cleared) in the inbox transaction, newest version wins. A waiting truck whose
 * goods or slot changed gets its class again; a cancelled or rejected one leaves the queue.
 */
@Injectable()
export class ApplyShipmentFactHandler {
  constructor(
    private readonly repository: YardRepository,
    @Inject(YARD_POLICY) private readonly policy: YardPolicy,
  ) {}

  async execute(tx: SqlExecutor, fact: ShipmentFact): Promise<void> {
    switch (fact.kind) {
      case 'REGISTERED':
      case 'AMENDED': {
        const written = await this.repository.upsertShipment(tx, {
          id: fact.shipmentId,
          gateCode: fact.gateCode,
          direction: fact.direction,
          plate: normalisePlate(fact.plate),
          plannedArrival: fact.plannedArrival ?? null,
          hsCodes: fact.goods.map((line) => line.hsCode),
          requiredCapabilities: requiredCapabilities(fact.goods, this.policy.capabilities),
          status: 'REGISTERED',
          version: fact.version,
        });
        if (written) await this.reclassify(tx, fact.shipmentId);
        return;
      }
      case 'CLEARED': {
        const known = await this.repository.getShipment(tx, fact.shipmentId);
        if (known === undefined) {
          await this.repository.upsertShipment(tx, {
            id: fact.shipmentId,
            gateCode: fact.gateCode,
            direction: fact.direction,
            plate: normalisePlate(fact.plate),
            plannedArrival: fact.plannedArrival ?? null,
            hsCodes: [...fact.hsCodes],
            requiredCapabilities: requiredCapabilities(
              fact.hsCodes.map((hsCode) => ({ hsCode, grossKg: 0 })),
              this.policy.capabilities,
            ),
            status: 'CLEARED',
            version: fact.version,
          });
        }
        await this.repository.setShipmentStatus(tx, fact.shipmentId, 'CLEARED', fact.version, true);
        await this.repository.notifyChanged(tx, {
          gateCode: fact.gateCode,
          trucks: [fact.shipmentId],
        });
        return;
      }
      case 'CANCELLED':
        await this.changeStatus(tx, fact.shipmentId, 'CANCELLED', fact.version);
        return;
      case 'STATUS_CHANGED':
        await this.changeStatus(tx, fact.shipmentId, fact.status, fact.version);
        return;
      default: {
        const unknown: never = fact;
        throw new Error(`unknown shipment fact ${JSON.stringify(unknown)}`);
      }
    }
  }

  private async changeStatus(
    tx: SqlExecutor,
    shipmentId: string,
    status: string,
    version: number,
  ): Promise<void> {
    const cleared =
      status === 'CLEARED'
        ? true
        : ['HELD', 'REJECTED', 'CANCELLED'].includes(status)
          ? false
          : undefined;
    const shipment = await this.repository.setShipmentStatus(
      tx,
      shipmentId,
      status,
      version,
      cleared,
    );
    if (shipment === undefined) return;
    if (removesFromQueue(status)) await this.repository.removeWaitingEntry(tx, shipmentId);
    await this.repository.notifyChanged(tx, { gateCode: shipment.gateCode, trucks: [shipmentId] });
  }

  private async reclassify(tx: SqlExecutor, shipmentId: string): Promise<void> {
    const [shipment, entry] = await Promise.all([
      this.repository.getShipment(tx, shipmentId),
      this.repository.entry(tx, shipmentId),
    ]);
    if (shipment === undefined || entry === undefined || entry.status !== 'WAITING') return;
    const priorityClass = priorityClassOf(
      {
        hsCodes: shipment.hsCodes,
        plannedArrival: shipment.plannedArrival ?? undefined,
        arrivedAt: entry.arrivedAt,
      },
      this.policy.queue,
    );
    await this.repository.setEntryClass(tx, shipmentId, priorityClass, CLASS_RANK[priorityClass]);
    await this.repository.notifyChanged(tx, { gateCode: shipment.gateCode, trucks: [shipmentId] });
  }
}
