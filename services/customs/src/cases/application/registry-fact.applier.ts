import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CodedError } from '@cuakhau/platform';
import { CUSTOMS_LOGGER } from '../../customs.tokens';
import type { CaseCommand } from '../domain/case.state-machine';
import type { CustomsErrorCode } from '../domain/customs.errors';
import { CaseRepository, type StoredCase } from '../infrastructure/case.repository';
import { CaseWorkflow } from './case.workflow';
import { UnappliableEventError } from './customs-coded-errors';

/**
 * Refusals of a registry event that mean "nothing to do": it is already applied (same
 * source id, or a second ShipmentRegistered for a shipment that has its case) or older than
 * what the case reflects. The event is acknowledged and the refusal logged. Every other
 * refusal (no case for an amendment, an amendment of a rejected or cancelled case ...) is
 * thrown as UnappliableEventError and ends in `cuakhau.registry.v1.dlq` with the reason.
 */
export const ACKNOWLEDGED_REFUSALS: ReadonlySet<string> = new Set<CustomsErrorCode>([
  'CUSTOMS.EVENT_ALREADY_APPLIED',
  'CUSTOMS.SHIPMENT_EVENT_STALE',
  'CUSTOMS.CASE_ALREADY_EXISTS',
]);

export type ApplyOutcome = 'applied' | 'acknowledged';

/** load → decide → save + outbox for a registry event, inside the inbox transaction. */
@Injectable()
export class RegistryFactApplier {
  constructor(
    private readonly cases: CaseRepository,
    private readonly workflow: CaseWorkflow,
    @Inject(CUSTOMS_LOGGER) private readonly logger: Logger,
  ) {}

  async apply(
    manager: EntityManager,
    shipmentId: string,
    command: (before: StoredCase | null) => Promise<CaseCommand>,
  ): Promise<ApplyOutcome> {
    const before = await this.cases.findByShipmentId(shipmentId, manager);
    const built = await command(before);
    try {
      await this.workflow.apply(manager, before, built);
      return 'applied';
    } catch (error) {
      if (!(error instanceof CodedError)) throw error;
      if (ACKNOWLEDGED_REFUSALS.has(error.code)) {
        this.logger.info(
          { shipmentId, sourceEventId: built.meta.sourceEventId, code: error.code },
          `registry event acknowledged without effect: ${error.message}`,
        );
        return 'acknowledged';
      }
      throw new UnappliableEventError(error.code as CustomsErrorCode, error.message);
    }
  }
}
