import { Inject, Injectable } from '@nestjs/common';
import type { RegistryConfig } from '../../registry.config';
import { REGISTRY_CONFIG } from '../../registry.tokens';
import { verifyPassCode } from '../domain/pass-code';
import { normalisePlate } from '../domain/plate';
import type { Shipment } from '../domain/shipment';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { codedErrorOf } from './registry-coded-errors';

export interface LookupByPlateAndPassCommand {
  /** As the driver typed it: `14c 123.45`, `14C-123.45` and `14C12345` are one plate. */
  readonly plate: string;
  readonly passCode: string;
}

/**
 * The shipment a driver holds the pass for. Every failure — malformed or unknown plate,
 * malformed, wrong or superseded pass code — is the same NOT_FOUND, so the answer never
 * tells which half was wrong.
 */
@Injectable()
export class LookupByPlateAndPassHandler {
  constructor(
    private readonly shipments: ShipmentRepository,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  async execute(command: LookupByPlateAndPassCommand): Promise<Shipment> {
    const plate = normalisePlate(command.plate);
    const candidates = plate.ok ? await this.shipments.findByPlate(plate.value) : [];
    const match = candidates.find((shipment) =>
      verifyPassCode(command.passCode, shipment.passCodeHash, this.config.PASS_CODE_PEPPER),
    );
    if (match === undefined) {
      throw codedErrorOf(
        'REGISTRY.PASS_CODE_MISMATCH',
        'no shipment matches this plate and pass code',
      );
    }
    return match;
  }
}
