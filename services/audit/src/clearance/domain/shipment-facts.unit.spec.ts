import { agencyRowsOfStepRows, type ClearanceTimeRow } from './clearance-steps';
import { emptyTimes, mergeFacts, replayFacts, type FactUpdate } from './shipment-facts';

const T0 = Date.parse('2026-12-01T01:00:00Z');
const min = (n: number): number => T0 + n * 60_000;

describe('shipment facts', () => {
  it('keeps the earliest start times, the latest end times and the last gate and channel', () => {
    const updates: FactUpdate[] = [
      { shipmentId: 's', gateCode: 'MONGCAI', arrivedAt: min(10) },
      { shipmentId: 's', gateCode: '', arrivedAt: min(5), channel: 'CHANNEL_YELLOW' },
      { shipmentId: 's', opened: { agency: 'customs', at: min(20) } },
      { shipmentId: 's', opened: { agency: 'customs', at: min(15) } },
      { shipmentId: 's', decided: { agency: 'customs', at: min(40) }, channel: 'CHANNEL_RED' },
      { shipmentId: 's', decided: { agency: 'customs', at: min(30) } },
      { shipmentId: 's', crossedAt: min(90) },
      { shipmentId: 's', crossedAt: min(80) },
    ];
    expect(updates.reduce(mergeFacts, emptyTimes('s'))).toEqual({
      shipmentId: 's',
      gateCode: 'MONGCAI',
      channel: 'CHANNEL_RED',
      arrivedAt: min(5),
      openedAt: { customs: min(15) },
      decidedAt: { customs: min(40) },
      crossedAt: min(90),
    });
  });

  it('merging a batch merged per shipment gives the same times as one update at a time', () => {
    const stored = mergeFacts(emptyTimes('a'), {
      shipmentId: 'a',
      gateCode: 'MONGCAI',
      arrivedAt: min(0),
      decided: { agency: 'quarantine', at: min(50) },
    });
    const updates: FactUpdate[] = [
      { shipmentId: 'a', decided: { agency: 'quarantine', at: min(45) } },
      { shipmentId: 'b', gateCode: 'LAOCAI', arrivedAt: min(3) },
      { shipmentId: 'a', calledAt: min(60), channel: 'CHANNEL_GREEN' },
      { shipmentId: 'b', opened: { agency: 'border-guard', at: min(4) } },
      { shipmentId: 'a', crossedAt: min(70) },
    ];
    const { after, merged } = replayFacts(new Map([['a', stored]]), updates);

    // The times after each update, in order: what the SLA rules see at that event.
    expect(after.map((times) => times.shipmentId)).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(after[0]).toEqual(stored);
    expect(after[2]).toEqual({ ...stored, channel: 'CHANNEL_GREEN', calledAt: min(60) });
    expect(after[3]).toEqual({
      ...emptyTimes('b'),
      gateCode: 'LAOCAI',
      arrivedAt: min(3),
      openedAt: { 'border-guard': min(4) },
    });
    // What is written: one merged update per shipment, which merged into the stored row
    // gives the last state of the replay.
    expect(merged.map((times) => times.shipmentId)).toEqual(['a', 'b']);
    const [a, b] = merged;
    expect(a && mergeFacts(stored, toUpdate(a))).toEqual(after[4]);
    expect(b && mergeFacts(emptyTimes('b'), toUpdate(b))).toEqual(after[3]);
  });
});

/** A merged row as updates (one per agency time), to merge it like the upsert does. */
function toUpdate(times: ReturnType<typeof emptyTimes>): FactUpdate {
  const { openedAt, decidedAt, ...rest } = times;
  const opened = Object.entries(openedAt)[0];
  const decided = Object.entries(decidedAt)[0];
  return {
    ...rest,
    ...(opened === undefined ? {} : { opened: { agency: opened[0] as 'customs', at: opened[1] } }),
    ...(decided === undefined
      ? {}
      : { decided: { agency: decided[0] as 'customs', at: decided[1] } }),
  };
}

describe('report grouped by agency', () => {
  it('is the arrived→agency rows of the report grouped by step, in agency order', () => {
    const row = (group: string, p90: number): ClearanceTimeRow => ({
      group,
      count: 3,
      p50: 1,
      p90,
      p95: p90,
      max: p90,
    });
    expect(
      agencyRowsOfStepRows([
        row('registered→arrived', 9),
        row('arrived→quarantine', 7),
        row('arrived→customs', 5),
        row('arrived→crossed', 11),
      ]),
    ).toEqual([row('customs', 5), row('quarantine', 7)]);
  });
});
