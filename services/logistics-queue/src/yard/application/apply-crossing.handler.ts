import { Injectable } from '@nestjs/common';
import type { SqlExecutor } from '@cuakhau/messaging';
import { YardRepository } from '../infrastructure/yard.repository';

/**
 * The border guard recorded the truck's exit (CrossingRecorded), in the inbox transaction: its
 * pending call is closed as CROSSED (its call → crossing time feeds the lane's ETA average),
 * the lane is free again and the truck has left the yard. A crossing of a truck the yard never
 * saw changes nothing. Its no-show timer may still fire: it will find the call CROSSED.
 */
@Injectable()
export class ApplyCrossingHandler {
  constructor(private readonly repository: YardRepository) {}

  async execute(tx: SqlExecutor, command: { shipmentId: string; crossedAt: Date }): Promise<void> {
    const entry = await this.repository.lockEntry(tx, command.shipmentId);
    if (entry === undefined || entry.status === 'DEPARTED') return;
    if (entry.currentCallId !== null) {
      const call = await this.repository.lockCall(tx, entry.currentCallId);
      if (call !== undefined && call.outcome === 'PENDING') {
        const at = command.crossedAt < call.calledAt ? call.calledAt : command.crossedAt;
        await this.repository.resolveCall(tx, call, 'CROSSED', at);
      }
    }
    await this.repository.markDeparted(tx, entry.shipmentId, command.crossedAt);
    await this.repository.notifyChanged(tx, {
      gateCode: entry.gateCode,
      trucks: [entry.shipmentId],
      rate: true,
    });
  }
}
