import { Injectable } from '@nestjs/common';
import type { queueServiceV1 } from '@cuakhau/contracts';
import { CodedError } from '@cuakhau/platform';
import { QueueClient } from './queue.client';

/** The most shipment ids one GetPositions of the batcher carries (the queue takes 500). */
export const MAX_POSITIONS_PER_BATCH = 200;

interface Asker {
  resolve(position: queueServiceV1.QueuePosition): void;
  reject(error: unknown): void;
}

/**
 * The error the queue answers GetPosition with for a shipment that has not arrived at a
 * yard, as the gateway's gRPC client rebuilds it (kind NOT_FOUND).
 */
export function notInQueue(shipmentId: string): CodedError {
  return new CodedError(
    'QUEUE.SHIPMENT_NOT_IN_QUEUE',
    'NOT_FOUND',
    `shipment ${shipmentId} has not arrived at a yard`,
  );
}

/**
 * Coalesces the position reads asked within one turn of the event loop into one
 * GetPositions call (a "queue moved" message makes every driver of the gate re-read at the
 * same moment): the batch leaves on `setImmediate`, or at once when it reaches
 * {@link MAX_POSITIONS_PER_BATCH} ids. A lone read leaves on the next turn as a one-id batch;
 * no timer waits for company. Each asker gets what GetPosition would have answered: the
 * position, or the NOT_FOUND CodedError of a shipment not in the queue; a failed call
 * rejects every asker of its batch with that error.
 */
@Injectable()
export class PositionBatcher {
  /** The askers of the batch being filled, per shipment id (an id is sent once). */
  private filling = new Map<string, Asker[]>();
  private flushPlanned = false;

  constructor(private readonly queue: QueueClient) {}

  position(shipmentId: string): Promise<queueServiceV1.QueuePosition> {
    return new Promise((resolve, reject) => {
      const askers = this.filling.get(shipmentId);
      if (askers === undefined) this.filling.set(shipmentId, [{ resolve, reject }]);
      else askers.push({ resolve, reject });
      if (this.filling.size >= MAX_POSITIONS_PER_BATCH) {
        this.flush();
      } else if (!this.flushPlanned) {
        this.flushPlanned = true;
        setImmediate(() => {
          this.flushPlanned = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    const batch = this.filling;
    if (batch.size === 0) return;
    this.filling = new Map();
    void this.send(batch);
  }

  /** Never rejects: every outcome goes to the askers. */
  private async send(batch: ReadonlyMap<string, Asker[]>): Promise<void> {
    let answer: queueServiceV1.GetPositionsResponse;
    try {
      answer = await this.queue.getPositions({ shipmentIds: [...batch.keys()] });
    } catch (error) {
      for (const askers of batch.values()) for (const asker of askers) asker.reject(error);
      return;
    }
    const found = new Map(answer.positions.map((position) => [position.shipmentId, position]));
    const missing = new Set(answer.notInQueue);
    for (const [shipmentId, askers] of batch) {
      const position = found.get(shipmentId.trim());
      if (position !== undefined) {
        for (const asker of askers) asker.resolve(position);
        continue;
      }
      const error = missing.has(shipmentId.trim())
        ? notInQueue(shipmentId)
        : new Error(`GetPositions answered nothing for shipment ${shipmentId}`);
      for (const asker of askers) asker.reject(error);
    }
  }
}
