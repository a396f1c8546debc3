import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CommandMeta } from '../domain/state-machine';
import { ClearanceFactApplier, type ApplyOutcome } from './apply-clearance-fact';

export interface ApplyCallCommand {
  readonly shipmentId: string;
  /** Time of the fact, its actor, and the source event's ce_id. */
  readonly meta: CommandMeta;
  readonly laneId: string;
}

/** The queue called the truck to a lane (TruckCalled). Runs in the inbox consumer's transaction. */
@Injectable()
export class ApplyCallHandler {
  constructor(private readonly applier: ClearanceFactApplier) {}

  execute(command: ApplyCallCommand, manager: EntityManager): Promise<ApplyOutcome> {
    return this.applier.apply(manager, command.shipmentId, {
      type: 'RecordCall',
      meta: command.meta,
      data: { laneId: command.laneId },
    });
  }
}
