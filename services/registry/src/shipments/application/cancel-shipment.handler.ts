import { Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { Shipment } from '../domain/shipment';
import { decide } from '../domain/state-machine';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { commandMeta } from './command-meta';
import { loadShipment } from './load-shipment';
import { codedError } from './registry-coded-errors';
import { ShipmentChangeWriter } from './shipment-change.writer';

export interface CancelShipmentCommand {
  readonly shipmentId: string;
  readonly organisationId?: string;
  readonly expectedVersion: number;
  readonly reason?: string;
  readonly actor: string;
}

/** Cancels before the truck is called: ShipmentCancelled + ShipmentStatusChanged. */
@Injectable()
export class CancelShipmentHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly shipments: ShipmentRepository,
    private readonly writer: ShipmentChangeWriter,
  ) {}

  execute(command: CancelShipmentCommand): Promise<Shipment> {
    return this.transactions.inTransaction(async (manager) => {
      const before = await loadShipment(
        this.shipments,
        command.shipmentId,
        command.organisationId,
        manager,
      );
      const reason = command.reason?.trim();
      const decided = decide(before, {
        type: 'CancelShipment',
        meta: commandMeta(command.actor),
        data: {
          expectedVersion: command.expectedVersion,
          ...(reason === undefined || reason === '' ? {} : { reason }),
        },
      });
      if (!decided.ok) throw codedError(decided.error);
      await this.writer.save(manager, before, decided.value);
      return decided.value.state;
    });
  }
}
