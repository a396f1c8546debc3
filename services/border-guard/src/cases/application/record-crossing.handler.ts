import { Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { recordCrossing, type Actor, type BorderGuardCase } from '../domain/border-guard-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { codedError, codedErrorOf } from './border-guard-coded-errors';
import { CaseChangeWriter } from './case-change.writer';
import { CaseEvents } from './case-events';

export interface RecordCrossingCommand {
  readonly shipmentId: string;
  readonly actor: Actor;
}

/** The officer at the barrier records the exit / entry: once, only after the queue's call. */
@Injectable()
export class RecordCrossingHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly cases: CaseRepository,
    private readonly writer: CaseChangeWriter,
    private readonly events: CaseEvents,
  ) {}

  execute(command: RecordCrossingCommand): Promise<BorderGuardCase> {
    return this.transactions.inTransaction(async (manager) => {
      const before = await this.cases.findByShipment(command.shipmentId, manager, true);
      if (before === null) {
        throw codedErrorOf(
          'BORDER_GUARD.CASE_NOT_FOUND',
          `there is no border-guard case for shipment ${command.shipmentId}`,
        );
      }
      const call = await this.cases.findCall(command.shipmentId, manager);
      const crossed = recordCrossing(before, call, new Date().toISOString());
      if (!crossed.ok) throw codedError(crossed.error);
      await this.writer.save(
        manager,
        before,
        { state: crossed.value, decision: null, changed: true },
        [this.events.crossingRecorded(crossed.value, command.actor)],
      );
      return crossed.value;
    });
  }
}
