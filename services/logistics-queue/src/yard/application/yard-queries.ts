import { Inject, Injectable } from '@nestjs/common';
import { etaAccuracy } from '../domain/eta';
import { YardRepository, type LaneRow, type UnmatchedRow } from '../infrastructure/yard.repository';
import { LivePositionsProjector } from './live-positions.projector';
import { LivePositions } from './live-positions.port';
import type { PositionView } from './position-view';
import { queueError } from './queue-coded-errors';
import type { YardPolicy } from './yard-policy';
import { YARD_POLICY } from './yard-policy.token';

export interface LaneView extends LaneRow {
  readonly averageServiceMinutes: number;
}

/** The read side of the yard: positions from the live store (rebuilt on a miss), lists from PostgreSQL. */
@Injectable()
export class YardQueries {
  constructor(
    private readonly repository: YardRepository,
    private readonly live: LivePositions,
    private readonly projector: LivePositionsProjector,
    @Inject(YARD_POLICY) private readonly policy: YardPolicy,
  ) {}

  /** The driver's view: Redis first; on a miss, rebuilt from PostgreSQL. */
  async position(shipmentId: string): Promise<PositionView> {
    const cached = await this.live.read(shipmentId).catch(() => undefined);
    if (cached !== undefined) return cached;
    const entry = await this.repository.entry(this.repository.reader, shipmentId);
    if (entry === undefined) {
      throw queueError(
        'QUEUE.SHIPMENT_NOT_IN_QUEUE',
        `shipment ${shipmentId} has not arrived at a yard`,
      );
    }
    const views = await this.projector.refresh(entry.gateCode, true);
    const view = views.get(shipmentId) ?? (await this.live.read(shipmentId));
    if (view === undefined) {
      throw queueError(
        'QUEUE.SHIPMENT_NOT_IN_QUEUE',
        `shipment ${shipmentId} is no longer in the queue`,
      );
    }
    return view;
  }

  /** The waiting trucks in call order, then the called ones. */
  async queue(gateCode: string): Promise<PositionView[]> {
    const views = [...(await this.projector.refresh(gateCode)).values()];
    return views.sort(
      (a, b) => (a.position === 0 ? 1 : 0) - (b.position === 0 ? 1 : 0) || a.position - b.position,
    );
  }

  async lanes(gateCode: string): Promise<LaneView[]> {
    const reader = this.repository.reader;
    const [lanes, samples] = await Promise.all([
      this.repository.lanes(reader, gateCode),
      this.repository.recentServiceMinutes(reader, gateCode, this.policy.eta.sampleSize),
    ]);
    return lanes.map((lane) => {
      const minutes = samples.get(lane.id) ?? [];
      const average =
        minutes.length === 0 ? 0 : minutes.reduce((sum, m) => sum + m, 0) / minutes.length;
      return { ...lane, averageServiceMinutes: average };
    });
  }

  unmatched(gateCode: string): Promise<UnmatchedRow[]> {
    return this.repository.openUnmatched(this.repository.reader, gateCode);
  }

  departures(gateCode: string, limit: number): ReturnType<YardRepository['departures']> {
    return this.repository.departures(
      this.repository.reader,
      gateCode,
      Math.min(Math.max(limit, 1), 500),
    );
  }

  async etaAccuracy(gateCode: string): Promise<ReturnType<typeof etaAccuracy>> {
    return etaAccuracy(await this.repository.etaPairs(this.repository.reader, gateCode, 500));
  }
}
