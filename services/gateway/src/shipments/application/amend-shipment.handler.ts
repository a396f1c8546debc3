import { Injectable } from '@nestjs/common';
import { registryServiceV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import { RegistryClient } from '../infrastructure/registry.client';
import type { PatchShipmentBody } from '../transport/shipment.dto';
import { mergePatch } from '../transport/shipment.mapper';
import type { TraderContext } from './trader-context';

/** PATCH: read the shipment, check the version, merge the patch, send the whole data to Amend. */
@Injectable()
export class AmendShipmentHandler {
  constructor(private readonly registry: RegistryClient) {}

  async execute(command: {
    context: TraderContext;
    shipmentId: string;
    expectedVersion: number;
    patch: PatchShipmentBody;
  }): Promise<registryServiceV1.Shipment | undefined> {
    const { context, shipmentId, expectedVersion } = command;
    const current = (
      await this.registry.get({ shipmentId, organisationId: context.organisationId })
    ).shipment;
    if (current === undefined) {
      throw new CodedError('REGISTRY.SHIPMENT_NOT_FOUND', 'NOT_FOUND', 'no such shipment');
    }
    if (current.version !== expectedVersion) {
      throw new CodedError(
        'REGISTRY.VERSION_CONFLICT',
        'CONFLICT',
        `the shipment is at version ${current.version}, the request was made on version ${expectedVersion}`,
      );
    }
    const response = await this.registry.amend({
      shipmentId,
      organisationId: context.organisationId,
      expectedVersion,
      actor: context.actor,
      ...mergePatch(current, command.patch),
    });
    return response.shipment;
  }
}
