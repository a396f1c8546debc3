import { Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { decide, type CaseCommand } from '../domain/case.state-machine';
import type { QuarantineCase } from '../domain/quarantine-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { CaseChangeWriter } from './case-change.writer';
import { codedError, codedErrorOf } from './quarantine-coded-errors';

export type OfficerCaseCommand = Extract<
  CaseCommand,
  { type: 'RecordSample' | 'RecordLabResult' | 'RecordDecision' }
>;

export interface OfficerCommand {
  readonly shipmentId: string;
  /** The officer's gate; a case of another gate answers CASE_NOT_FOUND. */
  readonly gateCode?: string;
  readonly command: OfficerCaseCommand;
}

/**
 * An officer's sample, lab result or decision on a case: load → decide → save + signed
 * DecisionRecorded in one transaction. Two officers on the same version: the UPDATE …
 * WHERE version lets one commit, the other gets QUARANTINE.VERSION_CONFLICT.
 */
@Injectable()
export class OfficerCommandHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly cases: CaseRepository,
    private readonly writer: CaseChangeWriter,
  ) {}

  execute({ shipmentId, gateCode, command }: OfficerCommand): Promise<QuarantineCase> {
    return this.transactions.inTransaction(async (manager) => {
      const before = await this.cases.findByShipment(shipmentId, manager);
      if (before === null || (gateCode !== undefined && before.declaration.gateCode !== gateCode)) {
        throw codedErrorOf('QUARANTINE.CASE_NOT_FOUND', `no quarantine case for ${shipmentId}`);
      }
      const decided = decide(before, command);
      if (!decided.ok) throw codedError(decided.error);
      await this.writer.save(manager, before, decided.value);
      return decided.value.state;
    });
  }
}
