import { UnappliableEventError } from '@cuakhau/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { REGISTRY_LOGGER } from '../../registry.tokens';
import type { RegistryErrorCode } from '../domain/registry.errors';
import { decide, type ShipmentCommand } from '../domain/state-machine';
import { ShipmentRepository } from '../infrastructure/shipment.repository';
import { ShipmentChangeWriter } from './shipment-change.writer';

/**
 * Refusals that mean "nothing to do": the fact is already applied, stale, or about a
 * shipment that is already rejected. The event is acknowledged and the refusal logged.
 */
export const ACKNOWLEDGED_REFUSALS: ReadonlySet<RegistryErrorCode> = new Set([
  'REGISTRY.EVENT_ALREADY_APPLIED',
  'REGISTRY.DECISION_ALREADY_RECORDED',
  'REGISTRY.DECISION_STALE',
  'REGISTRY.SHIPMENT_ALREADY_REJECTED',
]);

/** Unknown shipment, illegal transition, contradiction: dead-lettered at once with the reason. */
export { UnappliableEventError };

export type ApplyOutcome = 'applied' | 'acknowledged';

/**
 * load → decide → save + outbox for a fact another service published, inside the inbox
 * consumer's transaction (so the inbox row, the new state and the outbox rows commit together).
 */
@Injectable()
export class ClearanceFactApplier {
  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly writer: ShipmentChangeWriter,
    @Inject(REGISTRY_LOGGER) private readonly logger: Logger,
  ) {}

  async apply(
    manager: EntityManager,
    shipmentId: string,
    command: Exclude<ShipmentCommand, { type: 'RegisterShipment' }>,
  ): Promise<ApplyOutcome> {
    const before = await this.shipments.findById(shipmentId, manager);
    if (before === null) {
      throw new UnappliableEventError(
        'REGISTRY.SHIPMENT_NOT_FOUND',
        `${command.type} for unknown shipment ${shipmentId}`,
      );
    }
    const decided = decide(before, command);
    if (!decided.ok) {
      const { code, message } = decided.error;
      if (ACKNOWLEDGED_REFUSALS.has(code) || before.status === 'CANCELLED') {
        this.logger.info(
          { shipmentId, sourceEventId: command.meta.sourceEventId, command: command.type, code },
          `event acknowledged without effect: ${message}`,
        );
        return 'acknowledged';
      }
      throw new UnappliableEventError(code, message);
    }
    await this.writer.save(manager, before, decided.value);
    return 'applied';
  }
}
