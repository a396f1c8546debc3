import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CommandMeta } from '../domain/state-machine';
import { ClearanceFactApplier, type ApplyOutcome } from './apply-clearance-fact';

export interface ApplyArrivalCommand {
  readonly shipmentId: string;
  /** Time of the fact, its actor, and the source event's ce_id. */
  readonly meta: CommandMeta;
}

/** The truck reached the yard (queue TruckArrived). Runs in the inbox consumer's transaction. */
@Injectable()
export class ApplyArrivalHandler {
  constructor(private readonly applier: ClearanceFactApplier) {}

  execute(command: ApplyArrivalCommand, manager: EntityManager): Promise<ApplyOutcome> {
    return this.applier.apply(manager, command.shipmentId, {
      type: 'RecordArrival',
      meta: command.meta,
    });
  }
}
