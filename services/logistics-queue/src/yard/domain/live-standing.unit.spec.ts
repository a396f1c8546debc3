import { estimateWait, gateRate, waitFor, type LaneThroughput } from './eta';
import { notWaiting } from './not-waiting';
import {
  CLASSES_IN_ORDER,
  explainPosition,
  orderQueue,
  standingOf,
  type WaitingTruck,
} from './queue-order';
import { LANGUAGES, type LocalizedText, type PriorityClass } from './yard';

/** Every text a driver can be shown, one of each kind. */
function everyText(): Record<string, LocalizedText> {
  const lanes: LaneThroughput[] = [
    { laneId: 'a', open: true, recentServiceMinutes: [6, 10] },
    { laneId: 'b', open: true, recentServiceMinutes: [] },
  ];
  const policy = { defaultServiceMinutes: 8, sampleSize: 20 };
  const texts: Record<string, LocalizedText> = {};
  for (const priorityClass of CLASSES_IN_ORDER) {
    texts[`first, ${priorityClass}`] = explainPosition(
      1,
      { perishable: 0, onSlot: 0, regular: 0 },
      priorityClass,
    );
    texts[`7th, ${priorityClass}`] = explainPosition(
      7,
      { perishable: 4, onSlot: 1, regular: 1 },
      priorityClass,
    );
  }
  const unknown = estimateWait(3, [], policy);
  const measured = estimateWait(3, lanes, policy);
  const unmeasured = estimateWait(
    3,
    [{ laneId: 'c', open: true, recentServiceMinutes: [] }],
    policy,
  );
  texts['eta: no lane open'] = unknown.basis;
  texts['eta: measured'] = measured.basis;
  texts['eta: default'] = unmeasured.basis;
  for (const status of ['CALLED', 'DEPARTED', 'REMOVED'] as const) {
    const told = notWaiting(status, 'L1', 2);
    texts[`${status}: explanation`] = told.explanation;
    texts[`${status}: eta`] = told.eta.basis;
  }
  return texts;
}

describe('driver texts in vi, en and zh', () => {
  it.each(Object.entries(everyText()))('%s: every language is there', (_kind, text) => {
    expect(Object.keys(text).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) expect(text[language].trim()).not.toBe('');
    // Three translations, not one text copied three times.
    expect(new Set(LANGUAGES.map((language) => text[language])).size).toBe(LANGUAGES.length);
  });

  it('explains a place in Simplified Chinese with the same counts', () => {
    expect(explainPosition(7, { perishable: 4, onSlot: 2, regular: 0 }, 'REGULAR').zh).toBe(
      '第7位：前面有4辆生鲜货车和2辆按预约时段到达的车；您的类别：普通',
    );
    expect(explainPosition(9, { perishable: 4, onSlot: 2, regular: 2 }, 'REGULAR').zh).toBe(
      '第9位：前面有4辆生鲜货车、2辆按预约时段到达的车和2辆普通车；您的类别：普通',
    );
    expect(explainPosition(1, { perishable: 0, onSlot: 0, regular: 0 }, 'PERISHABLE').zh).toBe(
      '第1位：前面没有车辆；您的类别：生鲜货物（优先）',
    );
  });
});

describe('standing from the class sets', () => {
  it('gives every truck the place and explanation the whole-queue order gives it', () => {
    // A deterministic mix of 300 trucks, with equal queued times (ties broken by id).
    const classes: PriorityClass[] = ['REGULAR', 'PERISHABLE', 'ON_SLOT', 'REGULAR', 'REGULAR'];
    const trucks: WaitingTruck[] = Array.from({ length: 300 }, (_, i) => ({
      shipmentId: `t${String((i * 7_919) % 1_000).padStart(4, '0')}`,
      priorityClass: classes[i % classes.length] ?? 'REGULAR',
      queuedAt: new Date(1_700_000_000_000 + Math.floor(i / 3) * 1_000),
    }));
    const ranked = orderQueue(trucks);
    const waitingPerClass: Record<PriorityClass, number> = {
      PERISHABLE: 0,
      ON_SLOT: 0,
      REGULAR: 0,
    };
    for (const truck of trucks) waitingPerClass[truck.priorityClass] += 1;
    const seen: Record<PriorityClass, number> = { PERISHABLE: 0, ON_SLOT: 0, REGULAR: 0 };
    for (const truck of ranked) {
      const standing = standingOf(truck.priorityClass, seen[truck.priorityClass], waitingPerClass);
      seen[truck.priorityClass] += 1;
      expect(standing).toEqual({
        position: truck.position,
        ahead: truck.ahead,
        explanation: truck.explanation,
      });
    }
  });

  it('ignores the classes called after its own', () => {
    expect(standingOf('ON_SLOT', 2, { PERISHABLE: 3, ON_SLOT: 9, REGULAR: 400 })).toMatchObject({
      position: 6,
      ahead: { perishable: 3, onSlot: 2, regular: 0 },
    });
  });
});

describe('gate rate', () => {
  it('gives the same ETA once stored as when computed from the lanes', () => {
    const lanes: LaneThroughput[] = [
      { laneId: 'a', open: true, recentServiceMinutes: [6, 10, 7] },
      { laneId: 'b', open: true, recentServiceMinutes: [] },
      { laneId: 'c', open: false, recentServiceMinutes: [1] },
    ];
    const policy = { defaultServiceMinutes: 8, sampleSize: 2 };
    const stored = JSON.parse(JSON.stringify(gateRate(lanes, policy))) as ReturnType<
      typeof gateRate
    >;
    for (const ahead of [0, 1, 17, 4_999]) {
      expect(waitFor(ahead, stored)).toEqual(estimateWait(ahead, lanes, policy));
    }
    expect(gateRate(lanes, policy)).toMatchObject({ known: true, openLanes: 2, measured: 2 });
    expect(gateRate([lanes[2] as LaneThroughput], policy)).toEqual({ known: false });
  });
});
