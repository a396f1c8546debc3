import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Agency, AgencyDecision } from '../domain/shipment';
import type { CommandMeta } from '../domain/state-machine';
import { ClearanceFactApplier, type ApplyOutcome } from './apply-clearance-fact';

export interface ApplyAgencyDecisionCommand {
  readonly shipmentId: string;
  /** Time of the fact, its actor, and the source event's ce_id. */
  readonly meta: CommandMeta;
  readonly agency: Agency;
  readonly decision: AgencyDecision;
  readonly reason?: string;
}

/** An agency's decision (customs, border guard, quarantine): per-agency and overall status. Runs in the inbox consumer's transaction. */
@Injectable()
export class ApplyAgencyDecisionHandler {
  constructor(private readonly applier: ClearanceFactApplier) {}

  execute(command: ApplyAgencyDecisionCommand, manager: EntityManager): Promise<ApplyOutcome> {
    return this.applier.apply(manager, command.shipmentId, {
      type: 'RecordAgencyDecision',
      meta: command.meta,
      data: {
        agency: command.agency,
        decision: command.decision,
        ...(command.reason === undefined ? {} : { reason: command.reason }),
      },
    });
  }
}
