import { matchArrival } from './arrival-matching';
import { estimateWait, etaAccuracy } from './eta';
import { laneFits, requiredCapabilities } from './lane-fit';
import { decideNoShow } from './no-show';
import { normalisePlate } from './plate';
import { orderQueue, priorityClassOf } from './queue-order';

const policy = { minCameraConfidence: 0.85 };

describe('plate normaliser', () => {
  it.each([
    ['14C-123.45', '14C12345'],
    ['14c 123.45', '14C12345'],
    ['１４Ｃ12345', '14C12345'],
  ])('%s → %s', (raw, expected) => expect(normalisePlate(raw)).toBe(expected));
});

describe('arrival matching', () => {
  const one = [{ shipmentId: 'a', status: 'CLEARED' }];
  it.each([
    [
      'one candidate, manual',
      { source: 'MANUAL', confidence: 1 },
      one,
      { kind: 'MATCHED', shipmentId: 'a' },
    ],
    [
      'camera read below the threshold',
      { source: 'ANPR', confidence: 0.5 },
      one,
      { kind: 'UNMATCHED', reason: 'LOW_CONFIDENCE' },
    ],
    [
      'camera read at the threshold',
      { source: 'ANPR', confidence: 0.85 },
      one,
      { kind: 'MATCHED' },
    ],
    [
      'no shipment',
      { source: 'MANUAL', confidence: 1 },
      [],
      { kind: 'UNMATCHED', reason: 'NO_SHIPMENT' },
    ],
    [
      'a cancelled shipment only',
      { source: 'MANUAL', confidence: 1 },
      [{ shipmentId: 'a', status: 'CANCELLED' }],
      { kind: 'UNMATCHED', reason: 'NO_SHIPMENT' },
    ],
    [
      'two shipments, same plate',
      { source: 'MANUAL', confidence: 1 },
      [...one, { shipmentId: 'b', status: 'REGISTERED' }],
      { kind: 'UNMATCHED', reason: 'AMBIGUOUS' },
    ],
    [
      'QR names one of two',
      { source: 'QR', confidence: 1, shipmentIdHint: 'b' },
      [...one, { shipmentId: 'b', status: 'REGISTERED' }],
      { kind: 'MATCHED', shipmentId: 'b' },
    ],
    [
      'QR names another plate',
      { source: 'QR', confidence: 1, shipmentIdHint: 'z' },
      one,
      { kind: 'UNMATCHED', reason: 'NO_SHIPMENT' },
    ],
  ] as const)('%s', (_name, sighting, candidates, expected) => {
    expect(matchArrival(sighting, candidates, policy)).toMatchObject(expected);
  });
});

describe('queue order', () => {
  const queuePolicy = { perishableChapters: ['01', '08'], onSlotWindowMinutes: 30 };
  const at = new Date('2026-12-01T08:00:00Z');
  it.each([
    [['08109010'], undefined, 'PERISHABLE'],
    [['85171200'], new Date('2026-12-01T08:25:00Z'), 'ON_SLOT'],
    [['85171200'], new Date('2026-12-01T08:31:00Z'), 'REGULAR'],
    [['85171200'], undefined, 'REGULAR'],
  ] as const)('%j planned %s → %s', (hsCodes, plannedArrival, expected) => {
    expect(priorityClassOf({ hsCodes, plannedArrival, arrivedAt: at }, queuePolicy)).toBe(expected);
  });

  it('orders by class then queued time and explains every place', () => {
    const t = (minute: number) => new Date(at.getTime() + minute * 60_000);
    const ranked = orderQueue([
      { shipmentId: 'r1', priorityClass: 'REGULAR', queuedAt: t(0) },
      { shipmentId: 's1', priorityClass: 'ON_SLOT', queuedAt: t(5) },
      { shipmentId: 'p2', priorityClass: 'PERISHABLE', queuedAt: t(9) },
      { shipmentId: 'p1', priorityClass: 'PERISHABLE', queuedAt: t(7) },
      { shipmentId: 's2', priorityClass: 'ON_SLOT', queuedAt: t(1) },
      { shipmentId: 'r2', priorityClass: 'REGULAR', queuedAt: t(2) },
      { shipmentId: 'r3', priorityClass: 'REGULAR', queuedAt: t(3) },
    ]);
    expect(ranked.map((truck) => truck.shipmentId)).toEqual([
      'p1',
      'p2',
      's2',
      's1',
      'r1',
      'r2',
      'r3',
    ]);
    expect(ranked[0]?.explanation.en).toBe(
      '1st: no truck ahead; your class: perishable (priority)',
    );
    expect(ranked[6]?.explanation.en).toBe(
      '7th: 2 perishable, 2 on-slot and 2 regular trucks ahead; your class: regular',
    );
    expect(ranked[4]?.explanation.vi).toBe(
      'Thứ 5: phía trước có 2 xe hàng tươi sống và 2 xe đúng giờ hẹn; nhóm của bạn: thường',
    );
  });
});

