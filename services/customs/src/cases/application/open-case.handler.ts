import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '@cuakhau/messaging';
import type { Declaration } from '../domain/declaration';
import { CUSTOMS_RISK_ACTOR, RiskAssessor } from './risk-assessor';
import { RegistryFactApplier, type ApplyOutcome } from './registry-fact.applier';

export interface OpenCaseCommand {
  readonly sourceEventId: string;
  /** The registration time: the instant the rules' effective periods are checked against. */
  readonly at: string;
  readonly shipmentVersion: number;
  readonly declaration: Declaration;
}

/** ShipmentRegistered → assess → open the case (and clear it at once when GREEN). */
@Injectable()
export class OpenCaseHandler {
  constructor(
    private readonly applier: RegistryFactApplier,
    private readonly assessor: RiskAssessor,
  ) {}

  execute(command: OpenCaseCommand, manager: EntityManager): Promise<ApplyOutcome> {
    return this.applier.apply(manager, command.declaration.shipmentId, async (before) => ({
      type: 'OpenCase',
      meta: { at: command.at, actor: CUSTOMS_RISK_ACTOR, sourceEventId: command.sourceEventId },
      data: {
        caseId: before?.state.id ?? uuidv7(),
        declaration: command.declaration,
        shipmentVersion: command.shipmentVersion,
        // An existing case is refused before its assessment matters: do not assess twice.
        assessment:
          before?.state.assessment ??
          (await this.assessor.assess(manager, command.declaration, 1, command.at)),
      },
    }));
  }
}
