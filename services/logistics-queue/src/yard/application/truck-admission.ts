import { Inject, Injectable } from '@nestjs/common';
import { EVENTS, queueV1 } from '@cuakhau/contracts';
import { OutboxWriter, outgoing, uuidv7, type SqlExecutor } from '@cuakhau/messaging';
import { CLASS_RANK, priorityClassOf } from '../domain/queue-order';
import type { ArrivalSource } from '../domain/yard';
import { YardRepository, type ShipmentRow } from '../infrastructure/yard.repository';
import type { YardPolicy } from './yard-policy';
import { YARD_POLICY } from './yard-policy.token';

export const QUEUE_EVENT_SOURCE = '/cuakhau/logistics-queue';

export interface Sighting {
  readonly source: ArrivalSource;
  readonly cameraId: string;
  readonly confidence: number;
  readonly arrivedAt: Date;
}

const SOURCE_TO_PROTO: Readonly<Record<ArrivalSource, queueV1.ArrivalSource>> = {
  ANPR: queueV1.ArrivalSource.ARRIVAL_SOURCE_ANPR,
  QR: queueV1.ArrivalSource.ARRIVAL_SOURCE_QR,
  MANUAL: queueV1.ArrivalSource.ARRIVAL_SOURCE_MANUAL,
};

/**
 * Puts a matched truck in the queue of its gate, in the caller's transaction: the entry (its
 * class by the queue rule) and TruckArrived in the outbox. A truck already in the yard is
 * left as it is (`false`): a second arrival of the same truck changes nothing.
 */
@Injectable()
export class TruckAdmission {
  constructor(
    private readonly repository: YardRepository,
    private readonly outbox: OutboxWriter,
    @Inject(YARD_POLICY) private readonly policy: YardPolicy,
  ) {}

  async admit(tx: SqlExecutor, shipment: ShipmentRow, sighting: Sighting): Promise<boolean> {
    const priorityClass = priorityClassOf(
      {
        hsCodes: shipment.hsCodes,
        plannedArrival: shipment.plannedArrival ?? undefined,
        arrivedAt: sighting.arrivedAt,
      },
      this.policy.queue,
    );
    const arrivalId = uuidv7();
    const confidence = sighting.source === 'ANPR' ? sighting.confidence : 1;
    const inserted = await this.repository.insertEntry(tx, {
      shipmentId: shipment.id,
      gateCode: shipment.gateCode,
      plate: shipment.plate,
      priorityClass,
      classRank: CLASS_RANK[priorityClass],
      arrivalId,
      source: sighting.source,
      cameraId: sighting.cameraId,
      confidence,
      arrivedAt: sighting.arrivedAt,
    });
    if (!inserted) return false;
    await this.outbox.append(tx, [
      outgoing({
        contract: EVENTS.truckArrived,
        key: shipment.id,
        source: QUEUE_EVENT_SOURCE,
        message: {
          shipmentId: shipment.id,
          gateCode: shipment.gateCode,
          plate: shipment.plate,
          source: SOURCE_TO_PROTO[sighting.source],
          cameraId: sighting.cameraId,
          confidence,
          arrivedAt: sighting.arrivedAt.toISOString(),
          arrivalId,
        },
      }),
    ]);
    await this.repository.notifyChanged(tx, {
      gateCode: shipment.gateCode,
      trucks: [shipment.id],
    });
    return true;
  }
}
