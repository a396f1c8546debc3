import { AGENCIES, type AgencyName, type ShipmentTimes } from './clearance-steps';

/** What one event tells about a shipment's clearance steps (epoch ms). */
export interface FactUpdate {
  readonly shipmentId: string;
  readonly gateCode?: string;
  readonly channel?: string;
  readonly registeredAt?: number;
  readonly arrivedAt?: number;
  readonly opened?: { readonly agency: AgencyName; readonly at: number };
  readonly decided?: { readonly agency: AgencyName; readonly at: number };
  readonly clearedAt?: number;
  readonly calledAt?: number;
  readonly crossedAt?: number;
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

function withTime<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

export function emptyTimes(shipmentId: string): ShipmentTimes {
  return { shipmentId, gateCode: '', openedAt: {}, decidedAt: {} };
}

/**
 * Merges one event's facts into a shipment's times, as the shipment_fact upsert does:
 * start times keep the earliest (registered, arrived, cases opened), end times the latest
 * (decisions, cleared, called, crossed), a gate code or channel the last one given.
 * Associative: merging the merged updates of a batch gives the same row as one by one.
 */
export function mergeFacts(times: ShipmentTimes, update: FactUpdate): ShipmentTimes {
  const openedAt: Partial<Record<AgencyName, number>> = {};
  const decidedAt: Partial<Record<AgencyName, number>> = {};
  for (const agency of AGENCIES) {
    const opened = earliest(
      times.openedAt[agency],
      update.opened?.agency === agency ? update.opened.at : undefined,
    );
    const decided = latest(
      times.decidedAt[agency],
      update.decided?.agency === agency ? update.decided.at : undefined,
    );
    if (opened !== undefined) openedAt[agency] = opened;
    if (decided !== undefined) decidedAt[agency] = decided;
  }
  const channel = update.channel ?? times.channel;
  return {
    shipmentId: times.shipmentId,
    gateCode:
      update.gateCode !== undefined && update.gateCode !== '' ? update.gateCode : times.gateCode,
    ...(channel === undefined ? {} : { channel }),
    ...withTime('registeredAt', earliest(times.registeredAt, update.registeredAt)),
    ...withTime('arrivedAt', earliest(times.arrivedAt, update.arrivedAt)),
    openedAt,
    decidedAt,
    ...withTime('clearedAt', latest(times.clearedAt, update.clearedAt)),
    ...withTime('calledAt', latest(times.calledAt, update.calledAt)),
    ...withTime('crossedAt', latest(times.crossedAt, update.crossedAt)),
  };
}

/**
 * A batch's facts replayed in order over the shipments' stored times: the times after each
 * update (what the SLA rules are evaluated on at that event's time) and, per shipment, the
 * batch's merged facts (written with one upsert).
 */
export function replayFacts(
  stored: ReadonlyMap<string, ShipmentTimes>,
  updates: readonly FactUpdate[],
): { after: ShipmentTimes[]; merged: ShipmentTimes[] } {
  const current = new Map<string, ShipmentTimes>();
  const merged = new Map<string, ShipmentTimes>();
  const after: ShipmentTimes[] = [];
  for (const update of updates) {
    const id = update.shipmentId;
    const next = mergeFacts(current.get(id) ?? stored.get(id) ?? emptyTimes(id), update);
    current.set(id, next);
    merged.set(id, mergeFacts(merged.get(id) ?? emptyTimes(id), update));
    after.push(next);
  }
  return { after, merged: [...merged.values()] };
}
