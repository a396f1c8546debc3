import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@cuakhau/messaging';
import type { AgencySigningKey } from '@cuakhau/signing';
import { QUARANTINE_SIGNING_KEY } from '../../quarantine.tokens';
import type { Decided } from '../domain/case.state-machine';
import type { QuarantineCase } from '../domain/quarantine-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { decisionRecordedEvent } from './decision-events';

/**
 * The "save + outbox" half of every case use case: stores the decided state (insert, or
 * update guarded by the loaded version) and appends the signed DecisionRecorded when the
 * command published a decision — in the caller's transaction.
 */
@Injectable()
export class CaseChangeWriter {
  constructor(
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxWriter,
    @Inject(QUARANTINE_SIGNING_KEY) private readonly key: AgencySigningKey,
  ) {}

  async save(
    manager: EntityManager,
    before: QuarantineCase | null,
    decided: Decided,
  ): Promise<void> {
    if (before === null) await this.cases.insert(manager, decided.state);
    else await this.cases.update(manager, decided.state, before.version);
    if (decided.published !== undefined) {
      await this.outbox.append(manager, [
        decisionRecordedEvent(decided.state, decided.published, this.key),
      ]);
    }
  }
}
