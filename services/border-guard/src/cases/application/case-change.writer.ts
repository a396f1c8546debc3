import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter, type OutgoingEvent } from '@cuakhau/messaging';
import type { BorderGuardCase, Decided } from '../domain/border-guard-case';
import { CaseRepository } from '../infrastructure/case.repository';
import { codedErrorOf } from './border-guard-coded-errors';
import { CaseEvents } from './case-events';

/**
 * The "save + outbox" half of the case use cases: stores the decided state (insert, or update
 * guarded by the loaded version) and appends its events in the caller's transaction.
 */
@Injectable()
export class CaseChangeWriter {
  constructor(
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxWriter,
    private readonly events: CaseEvents,
  ) {}

  async save(
    manager: EntityManager,
    before: BorderGuardCase | null,
    decided: Decided,
    extra: readonly OutgoingEvent<unknown>[] = [],
  ): Promise<void> {
    if (!decided.changed) return;
    const saved =
      before === null
        ? await this.cases.insert(manager, decided.state)
        : await this.cases.update(manager, decided.state, before.version);
    if (!saved) {
      throw codedErrorOf(
        'BORDER_GUARD.VERSION_CONFLICT',
        `the case of shipment ${decided.state.shipmentId} was changed by someone else`,
      );
    }
    const events =
      decided.decision === null
        ? []
        : [this.events.decisionRecorded(decided.state, decided.decision)];
    await this.outbox.append(manager, [...events, ...extra]);
  }
}
