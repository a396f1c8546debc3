import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CommandMeta } from '../domain/state-machine';
import { ClearanceFactApplier, type ApplyOutcome } from './apply-clearance-fact';

export interface ApplyNoShowCommand {
  readonly shipmentId: string;
  /** Time of the fact, its actor, and the source event's ce_id. */
  readonly meta: CommandMeta;
}

/** A called truck did not reach its lane in time (TruckNoShow). Runs in the inbox consumer's transaction. */
@Injectable()
export class ApplyNoShowHandler {
  constructor(private readonly applier: ClearanceFactApplier) {}

  execute(command: ApplyNoShowCommand, manager: EntityManager): Promise<ApplyOutcome> {
    return this.applier.apply(manager, command.shipmentId, {
      type: 'RecordNoShow',
      meta: command.meta,
    });
  }
}
