import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Declaration } from '../domain/declaration';
import { CUSTOMS_RISK_ACTOR, RiskAssessor } from './risk-assessor';
import { RegistryFactApplier, type ApplyOutcome } from './registry-fact.applier';
import { UnappliableEventError } from './customs-coded-errors';

export interface ReassessCaseCommand {
  readonly sourceEventId: string;
  readonly at: string;
  readonly shipmentVersion: number;
  readonly declaration: Declaration;
}

/** ShipmentAmended → assess the new declaration (next revision) → re-channel the case. */
@Injectable()
export class ReassessCaseHandler {
  constructor(
    private readonly applier: RegistryFactApplier,
    private readonly assessor: RiskAssessor,
  ) {}

  execute(command: ReassessCaseCommand, manager: EntityManager): Promise<ApplyOutcome> {
    return this.applier.apply(manager, command.declaration.shipmentId, async (before) => {
      if (before === null) {
        throw new UnappliableEventError(
          'CUSTOMS.CASE_NOT_FOUND',
          `shipment ${command.declaration.shipmentId} has no customs case to re-assess`,
        );
      }
      return {
        type: 'ReassessCase',
        meta: { at: command.at, actor: CUSTOMS_RISK_ACTOR, sourceEventId: command.sourceEventId },
        data: {
          declaration: command.declaration,
          shipmentVersion: command.shipmentVersion,
          assessment: await this.assessor.assess(
            manager,
            command.declaration,
            before.state.revision + 1,
            command.at,
          ),
        },
      };
    });
  }
}
