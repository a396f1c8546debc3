import { Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { validateRegistration } from '../domain/register-shipment';
import type { Shipment } from '../domain/shipment';
import { decide } from '../domain/state-machine';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { commandMeta } from './command-meta';
import { loadShipment } from './load-shipment';
import { codedError, validationFailed } from './registry-coded-errors';
import { ShipmentChangeWriter } from './shipment-change.writer';

export interface AmendShipmentCommand {
  readonly shipmentId: string;
  readonly organisationId?: string;
  readonly expectedVersion: number;
  /** The whole new trader data (the gateway merges a PATCH onto the current shipment). */
  readonly registration: unknown;
  readonly actor: string;
}

/** Replaces the trader's data before arrival; a stale expected version is VERSION_CONFLICT. */
@Injectable()
export class AmendShipmentHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly shipments: ShipmentRepository,
    private readonly writer: ShipmentChangeWriter,
  ) {}

  async execute(command: AmendShipmentCommand): Promise<Shipment> {
    const now = new Date();
    const validation = validateRegistration(command.registration, {
      now,
      knownGates: await this.shipments.knownGates(),
    });
    if (!validation.ok) throw validationFailed(validation.errors);
    return this.transactions.inTransaction(async (manager) => {
      const before = await loadShipment(
        this.shipments,
        command.shipmentId,
        command.organisationId,
        manager,
      );
      const decided = decide(before, {
        type: 'AmendShipment',
        meta: commandMeta(command.actor, now),
        data: { expectedVersion: command.expectedVersion, registration: validation.value },
      });
      if (!decided.ok) throw codedError(decided.error);
      await this.writer.save(manager, before, decided.value);
      return decided.value.state;
    });
  }
}
