import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { RegistryConfig } from '../../registry.config';
import { REGISTRY_CONFIG } from '../../registry.tokens';
import { generatePassCode, hashPassCode } from '../domain/pass-code';
import type { Shipment } from '../domain/shipment';
import { decide } from '../domain/state-machine';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { commandMeta } from './command-meta';
import { loadShipment } from './load-shipment';
import { codedError, codedErrorOf } from './registry-coded-errors';
import { ShipmentChangeWriter } from './shipment-change.writer';

export interface ReissuePassCodeCommand {
  readonly shipmentId: string;
  readonly organisationId?: string;
  /** The version the trader saw; 0 = do not check. */
  readonly expectedVersion: number;
  readonly actor: string;
}

/** A new pass code; the old one stops working (its hash is replaced). */
@Injectable()
export class ReissuePassCodeHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly shipments: ShipmentRepository,
    private readonly writer: ShipmentChangeWriter,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  execute(command: ReissuePassCodeCommand): Promise<{ shipment: Shipment; passCode: string }> {
    return this.transactions.inTransaction(async (manager) => {
      const before = await loadShipment(
        this.shipments,
        command.shipmentId,
        command.organisationId,
        manager,
      );
      if (command.expectedVersion !== 0 && command.expectedVersion !== before.version) {
        throw codedErrorOf(
          'REGISTRY.VERSION_CONFLICT',
          `the shipment is at version ${before.version}, the request was made on version ${command.expectedVersion}`,
        );
      }
      const passCode = generatePassCode(randomBytes);
      const decided = decide(before, {
        type: 'ReissuePassCode',
        meta: commandMeta(command.actor),
        data: { passCodeHash: hashPassCode(passCode, this.config.PASS_CODE_PEPPER) },
      });
      if (!decided.ok) throw codedError(decided.error);
      await this.writer.save(manager, before, decided.value);
      return { shipment: decided.value.state, passCode };
    });
  }
}
