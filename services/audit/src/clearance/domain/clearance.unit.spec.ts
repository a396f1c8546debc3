import {
  clearanceTimeRows,
  bottleneckStep,
  stepDurations,
  type ShipmentTimes,
} from './clearance-steps';
import { percentile, summarise } from './percentiles';
import { evaluateSla, thresholdsFor, DEFAULT_SLA_THRESHOLDS } from './sla-rules';

const T0 = Date.parse('2026-12-01T01:00:00Z');
const min = (n: number): number => T0 + n * 60_000;

function shipment(
  id: string,
  arrivedMin: number,
  customsMin: number,
  crossedMin: number,
): ShipmentTimes {
  return {
    shipmentId: id,
    gateCode: 'MONGCAI',
    registeredAt: min(0),
    arrivedAt: min(arrivedMin),
    openedAt: {},
    decidedAt: { customs: min(customsMin) },
    calledAt: min(customsMin + 5),
    crossedAt: min(crossedMin),
  };
}

describe('percentiles (nearest rank)', () => {
  it.each([
    [[], 50, 0],
    [[7], 95, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
  ])('percentile(%j, %i) = %i', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('summarises unsorted durations', () => {
    expect(summarise([30, 10, 20, 40])).toEqual({ count: 4, p50: 20, p90: 40, p95: 40, max: 40 });
  });
});

describe('clearance steps and reports', () => {
  const shipments = [
    shipment('a', 60, 70, 100),
    shipment('b', 30, 50, 90),
    shipment('c', 10, 40, 120),
  ];

  it('computes step durations in seconds, clamped at 0', () => {
    expect(stepDurations(shipment('a', 60, 70, 100))).toEqual({
      'registered→arrived': 3600,
      'arrived→customs': 600,
      'last-decision→called': 300,
      'called→crossed': 1500,
      'arrived→crossed': 2400,
      'registered→crossed': 6000,
    });
    expect(stepDurations({ ...shipment('x', 60, 30, 100) })['arrived→customs']).toBe(0);
  });

  it('groups by agency, step and day with hand-computed percentiles', () => {
    expect(clearanceTimeRows(shipments, 'agency')).toEqual([
      { group: 'customs', count: 3, p50: 1200, p90: 1800, p95: 1800, max: 1800 },
    ]);
    const steps = clearanceTimeRows(shipments, 'step');
    expect(steps.find((row) => row.group === 'arrived→crossed')).toEqual({
      group: 'arrived→crossed',
      count: 3,
      p50: 3600,
      p90: 6600,
      p95: 6600,
      max: 6600,
    });
    expect(clearanceTimeRows(shipments, 'day')).toEqual([
      { group: '2026-12-01', count: 3, p50: 3600, p90: 6600, p95: 6600, max: 6600 },
    ]);
    expect(clearanceTimeRows(shipments, 'hour').map((row) => row.group)).toEqual([
      '2026-12-01T01:00Z',
      '2026-12-01T02:00Z',
    ]);
  });

  it('names the bottleneck step (highest p90 of the partial steps)', () => {
    expect(bottleneckStep(shipments)).toBe('called→crossed');
    expect(bottleneckStep([])).toBe('');
  });
});

describe('SLA rules', () => {
  const base: ShipmentTimes = { shipmentId: 's', gateCode: 'MONGCAI', openedAt: {}, decidedAt: {} };

  it('GREEN not cleared within 15 min of arrival is a breach; within is not', () => {
    const green = { ...base, channel: 'CHANNEL_GREEN', arrivedAt: min(0) };
    expect(evaluateSla({ ...green, clearedAt: min(10) }, DEFAULT_SLA_THRESHOLDS, min(10))).toEqual(
      [],
    );
    expect(evaluateSla({ ...green, clearedAt: min(22) }, DEFAULT_SLA_THRESHOLDS, min(22))).toEqual([
      {
        shipmentId: 's',
        gateCode: 'MONGCAI',
        rule: 'GREEN_CLEARED_AFTER_ARRIVAL',
        thresholdMinutes: 15,
        observedMinutes: 22,
        startedAt: min(0),
      },
    ]);
    expect(
      evaluateSla(
        { ...green, channel: 'CHANNEL_RED', clearedAt: min(22) },
        DEFAULT_SLA_THRESHOLDS,
        min(22),
      ),
    ).toEqual([]);
  });

  it('a truck in the yard over 4 h and a case open over 2 h breach while still open', () => {
    const times = { ...base, arrivedAt: min(0), openedAt: { quarantine: min(10) } };
    expect(
      evaluateSla(times, DEFAULT_SLA_THRESHOLDS, min(200)).map((b) => [b.rule, b.agency]),
    ).toEqual([['OFFICER_CASE_OPEN', 'quarantine']]);
    expect(evaluateSla(times, DEFAULT_SLA_THRESHOLDS, min(241)).map((b) => b.rule)).toEqual([
      'TRUCK_IN_YARD',
      'OFFICER_CASE_OPEN',
    ]);
    expect(
      evaluateSla(
        { ...times, decidedAt: { quarantine: min(100) }, crossedAt: min(200) },
        DEFAULT_SLA_THRESHOLDS,
        min(999),
      ),
    ).toEqual([]);
  });

  it('takes the gate line, else the default line, else the built-in thresholds', () => {
    const rules = {
      default: { ...DEFAULT_SLA_THRESHOLDS, yardMinutes: 60 },
      HUUNGHI: { ...DEFAULT_SLA_THRESHOLDS, yardMinutes: 30 },
    };
    expect(thresholdsFor(rules, 'HUUNGHI').yardMinutes).toBe(30);
    expect(thresholdsFor(rules, 'MONGCAI').yardMinutes).toBe(60);
    expect(thresholdsFor({}, 'MONGCAI')).toEqual(DEFAULT_SLA_THRESHOLDS);
  });
});
