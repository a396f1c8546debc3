import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { QUEUE_LOGGER } from '../../logistics-queue.tokens';
import { gateRate, type GateRate } from '../domain/eta';
import { orderQueue } from '../domain/queue-order';
import type { PriorityClass } from '../domain/yard';
import { YardRepository, type EntryRow, type GateChange } from '../infrastructure/yard.repository';
import { LivePositions } from './live-positions.port';
import {
  positionView,
  type ClassStanding,
  type PositionView,
  type TruckRecord,
} from './position-view';
import { YARD_POLICY } from './yard-policy.token';
import type { YardPolicy } from './yard-policy';

/** The callers waiting for the next pass of a gate. */
interface Waiters {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/** What the next pass of a gate has to do: the union of the changes asked since the last one. */
interface Pending {
  full: boolean;
  rate: boolean;
  readonly trucks: Set<string>;
  readonly waiters: Waiters;
}

interface GateState {
  /** True while the gate's loop runs. */
  running: boolean;
  next: Pending | undefined;
}

function waiters(): Waiters {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

export function recordOf(entry: EntryRow): TruckRecord {
  return {
    shipmentId: entry.shipmentId,
    gateCode: entry.gateCode,
    plate: entry.plate,
    status: entry.status,
    priorityClass: entry.priorityClass,
    cleared: entry.cleared,
    laneId: entry.laneId ?? '',
    noShowCount: entry.noShowCount,
    arrivedAt: entry.arrivedAt.toISOString(),
    queuedAt: entry.queuedAt.getTime(),
  };
}

/**
 * Keeps the live store in step with PostgreSQL (the source of truth), one change at a time:
 * a change of some trucks rewrites only their records and class-set entries (a call is one
 * record and one ZREM, whatever the size of the yard), a change of the lanes or a lost gate
 * rebuilds the gate. Then it publishes the views of the trucks that changed and one "queue
 * moved" message for the others. Passes over one gate never overlap: every request is
 * served by the first pass that starts after it, shared by all the requests that arrived
 * meanwhile (and they read PostgreSQL after their change committed, so none writes an older
 * state over a newer one).
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

  /** Brings the live store in step with a committed change (resolves once written). */
  apply(change: GateChange): Promise<void> {
    let gate = this.gates.get(change.gateCode);
    if (gate === undefined) {
      gate = { running: false, next: undefined };
      this.gates.set(change.gateCode, gate);
    }
    const state = gate;
    state.next ??= { full: false, rate: false, trucks: new Set(), waiters: waiters() };
    const pending = state.next;
    pending.full ||= change.full === true;
    pending.rate ||= change.rate === true;
    for (const id of change.trucks ?? []) pending.trucks.add(id);
    if (!state.running) {
      state.running = true;
      void this.loop(change.gateCode, state);
    }
    return pending.waiters.promise;
  }

  /** {@link apply} without throwing (after a command committed): a failure is logged, resync repairs. */
  async applyQuietly(change: GateChange): Promise<void> {
    try {
      await this.apply(change);
    } catch (error) {
      this.logger.warn({ err: error, gateCode: change.gateCode }, 'live positions not updated');
    }
  }

  private async loop(gateCode: string, gate: GateState): Promise<void> {
    try {
      for (let batch = gate.next; batch !== undefined; batch = gate.next) {
        gate.next = undefined;
        try {
          await this.pass(gateCode, batch);
          batch.waiters.resolve();
        } catch (error) {
          batch.waiters.reject(error);
        }
      }
    } finally {
      gate.running = false;
    }
  }

  private async pass(gateCode: string, pending: Pending): Promise<void> {
    const rebuilt = pending.full || !(await this.live.hasGate(gateCode));
    if (rebuilt) await this.rebuild(gateCode);
    // After a rebuild the trucks asked for are written again too: one that left the yard is
    // not among the gate's waiting and called trucks, and its view must come back as well.
    if (pending.trucks.size === 0 && (rebuilt || !pending.rate)) return;
    const reader = this.repository.reader;
    const [entries, rate] = await Promise.all([
      this.repository.entries(reader, [...pending.trucks]),
      pending.rate && !rebuilt ? this.rateOf(gateCode) : Promise.resolve(undefined),
    ]);
    const records = entries.filter((entry) => entry.gateCode === gateCode).map(recordOf);
    if (records.length === 0 && rate === undefined) return;
    await this.live.update(gateCode, records, rate);
    const views: PositionView[] = [];
    for (const record of records) {
      const live = await this.live.read(record.shipmentId);
      if (live !== undefined) views.push(positionView(live.record, live.standing, live.rate));
    }
    await this.live.announce(gateCode, views, true);
    const unshown = new Set(
      entries.filter((entry) => entry.etaShownMinutes === null).map((entry) => entry.shipmentId),
    );
    await this.recordShown(
      views.filter((view) => view.status === 'WAITING' && unshown.has(view.shipmentId)),
    );
  }

  /** Rewrites everything the live store keeps of a gate from PostgreSQL. */
  private async rebuild(gateCode: string): Promise<void> {
    const reader = this.repository.reader;
    const [entries, rate] = await Promise.all([
      this.repository.activeEntries(reader, gateCode),
      this.rateOf(gateCode),
    ]);
    const records = entries.map(recordOf);
    await this.live.replaceGate(gateCode, records, rate);
    await this.live.announce(gateCode, [], true);
    const standings = standingsOf(records);
    const byId = new Map(records.map((record) => [record.shipmentId, record]));
    const unshown: PositionView[] = [];
    for (const entry of entries) {
      const record = byId.get(entry.shipmentId);
      if (entry.etaShownMinutes !== null || entry.status !== 'WAITING' || record === undefined) {
        continue;
      }
      unshown.push(positionView(record, standings.get(entry.shipmentId), rate));
    }
    await this.recordShown(unshown);
  }

  /** The ETA-honesty baseline: the first known ETA each truck was given (never overwritten). */
  private async recordShown(views: readonly PositionView[]): Promise<void> {
    const shown = views
      .filter((view) => view.eta.known)
      .map((view) => ({ shipmentId: view.shipmentId, minutes: view.eta.minutes }));
    if (shown.length > 0) await this.repository.recordShownEtas(this.repository.reader, shown);
  }

  /** The gate's call rate from its lanes and their recent crossings. */
  async rateOf(gateCode: string): Promise<GateRate> {
    const reader = this.repository.reader;
    const [lanes, samples] = await Promise.all([
      this.repository.lanes(reader, gateCode),
      this.repository.recentServiceMinutes(reader, gateCode, this.policy.eta.sampleSize),
    ]);
    return gateRate(
      lanes.map((lane) => ({
        laneId: lane.id,
        open: lane.open,
        recentServiceMinutes: samples.get(lane.id) ?? [],
      })),
      this.policy.eta,
    );
  }

  /** The views of a gate's waiting and called trucks straight from PostgreSQL, in call order. */
  async viewsFromSource(gateCode: string): Promise<PositionView[]> {
    const reader = this.repository.reader;
    const [entries, rate] = await Promise.all([
      this.repository.activeEntries(reader, gateCode),
      this.rateOf(gateCode),
    ]);
    const records = entries.map(recordOf);
    const standings = standingsOf(records);
    const views = records.map((record) =>
      positionView(record, standings.get(record.shipmentId), rate),
    );
    return views.sort(
      (a, b) => (a.position === 0 ? 1 : 0) - (b.position === 0 ? 1 : 0) || a.position - b.position,
    );
  }
}

/** Each waiting truck's standing by the queue rule (what the class sets give when read). */
function standingsOf(records: readonly TruckRecord[]): Map<string, ClassStanding> {
  const ranked = orderQueue(
    records
      .filter((record) => record.status === 'WAITING')
      .map((record) => ({
        shipmentId: record.shipmentId,
        priorityClass: record.priorityClass,
        queuedAt: new Date(record.queuedAt),
      })),
  );
  const waitingPerClass: Record<PriorityClass, number> = { PERISHABLE: 0, ON_SLOT: 0, REGULAR: 0 };
  for (const truck of ranked) waitingPerClass[truck.priorityClass] += 1;
  const seen: Record<PriorityClass, number> = { PERISHABLE: 0, ON_SLOT: 0, REGULAR: 0 };
  const standings = new Map<string, ClassStanding>();
  for (const truck of ranked) {
    standings.set(truck.shipmentId, { rankInClass: seen[truck.priorityClass], waitingPerClass });
    seen[truck.priorityClass] += 1;
  }
  return standings;
}
