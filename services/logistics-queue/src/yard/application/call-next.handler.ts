import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { EVENTS } from '@cuakhau/contracts';
import { OutboxWriter, outgoing, uuidv7 } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { QUEUE_LOGGER } from '../../logistics-queue.tokens';
import { YardRepository } from '../infrastructure/yard.repository';
import { LivePositionsProjector } from './live-positions.projector';
import { NoShowTimers } from './live-positions.port';
import { queueError } from './queue-coded-errors';
import { QUEUE_EVENT_SOURCE } from './truck-admission';
import type { YardPolicy } from './yard-policy';
import { YARD_POLICY } from './yard-policy.token';

export interface CallResult {
  readonly callId: string;
  readonly shipmentId: string;
  readonly plate: string;
  readonly laneId: string;
  readonly gateCode: string;
  readonly calledAt: Date;
  readonly deadline: Date;
}

/**
 * Calls the first cleared, arrived truck that fits a lane, atomically: the lane row is locked
 * (one call per lane at a time; a busy lane is refused), the truck is taken with
 * `FOR UPDATE SKIP LOCKED` (two lanes called at once get two different trucks), and the call,
 * the busy lane, the CALLED entry and TruckCalled commit together. The no-show timer is started
 * after the commit; if that fails, the resync re-derives it from the PENDING call. The live
 * store then changes the called truck's record and drops it from its class set: nothing else.
 */
@Injectable()
export class CallNextHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: YardRepository,
    private readonly outbox: OutboxWriter,
    private readonly timers: NoShowTimers,
    private readonly projector: LivePositionsProjector,
    @Inject(YARD_POLICY) private readonly policy: YardPolicy,
    @Inject(QUEUE_LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: { laneId: string; actor: string }): Promise<CallResult> {
    const call = await this.transactions.inTransaction(async (tx): Promise<CallResult> => {
      const lane = await this.repository.lockLane(tx, command.laneId);
      if (lane === undefined) throw queueError('QUEUE.LANE_NOT_FOUND', `no lane ${command.laneId}`);
      if (!lane.open) throw queueError('QUEUE.LANE_CLOSED', `lane ${lane.id} is closed`);
      if (lane.busyCallId !== null) {
        throw queueError(
          'QUEUE.LANE_BUSY',
          `lane ${lane.id} waits for truck ${lane.busyShipmentId ?? '?'} to cross`,
        );
      }
      const truck = await this.repository.lockNextTruck(tx, lane);
      if (truck === undefined) {
        throw queueError(
          'QUEUE.NO_TRUCK_READY',
          `no cleared truck in the yard fits lane ${lane.id}`,
        );
      }
      const calledAt = new Date();
      const deadline = new Date(calledAt.getTime() + this.policy.noShowAfterMs);
      const callId = uuidv7();
      await this.repository.insertCall(tx, {
        id: callId,
        shipmentId: truck.shipmentId,
        laneId: lane.id,
        gateCode: lane.gateCode,
        calledAt,
        deadline,
        outcome: 'PENDING',
        waitedMinutes: (calledAt.getTime() - truck.arrivedAt.getTime()) / 60_000,
        etaShownMinutes: truck.etaShownMinutes,
        actor: command.actor,
      });
      await this.outbox.append(tx, [
        outgoing({
          contract: EVENTS.truckCalled,
          key: truck.shipmentId,
          source: QUEUE_EVENT_SOURCE,
          message: {
            shipmentId: truck.shipmentId,
            laneId: lane.id,
            calledAt: calledAt.toISOString(),
            deadline: deadline.toISOString(),
            gateCode: lane.gateCode,
            plate: truck.plate,
          },
        }),
      ]);
      await this.repository.notifyChanged(tx, {
        gateCode: lane.gateCode,
        trucks: [truck.shipmentId],
      });
      return {
        callId,
        shipmentId: truck.shipmentId,
        plate: truck.plate,
        laneId: lane.id,
        gateCode: lane.gateCode,
        calledAt,
        deadline,
      };
    });
    try {
      await this.timers.schedule(call.callId, call.deadline);
    } catch (error) {
      this.logger.warn(
        { err: error, callId: call.callId },
        'no-show timer not started; resync will',
      );
    }
    // Not awaited: the call is decided and durable; the driver's view follows the commit (also
    // through the LISTEN/NOTIFY of the change), without holding the operator's answer.
    void this.projector.applyQuietly({ gateCode: call.gateCode, trucks: [call.shipmentId] });
    return call;
  }
}
