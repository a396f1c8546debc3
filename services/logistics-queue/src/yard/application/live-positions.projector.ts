import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { QUEUE_LOGGER } from '../../logistics-queue.tokens';
import { estimateWait, type Eta, type LaneThroughput } from '../domain/eta';
import { orderQueue } from '../domain/queue-order';
import type { LocalizedText } from '../domain/yard';
import { YardRepository, type EntryRow } from '../infrastructure/yard.repository';
import { LivePositions } from './live-positions.port';
import type { PositionView } from './position-view';
import { YARD_POLICY } from './yard-policy.token';
import type { YardPolicy } from './yard-policy';

type Views = Map<string, PositionView>;

/** The callers waiting for the next projection of a gate. */
interface Waiters {
  readonly promise: Promise<Views>;
  resolve(views: Views): void;
  reject(error: unknown): void;
}

interface GateState {
  /** True while the gate's projection loop runs. */
  running: boolean;
  /** Requests that arrived since the current projection started: served by the next one. */
  next: Waiters | undefined;
  force: boolean;
  /** The last views written, by shipment id (JSON), to publish only what changed. */
  last: Map<string, string>;
}

function waiters(): Waiters {
  let resolve: (views: Views) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<Views>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/**
 * Rebuilds the live positions of a gate from PostgreSQL (the source of truth) with the pure
 * queue-order and ETA rules, writes them to the live store and publishes what changed.
 * Projections of one gate never overlap: every request is answered by the first projection
 * that starts after it, shared by all the requests that arrived meanwhile (a caller waits for
 * at most the running projection and one more, however busy the gate).
 */
@Injectable()
export class LivePositionsProjector {
  private readonly gates = new Map<string, GateState>();

  constructor(
    private readonly repository: YardRepository,
    private readonly live: LivePositions,
    @Inject(YARD_POLICY) private readonly policy: YardPolicy,
    @Inject(QUEUE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Refreshes a gate; `force` rewrites every view (after Redis lost them). */
  refresh(gateCode: string, force = false): Promise<Views> {
    let state = this.gates.get(gateCode);
    if (state === undefined) {
      state = { running: false, next: undefined, force: false, last: new Map() };
      this.gates.set(gateCode, state);
    }
    const gate = state;
    gate.force ||= force;
    gate.next ??= waiters();
    const answer = gate.next.promise;
    if (!gate.running) {
      gate.running = true;
      void this.loop(gateCode, gate);
    }
    return answer;
  }

  private async loop(gateCode: string, gate: GateState): Promise<void> {
    try {
      for (let batch = gate.next; batch !== undefined; batch = gate.next) {
        gate.next = undefined;
        const forceNow = gate.force;
        gate.force = false;
        try {
          batch.resolve(await this.project(gateCode, gate, forceNow));
        } catch (error) {
          batch.reject(error);
        }
      }
    } finally {
      gate.running = false;
    }
  }

  /** Refresh without throwing (after a command committed): a failure is logged, resync repairs. */
  async refreshQuietly(gateCode: string): Promise<void> {
    try {
      await this.refresh(gateCode);
    } catch (error) {
      this.logger.warn({ err: error, gateCode }, 'live positions not refreshed');
    }
  }

  private async project(gateCode: string, gate: GateState, force: boolean): Promise<Views> {
    const reader = this.repository.reader;
    const [entries, lanes, samples] = await Promise.all([
      this.repository.activeEntries(reader, gateCode),
      this.repository.lanes(reader, gateCode),
      this.repository.recentServiceMinutes(reader, gateCode, this.policy.eta.sampleSize),
    ]);
    const throughput: LaneThroughput[] = lanes.map((lane) => ({
      laneId: lane.id,
      open: lane.open,
      recentServiceMinutes: samples.get(lane.id) ?? [],
    }));
    const byId = new Map(entries.map((entry) => [entry.shipmentId, entry]));
    const ranked = orderQueue(
      entries
        .filter((entry) => entry.status === 'WAITING')
        .map((entry) => ({
          shipmentId: entry.shipmentId,
          priorityClass: entry.priorityClass,
          queuedAt: entry.queuedAt,
        })),
    );
    const views = new Map<string, PositionView>();
    const shown: { shipmentId: string; minutes: number }[] = [];
    for (const truck of ranked) {
      const entry = byId.get(truck.shipmentId);
      if (entry === undefined) continue;
      const eta = estimateWait(truck.position - 1, throughput, this.policy.eta);
      views.set(truck.shipmentId, viewOf(entry, truck.position, truck.explanation, eta));
      if (eta.known && entry.etaShownMinutes === null) {
        shown.push({ shipmentId: entry.shipmentId, minutes: eta.minutes });
      }
    }
    for (const entry of entries) {
      if (entry.status !== 'CALLED') continue;
      views.set(entry.shipmentId, viewOf(entry, 0, calledText(entry.laneId ?? ''), CALLED_ETA));
    }
    const gone: PositionView[] = [];
    for (const shipmentId of gate.last.keys()) {
      if (views.has(shipmentId)) continue;
      const entry = await this.repository.entry(reader, shipmentId);
      if (entry !== undefined) gone.push(viewOf(entry, 0, leftText(entry), UNKNOWN_ETA));
    }
    const changed: PositionView[] = [...gone];
    const next = new Map<string, string>();
    for (const view of views.values()) {
      const text = JSON.stringify(view);
      next.set(view.shipmentId, text);
      if (gate.last.get(view.shipmentId) !== text) changed.push(view);
    }
    await this.live.write(gateCode, [...views.values()], gone, changed, force);
    gate.last = next;
    if (shown.length > 0) await this.repository.recordShownEtas(reader, shown);
    return views;
  }
}

const CALLED_ETA: PositionView['eta'] = {
  known: true,
  minutes: 0,
  lowMinutes: 0,
  highMinutes: 0,
  basis: { vi: 'Đã được gọi', en: 'Already called' },
};

const UNKNOWN_ETA: PositionView['eta'] = {
  known: false,
  minutes: 0,
  lowMinutes: 0,
  highMinutes: 0,
  basis: { vi: 'Không còn trong hàng chờ', en: 'No longer in the queue' },
};

function calledText(laneId: string): LocalizedText {
  return { vi: `Mời xe vào làn ${laneId}`, en: `Called: drive to lane ${laneId}` };
}

function leftText(entry: EntryRow): LocalizedText {
  switch (entry.status) {
    case 'DEPARTED':
      return { vi: 'Xe đã qua cửa khẩu', en: 'The truck has crossed the gate' };
    case 'REMOVED':
      return {
        vi: `Xe đã bị đưa ra khỏi hàng chờ (${entry.noShowCount} lần không có mặt)`,
        en: `Removed from the queue (${entry.noShowCount} no-shows)`,
      };
    case 'WAITING':
    case 'CALLED':
      return { vi: 'Đang cập nhật', en: 'Updating' };
    default: {
      const unknown: never = entry.status;
      throw new Error(`unknown entry status ${String(unknown)}`);
    }
  }
}

function viewOf(
  entry: EntryRow,
  position: number,
  explanation: LocalizedText,
  eta: Eta | PositionView['eta'],
): PositionView {
  return {
    shipmentId: entry.shipmentId,
    gateCode: entry.gateCode,
    plate: entry.plate,
    status: entry.status,
    position,
    priorityClass: entry.priorityClass,
    cleared: entry.cleared,
    explanation,
    eta: eta.known
      ? {
          known: true,
          minutes: 'minutes' in eta ? eta.minutes : 0,
          lowMinutes: 'lowMinutes' in eta ? eta.lowMinutes : 0,
          highMinutes: 'highMinutes' in eta ? eta.highMinutes : 0,
          basis: eta.basis,
        }
      : { known: false, minutes: 0, lowMinutes: 0, highMinutes: 0, basis: eta.basis },
    laneId: entry.laneId ?? '',
    noShowCount: entry.noShowCount,
    arrivedAt: entry.arrivedAt.toISOString(),
  };
}
