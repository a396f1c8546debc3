import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CUSTOMS_RISK_ACTOR } from './risk-assessor';
import { RegistryFactApplier, type ApplyOutcome } from './registry-fact.applier';

export interface CancelCaseCommand {
  readonly sourceEventId: string;
  readonly at: string;
  readonly shipmentId: string;
  readonly shipmentVersion: number;
  readonly reason: string;
}

/** ShipmentCancelled → close the case (CANCELLED): no officer can decide on it any more. */
@Injectable()
export class CancelCaseHandler {
  constructor(private readonly applier: RegistryFactApplier) {}

  execute(command: CancelCaseCommand, manager: EntityManager): Promise<ApplyOutcome> {
    return this.applier.apply(manager, command.shipmentId, () =>
      Promise.resolve({
        type: 'CancelCase',
        meta: { at: command.at, actor: CUSTOMS_RISK_ACTOR, sourceEventId: command.sourceEventId },
        data: { shipmentVersion: command.shipmentVersion, reason: command.reason },
      }),
    );
  }
}
