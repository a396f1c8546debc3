import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CommandMeta } from '../domain/state-machine';
import { ClearanceFactApplier, type ApplyOutcome } from './apply-clearance-fact';

export interface ApplyCrossingCommand {
  readonly shipmentId: string;
  /** Time of the fact, its actor, and the source event's ce_id. */
  readonly meta: CommandMeta;
}

/** The border guard recorded the exit at the gate (CrossingRecorded): DEPARTED. Runs in the inbox consumer's transaction. */
@Injectable()
export class ApplyCrossingHandler {
  constructor(private readonly applier: ClearanceFactApplier) {}

  execute(command: ApplyCrossingCommand, manager: EntityManager): Promise<ApplyOutcome> {
    return this.applier.apply(manager, command.shipmentId, {
      type: 'RecordCrossing',
      meta: command.meta,
    });
  }
}
