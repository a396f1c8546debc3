import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@cuakhau/platform';
import { etaAccuracy } from '../domain/eta';
import { YardRepository, type LaneRow, type UnmatchedRow } from '../infrastructure/yard.repository';
import { LivePositionsProjector } from './live-positions.projector';
import { LivePositions } from './live-positions.port';
import { positionView, type PositionView } from './position-view';
import { queueError } from './queue-coded-errors';
import type { YardPolicy } from './yard-policy';
import { YARD_POLICY } from './yard-policy.token';

/** The answer of {@link YardQueries.positions}. */
export interface PositionsAnswer {
  /** The views of the trucks in the yard (or that left it), in the order asked. */
  readonly positions: PositionView[];
  /** The ids that have not arrived at any yard, in the order asked. */
  readonly notInQueue: string[];
}

function isNotInQueue(error: unknown): boolean {
  return error instanceof CodedError && error.code === 'QUEUE.SHIPMENT_NOT_IN_QUEUE';
}

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

  /**
   * The driver's view: one Redis read (record, rank in class, sizes of the classes before
   * it, the gate's rate). On a miss — Redis lost it, or the truck left the yard more than a
   * day ago — the truck (or its whole gate, when the gate is gone too) is rewritten from
   * PostgreSQL first, whatever its status.
   */
  async position(shipmentId: string): Promise<PositionView> {
    const cached = await this.live.read(shipmentId).catch(() => undefined);
    if (cached !== undefined) return positionView(cached.record, cached.standing, cached.rate);
    return this.rebuilt(shipmentId);
  }

  /**
   * Several drivers' views: one Redis round trip for all of them, then each miss repaired
   * from PostgreSQL one by one (as {@link position}). A repeated id is answered once, at its
   * first place; the ids that have not arrived at a yard are listed apart, in the order asked.
   */
  async positions(shipmentIds: readonly string[]): Promise<PositionsAnswer> {
    const unique = [...new Set(shipmentIds)];
    const cached = await this.live.readMany(unique).catch(() => unique.map(() => undefined));
    const positions: PositionView[] = [];
    const notInQueue: string[] = [];
    for (const [index, shipmentId] of unique.entries()) {
      const hit = cached[index];
      if (hit !== undefined) {
        positions.push(positionView(hit.record, hit.standing, hit.rate));
        continue;
      }
      try {
        positions.push(await this.rebuilt(shipmentId));
      } catch (error) {
        if (!isNotInQueue(error)) throw error;
        notInQueue.push(shipmentId);
      }
    }
    return { positions, notInQueue };
  }

  /** A truck missing from the live store, rewritten from PostgreSQL and read again. */
  private async rebuilt(shipmentId: string): Promise<PositionView> {
    const entry = await this.repository.entry(this.repository.reader, shipmentId);
    if (entry === undefined) {
      throw queueError(
        'QUEUE.SHIPMENT_NOT_IN_QUEUE',
        `shipment ${shipmentId} has not arrived at a yard`,
      );
    }
    await this.projector.apply({ gateCode: entry.gateCode, trucks: [shipmentId] });
    const repaired = await this.live.read(shipmentId);
    if (repaired === undefined) {
      throw new Error(`the live position of ${shipmentId} could not be rebuilt`);
    }
    return positionView(repaired.record, repaired.standing, repaired.rate);
  }

  /** For operators: the waiting trucks in call order, then the called ones (from PostgreSQL). */
  queue(gateCode: string): Promise<PositionView[]> {
    return this.projector.viewsFromSource(gateCode);
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
