import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter, type OutgoingEvent } from '@cuakhau/messaging';
import type { Signature } from '@cuakhau/signing';
import { decide, type CaseCommand, type Decided } from '../domain/case.state-machine';
import { isAutoClearable } from '../domain/customs-case';
import { CaseRepository, type StoredCase } from '../infrastructure/case.repository';
import { DecisionSigner } from '../infrastructure/decision-signer';
import { caseEventsFor } from './case-events';
import { codedError, codedErrorOf } from './customs-coded-errors';

/**
 * The "decide → save + outbox" half of every case use case, in the caller's transaction:
 * decides the command, then — right after an opening or a re-assessment that leaves the
 * case an assessed GREEN — the automatic clearance (ClearAutomatically, same transaction),
 * signs each decision, stores the case (insert, or update guarded by the loaded version)
 * and appends the events. A refusal is thrown as a CodedError and nothing is written.
 */
@Injectable()
export class CaseWorkflow {
  constructor(
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxWriter,
    @Inject(DecisionSigner) private readonly signer: DecisionSigner,
  ) {}

  async apply(
    manager: EntityManager,
    before: StoredCase | null,
    command: CaseCommand,
  ): Promise<StoredCase> {
    const steps: Decided[] = [this.decideOrThrow(before?.state ?? null, command)];
    const first = steps[0] as Decided;
    if (
      (first.event.type === 'CaseOpened' || first.event.type === 'CaseReassessed') &&
      isAutoClearable(first.state)
    ) {
      steps.push(
        this.decideOrThrow(first.state, {
          type: 'ClearAutomatically',
          meta: {
            at: new Date().toISOString(),
            sourceEventId: `${command.meta.sourceEventId}/auto-clear`,
          },
        }),
      );
    }
    const events: OutgoingEvent<unknown>[] = [];
    let signature: Signature | undefined = before?.signature;
    for (const step of steps) {
      let signed: Signature | undefined;
      if (step.event.type === 'DecisionRecorded') {
        signed = this.signer.sign(step.state.shipmentId, step.state.id, step.event.data);
        signature = signed;
      }
      events.push(...caseEventsFor(step, signed));
    }
    const state = (steps[steps.length - 1] as Decided).state;
    if (state.decision === undefined) signature = undefined;
    if (before === null) {
      const inserted = await this.cases.insert(manager, state, signature);
      if (!inserted) {
        throw codedErrorOf(
          'CUSTOMS.CASE_ALREADY_EXISTS',
          `shipment ${state.shipmentId} already has a customs case`,
        );
      }
    } else {
      await this.cases.update(manager, state, before.state.version, signature);
    }
    await this.outbox.append(manager, events);
    return signature === undefined ? { state } : { state, signature };
  }

  private decideOrThrow(state: StoredCase['state'] | null, command: CaseCommand): Decided {
    const decided = decide(state, command);
    if (!decided.ok) throw codedError(decided.error);
    return decided.value;
  }
}
