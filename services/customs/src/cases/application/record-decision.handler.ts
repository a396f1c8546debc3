import { Injectable } from '@nestjs/common';
import type { CustomsDecision } from '../domain/customs-case';
import type { StoredCase } from '../infrastructure/case.repository';
import { OfficerCommandRunner, type OfficerRequest } from './officer-command.runner';

export interface RecordDecisionCommand extends OfficerRequest {
  readonly expectedVersion: number;
  readonly decision: CustomsDecision;
  readonly reason: string;
}

/** An officer decides CLEARED, HOLD or REJECTED; published signed as DecisionRecorded. */
@Injectable()
export class RecordDecisionHandler {
  constructor(private readonly runner: OfficerCommandRunner) {}

  execute(command: RecordDecisionCommand): Promise<StoredCase> {
    const reason = command.reason.trim();
    return this.runner.run(command, (meta) => ({
      type: 'RecordDecision',
      meta,
      data: {
        expectedVersion: command.expectedVersion,
        decision: command.decision,
        ...(reason === '' ? {} : { reason }),
      },
    }));
  }
}
