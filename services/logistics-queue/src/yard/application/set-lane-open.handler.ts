import { Injectable } from '@nestjs/common';
import { EVENTS } from '@cuakhau/contracts';
import { OutboxWriter, outgoing } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { YardRepository, type LaneRow } from '../infrastructure/yard.repository';
import { LivePositionsProjector } from './live-positions.projector';
import { queueError } from './queue-coded-errors';
import { QUEUE_EVENT_SOURCE } from './truck-admission';

/** Opens or closes a lane (LaneOpened / LaneClosed, key = lane id); the same state twice is a no-op. */
@Injectable()
export class SetLaneOpenHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: YardRepository,
    private readonly outbox: OutboxWriter,
    private readonly projector: LivePositionsProjector,
  ) {}

  async execute(command: { laneId: string; open: boolean; actor: string }): Promise<LaneRow> {
    const lane = await this.transactions.inTransaction(async (tx) => {
      const current = await this.repository.lockLane(tx, command.laneId);
      if (current === undefined)
        throw queueError('QUEUE.LANE_NOT_FOUND', `no lane ${command.laneId}`);
      if (current.open === command.open) return current;
      await this.repository.setLaneOpen(tx, current.id, command.open);
      const at = new Date().toISOString();
      await this.outbox.append(tx, [
        command.open
          ? outgoing({
              contract: EVENTS.laneOpened,
              key: current.id,
              source: QUEUE_EVENT_SOURCE,
              message: {
                laneId: current.id,
                gateCode: current.gateCode,
                openedAt: at,
                actor: command.actor,
              },
            })
          : outgoing({
              contract: EVENTS.laneClosed,
              key: current.id,
              source: QUEUE_EVENT_SOURCE,
              message: {
                laneId: current.id,
                gateCode: current.gateCode,
                closedAt: at,
                actor: command.actor,
              },
            }),
      ]);
      await this.repository.notifyChanged(tx, { gateCode: current.gateCode, full: true });
      return { ...current, open: command.open };
    });
    await this.projector.applyQuietly({ gateCode: lane.gateCode, full: true });
    return lane;
  }
}
