import { Inject, Injectable } from '@nestjs/common';
import { EVENTS } from '@cuakhau/contracts';
import { OutboxWriter, outgoing } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { decideNoShow, type NoShowDecision } from '../domain/no-show';
import { YardRepository, type GateChange } from '../infrastructure/yard.repository';
import { LivePositionsProjector } from './live-positions.projector';
import { QUEUE_EVENT_SOURCE } from './truck-admission';
import type { YardPolicy } from './yard-policy';
import { YARD_POLICY } from './yard-policy.token';

export type NoShowResult = NoShowDecision | { readonly kind: 'UNKNOWN_CALL' };

/**
 * A no-show timer fired. Decided against the stored call (domain/no-show.ts), so a timer that
 * fires twice — or once more after being re-derived — changes nothing the second time. On a
 * no-show: the call is closed, the lane freed, the truck requeued at the end of its class or
 * removed, and TruckNoShow is in the outbox, all in one transaction.
 */
@Injectable()
export class ApplyNoShowHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: YardRepository,
    private readonly outbox: OutboxWriter,
    private readonly projector: LivePositionsProjector,
    @Inject(YARD_POLICY) private readonly policy: YardPolicy,
  ) {}

  async execute(callId: string, now: Date = new Date()): Promise<NoShowResult> {
    let change: GateChange | undefined;
    const result = await this.transactions.inTransaction(async (tx): Promise<NoShowResult> => {
      const seen = await this.repository.lockCall(this.repository.reader, callId);
      if (seen === undefined) return { kind: 'UNKNOWN_CALL' };
      // Lock order entry → call, as the crossing does (no deadlock between the two).
      const entry = await this.repository.lockEntry(tx, seen.shipmentId);
      const call = await this.repository.lockCall(tx, callId);
      if (entry === undefined || call === undefined) return { kind: 'UNKNOWN_CALL' };
      const decision = decideNoShow(call, entry.noShowCount, now, this.policy.noShow);
      if (decision.kind === 'IGNORE') return decision;
      await this.repository.resolveCall(tx, call, 'NO_SHOW', now);
      await this.repository.requeueAfterNoShow(
        tx,
        entry.shipmentId,
        decision.noShowCount,
        decision.requeued,
        now,
      );
      await this.outbox.append(tx, [
        outgoing({
          contract: EVENTS.truckNoShow,
          key: entry.shipmentId,
          source: QUEUE_EVENT_SOURCE,
          message: {
            shipmentId: entry.shipmentId,
            laneId: call.laneId,
            noShowCount: decision.noShowCount,
            noShowAt: now.toISOString(),
            gateCode: call.gateCode,
            requeued: decision.requeued,
          },
        }),
      ]);
      await this.repository.notifyChanged(tx, {
        gateCode: call.gateCode,
        trucks: [entry.shipmentId],
      });
      change = { gateCode: call.gateCode, trucks: [entry.shipmentId] };
      return decision;
    });
    if (change !== undefined) await this.projector.applyQuietly(change);
    return result;
  }
}