describe('ETA', () => {
  const etaPolicy = { defaultServiceMinutes: 8, sampleSize: 3 };
  it('no open lane: unknown', () => {
    expect(
      estimateWait(3, [{ laneId: 'a', open: false, recentServiceMinutes: [] }], etaPolicy).known,
    ).toBe(false);
  });
  it('two open lanes at the default 8 min: 4 ahead → (4 + 1) / (2/8) = 20 min, range ±25 %', () => {
    const lanes = [
      { laneId: 'a', open: true, recentServiceMinutes: [] },
      { laneId: 'b', open: true, recentServiceMinutes: [] },
    ];
    expect(estimateWait(4, lanes, etaPolicy)).toMatchObject({
      known: true,
      minutes: 20,
      lowMinutes: 15,
      highMinutes: 25,
    });
  });
  it('uses the moving average of the last samples per lane', () => {
    const lanes = [{ laneId: 'a', open: true, recentServiceMinutes: [4, 4, 4, 100] }];
    expect(estimateWait(0, lanes, etaPolicy)).toMatchObject({ minutes: 4 });
  });
  it('accuracy: p50 / p90 of the absolute error and the signed bias', () => {
    const result = etaAccuracy([
      { shown: 10, real: 12 },
      { shown: 10, real: 8 },
      { shown: 10, real: 20 },
      { shown: 10, real: 11 },
    ]);
    expect(result).toEqual({ samples: 4, p50: 2, p90: 10, bias: 2.75 });
  });
});

describe('lane fit', () => {
  const capabilityPolicy = { coldChainChapters: ['03'], oversizeGrossKg: 40_000 };
  it('derives needs and fits lanes', () => {
    const needs = requiredCapabilities([{ hsCode: '03021100', grossKg: 45_000 }], capabilityPolicy);
    expect(needs).toEqual(['COLD_CHAIN', 'OVERSIZE']);
    expect(
      laneFits(
        { direction: 'BOTH', capabilities: ['COLD_CHAIN', 'OVERSIZE'] },
        { direction: 'EXPORT', needs },
      ),
    ).toBe(true);
    expect(
      laneFits(
        { direction: 'EXPORT', capabilities: ['COLD_CHAIN'] },
        { direction: 'EXPORT', needs },
      ),
    ).toBe(false);
    expect(
      laneFits({ direction: 'IMPORT', capabilities: [] }, { direction: 'EXPORT', needs: [] }),
    ).toBe(false);
  });
});

describe('no-show rule', () => {
  const deadline = new Date('2026-12-01T08:10:00Z');
  const after = new Date('2026-12-01T08:10:01Z');
  it.each([
    ['PENDING', 0, after, { kind: 'NO_SHOW', noShowCount: 1, requeued: true }],
    ['PENDING', 1, after, { kind: 'NO_SHOW', noShowCount: 2, requeued: false }],
    ['PENDING', 0, new Date('2026-12-01T08:09:00Z'), { kind: 'IGNORE', why: 'NOT_DUE' }],
    ['CROSSED', 0, after, { kind: 'IGNORE', why: 'ALREADY_CROSSED' }],
    ['NO_SHOW', 1, after, { kind: 'IGNORE', why: 'ALREADY_NO_SHOW' }],
  ] as const)('%s with %i earlier no-shows', (outcome, count, now, expected) => {
    expect(decideNoShow({ outcome, deadline }, count, now, { maxNoShows: 2 })).toEqual(expected);
  });
});
