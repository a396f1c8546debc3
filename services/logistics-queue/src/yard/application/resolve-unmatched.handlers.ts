import { Injectable } from '@nestjs/common';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import { YardRepository, type UnmatchedRow } from '../infrastructure/yard.repository';
import { LivePositionsProjector } from './live-positions.projector';
import { queueError } from './queue-coded-errors';
import { TruckAdmission } from './truck-admission';

/** The operator says which shipment an unmatched arrival is: the truck enters the queue. */
@Injectable()
export class ConfirmUnmatchedHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: YardRepository,
    private readonly admission: TruckAdmission,
    private readonly projector: LivePositionsProjector,
  ) {}

  async execute(command: {
    unmatchedId: string;
    shipmentId: string;
    actor: string;
  }): Promise<UnmatchedRow> {
    const row = await this.transactions.inTransaction(async (tx) => {
      const unmatched = await this.repository.lockUnmatched(tx, command.unmatchedId);
      if (unmatched === undefined) {
        throw queueError(
          'QUEUE.UNMATCHED_NOT_FOUND',
          `no unmatched arrival ${command.unmatchedId}`,
        );
      }
      if (unmatched.status === 'CONFIRMED' && unmatched.shipmentId === command.shipmentId) {
        return unmatched;
      }
      if (unmatched.status !== 'OPEN') {
        throw queueError(
          'QUEUE.UNMATCHED_ALREADY_RESOLVED',
          `unmatched arrival ${unmatched.id} is already ${unmatched.status}`,
        );
      }
      const shipment = await this.repository.getShipment(tx, command.shipmentId);
      if (shipment === undefined) {
        throw queueError('QUEUE.SHIPMENT_NOT_FOUND', `no shipment ${command.shipmentId}`);
      }
      if (shipment.gateCode !== unmatched.gateCode) {
        throw queueError(
          'QUEUE.SHIPMENT_OTHER_GATE',
          `shipment ${shipment.id} is registered at ${shipment.gateCode}, not ${unmatched.gateCode}`,
        );
      }
      await this.admission.admit(tx, shipment, {
        source: unmatched.source,
        cameraId: unmatched.cameraId,
        confidence: unmatched.confidence,
        arrivedAt: unmatched.arrivedAt,
      });
      return this.repository.resolveUnmatched(
        tx,
        unmatched.id,
        'CONFIRMED',
        shipment.id,
        command.actor,
      );
    });
    if (row.shipmentId !== null) {
      await this.projector.applyQuietly({ gateCode: row.gateCode, trucks: [row.shipmentId] });
    }
    return row;
  }
}

/** The operator discards an unmatched arrival (kept, marked DISMISSED). */
@Injectable()
export class DismissUnmatchedHandler {
  constructor(
    private readonly transactions: TypeOrmTransactionRunner,
    private readonly repository: YardRepository,
  ) {}

  execute(command: { unmatchedId: string; actor: string }): Promise<UnmatchedRow> {
    return this.transactions.inTransaction(async (tx) => {
      const unmatched = await this.repository.lockUnmatched(tx, command.unmatchedId);
      if (unmatched === undefined) {
        throw queueError(
          'QUEUE.UNMATCHED_NOT_FOUND',
          `no unmatched arrival ${command.unmatchedId}`,
        );
      }
      if (unmatched.status === 'DISMISSED') return unmatched;
      if (unmatched.status !== 'OPEN') {
        throw queueError(
          'QUEUE.UNMATCHED_ALREADY_RESOLVED',
          `unmatched arrival ${unmatched.id} is already ${unmatched.status}`,
        );
      }
      return this.repository.resolveUnmatched(tx, unmatched.id, 'DISMISSED', null, command.actor);
    });
  }
}
