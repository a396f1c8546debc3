import { Injectable } from '@nestjs/common';
import { DriverPassGuard } from '../../driver/application/driver-pass.guard';
import { RegistryClient } from '../../shipments/infrastructure/registry.client';

export interface VerifiedDriver {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly normalisedPlate: string;
}

/**
 * A driver proves who they are with plate + pass code under the same rule as the queue
 * position (DriverPassGuard: 404 for a wrong pair, the same per-address budget of guesses).
 */
@Injectable()
export class DriverPassVerifier {
  constructor(
    private readonly registry: RegistryClient,
    private readonly pass: DriverPassGuard,
  ) {}

  async verify(command: {
    plate: string;
    passCode: string;
    clientIp: string;
  }): Promise<VerifiedDriver> {
    const shipment = await this.pass.match(
      command.clientIp,
      async () =>
        (
          await this.registry.lookupByPlateAndPass({
            plate: command.plate,
            passCode: command.passCode,
          })
        ).shipment,
    );
    return {
      shipmentId: shipment.shipmentId,
      gateCode: shipment.gateCode,
      normalisedPlate: shipment.normalisedPlate,
    };
  }
}
