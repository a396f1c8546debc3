import { Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { decideByOfficer, type Actor, type BorderGuardCase } from '../domain/border-guard-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { codedError, codedErrorOf } from './border-guard-coded-errors';
import { CaseChangeWriter } from './case-change.writer';

export interface RecordDecisionCommand {
  readonly shipmentId: string;
  /** CLEARED, HOLD or REJECTED. */
  readonly decision: string;
  readonly reason: string;
  readonly expectedVersion: number;
  readonly actor: Actor;
}

/** An officer's decision on a case: load → decide → save + signed DecisionRecorded. */
@Injectable()
export class RecordDecisionHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly cases: CaseRepository,
    private readonly writer: CaseChangeWriter,
  ) {}

  execute(command: RecordDecisionCommand): Promise<BorderGuardCase> {
    return this.transactions.inTransaction(async (manager) => {
      const before = await this.cases.findByShipment(command.shipmentId, manager);
      if (before === null) {
        throw codedErrorOf(
          'BORDER_GUARD.CASE_NOT_FOUND',
          `there is no border-guard case for shipment ${command.shipmentId}`,
        );
      }
      const decided = decideByOfficer(before, { ...command, at: new Date().toISOString() });
      if (!decided.ok) throw codedError(decided.error);
      await this.writer.save(manager, before, decided.value);
      return decided.value.state;
    });
  }
}
