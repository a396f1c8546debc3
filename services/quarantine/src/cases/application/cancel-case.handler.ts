import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decide, type CommandMeta } from '../domain/case.state-machine';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseChangeWriter } from './case-change.writer';
import type { RegistryEventOutcome } from './registry-event-outcome';

export interface CancelCaseCommand {
  readonly shipmentId: string;
  readonly shipmentVersion: number;
  readonly reason: string;
  readonly meta: CommandMeta;
}

/** ShipmentCancelled: closes the case. Inbox transaction. */
@Injectable()
export class CancelCaseHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly writer: CaseChangeWriter,
  ) {}

  async execute(command: CancelCaseCommand, manager: EntityManager): Promise<RegistryEventOutcome> {
    const before = await this.cases.findByShipment(command.shipmentId, manager);
    const decided = decide(before, {
      type: 'CancelCase',
      meta: command.meta,
      data: { shipmentVersion: command.shipmentVersion, reason: command.reason },
    });
    if (!decided.ok) return { applied: false, refusal: decided.error };
    await this.writer.save(manager, before, decided.value);
    return { applied: true };
  }
}
