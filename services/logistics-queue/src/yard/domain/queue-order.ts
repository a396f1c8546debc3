import type { LocalizedText, PriorityClass } from './yard';

export interface QueuePolicy {
  /** HS chapters (2 digits) of perishable goods: called first. */
  readonly perishableChapters: readonly string[];
  /** An arrival within ± this many minutes of the planned arrival is on its slot. */
  readonly onSlotWindowMinutes: number;
}

/** The rank of each class: lower is called first. */
export const CLASS_RANK: Readonly<Record<PriorityClass, number>> = {
  PERISHABLE: 0,
  ON_SLOT: 1,
  REGULAR: 2,
};

/**
 * The priority class of an arrived truck: perishable goods (any goods line in a perishable
 * HS chapter), else on its booked slot (arrived within the window of the planned arrival),
 * else regular.
 */
export function priorityClassOf(
  truck: {
    readonly hsCodes: readonly string[];
    readonly plannedArrival: Date | undefined;
    readonly arrivedAt: Date;
  },
  policy: QueuePolicy,
): PriorityClass {
  if (truck.hsCodes.some((code) => policy.perishableChapters.includes(code.slice(0, 2)))) {
    return 'PERISHABLE';
  }
  if (truck.plannedArrival !== undefined) {
    const offMinutes =
      Math.abs(truck.arrivedAt.getTime() - truck.plannedArrival.getTime()) / 60_000;
    if (offMinutes <= policy.onSlotWindowMinutes) return 'ON_SLOT';
  }
  return 'REGULAR';
}

export interface WaitingTruck {
  readonly shipmentId: string;
  readonly priorityClass: PriorityClass;
  /** Arrival time, or the time of the last no-show (back to the end of its class). */
  readonly queuedAt: Date;
}

export interface AheadCounts {
  readonly perishable: number;
  readonly onSlot: number;
  readonly regular: number;
}

export interface RankedTruck extends WaitingTruck {
  /** 1-based. */
  readonly position: number;
  readonly ahead: AheadCounts;
  readonly explanation: LocalizedText;
}

/** The queue order: class rank, then queued time, then shipment id (a total order). */
export function compareQueueOrder(a: WaitingTruck, b: WaitingTruck): number {
  return (
    CLASS_RANK[a.priorityClass] - CLASS_RANK[b.priorityClass] ||
    a.queuedAt.getTime() - b.queuedAt.getTime() ||
    (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : 0)
  );
}

/** The classes in call order. */
export const CLASSES_IN_ORDER: readonly PriorityClass[] = (
  Object.keys(CLASS_RANK) as PriorityClass[]
).sort((a, b) => CLASS_RANK[a] - CLASS_RANK[b]);

function countsField(priorityClass: PriorityClass): keyof AheadCounts {
  switch (priorityClass) {
    case 'PERISHABLE':
      return 'perishable';
    case 'ON_SLOT':
      return 'onSlot';
    case 'REGULAR':
      return 'regular';
    default: {
      const unknown: never = priorityClass;
      throw new Error(`unknown class ${String(unknown)}`);
    }
  }
}

/** Orders the waiting trucks of one gate and explains each place by who is ahead. */
export function orderQueue(trucks: readonly WaitingTruck[]): RankedTruck[] {
  const sorted = [...trucks].sort(compareQueueOrder);
  const counts = { perishable: 0, onSlot: 0, regular: 0 };
  return sorted.map((truck, index) => {
    const ahead: AheadCounts = { ...counts };
    const ranked: RankedTruck = {
      ...truck,
      position: index + 1,
      ahead,
      explanation: explainPosition(index + 1, ahead, truck.priorityClass),
    };
    counts[countsField(truck.priorityClass)] += 1;
    return ranked;
  });
}

/**
 * The place of one waiting truck from the sizes of the classes and its rank inside its own
 * class (what the live store keeps: one ordered set per class), the same place and
 * explanation as {@link orderQueue} gives it: every truck of a class called before its own
 * is ahead, and `rankInClass` trucks of its own class.
 */
export function standingOf(
  priorityClass: PriorityClass,
  rankInClass: number,
  waitingPerClass: Readonly<Record<PriorityClass, number>>,
): { position: number; ahead: AheadCounts; explanation: LocalizedText } {
  const counts = { perishable: 0, onSlot: 0, regular: 0 };
  for (const other of CLASSES_IN_ORDER) {
    if (CLASS_RANK[other] < CLASS_RANK[priorityClass]) {
      counts[countsField(other)] = waitingPerClass[other];
    }
  }
  counts[countsField(priorityClass)] = rankInClass;
  const position = counts.perishable + counts.onSlot + counts.regular + 1;
  return {
    position,
    ahead: counts,
    explanation: explainPosition(position, counts, priorityClass),
  };
}

const CLASS_TEXT: Readonly<Record<PriorityClass, LocalizedText>> = {
  PERISHABLE: {
    vi: 'hàng tươi sống (ưu tiên)',
    en: 'perishable (priority)',
    zh: '生鲜货物（优先）',
  },
  ON_SLOT: { vi: 'đến đúng giờ hẹn', en: 'on its booked slot', zh: '按预约时段到达' },
  REGULAR: { vi: 'thường', en: 'regular', zh: '普通' },
};

export function ordinalEn(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** "A、B和C" (Chinese lists: enumeration comma, then 和 before the last). */
function joinZh(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join('、')}和${parts[parts.length - 1] ?? ''}`;
}

function joinList(parts: readonly string[], and: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1] ?? ''}`;
}

/**
 * "7th: 4 perishable and 2 on-slot trucks ahead; your class: regular" /
 * "Thứ 7: phía trước có 4 xe hàng tươi sống và 2 xe đúng giờ hẹn; nhóm của bạn: thường" /
 * "第7位：前面有4辆生鲜货车和2辆按预约时段到达的车；您的类别：普通".
 */
export function explainPosition(
  position: number,
  ahead: AheadCounts,
  priorityClass: PriorityClass,
): LocalizedText {
  const en: string[] = [];
  const vi: string[] = [];
  const zh: string[] = [];
  if (ahead.perishable > 0) {
    en.push(`${ahead.perishable} perishable`);
    vi.push(`${ahead.perishable} xe hàng tươi sống`);
    zh.push(`${ahead.perishable}辆生鲜货车`);
  }
  if (ahead.onSlot > 0) {
    en.push(`${ahead.onSlot} on-slot`);
    vi.push(`${ahead.onSlot} xe đúng giờ hẹn`);
    zh.push(`${ahead.onSlot}辆按预约时段到达的车`);
  }
  if (ahead.regular > 0) {
    en.push(`${ahead.regular} regular`);
    vi.push(`${ahead.regular} xe thường`);
    zh.push(`${ahead.regular}辆普通车`);
  }
  const total = ahead.perishable + ahead.onSlot + ahead.regular;
  const own = CLASS_TEXT[priorityClass];
  const enAhead =
    total === 0 ? 'no truck ahead' : `${joinList(en, 'and')} truck${total === 1 ? '' : 's'} ahead`;
  const viAhead =
    total === 0 ? 'không có xe nào phía trước' : `phía trước có ${joinList(vi, 'và')}`;
  const zhAhead = total === 0 ? '前面没有车辆' : `前面有${joinZh(zh)}`;
  return {
    en: `${ordinalEn(position)}: ${enAhead}; your class: ${own.en}`,
    vi: `Thứ ${position}: ${viAhead}; nhóm của bạn: ${own.vi}`,
    zh: `第${position}位：${zhAhead}；您的类别：${own.zh}`,
  };
}
