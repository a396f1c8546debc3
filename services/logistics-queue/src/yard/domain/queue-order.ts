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
    switch (truck.priorityClass) {
      case 'PERISHABLE':
        counts.perishable += 1;
        break;
      case 'ON_SLOT':
        counts.onSlot += 1;
        break;
      case 'REGULAR':
        counts.regular += 1;
        break;
      default: {
        const unknown: never = truck.priorityClass;
        throw new Error(`unknown class ${String(unknown)}`);
      }
    }
    return ranked;
  });
}

const CLASS_TEXT: Readonly<Record<PriorityClass, LocalizedText>> = {
  PERISHABLE: { vi: 'hàng tươi sống (ưu tiên)', en: 'perishable (priority)' },
  ON_SLOT: { vi: 'đến đúng giờ hẹn', en: 'on its booked slot' },
  REGULAR: { vi: 'thường', en: 'regular' },
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

function joinList(parts: readonly string[], and: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1] ?? ''}`;
}

/**
 * "7th: 4 perishable and 2 on-slot trucks ahead; your class: regular" /
 * "Thứ 7: phía trước có 4 xe hàng tươi sống và 2 xe đúng giờ hẹn; nhóm của bạn: thường".
 */
export function explainPosition(
  position: number,
  ahead: AheadCounts,
  priorityClass: PriorityClass,
): LocalizedText {
  const en: string[] = [];
  const vi: string[] = [];
  if (ahead.perishable > 0) {
    en.push(`${ahead.perishable} perishable`);
    vi.push(`${ahead.perishable} xe hàng tươi sống`);
  }
  if (ahead.onSlot > 0) {
    en.push(`${ahead.onSlot} on-slot`);
    vi.push(`${ahead.onSlot} xe đúng giờ hẹn`);
  }
  if (ahead.regular > 0) {
    en.push(`${ahead.regular} regular`);
    vi.push(`${ahead.regular} xe thường`);
  }
  const total = ahead.perishable + ahead.onSlot + ahead.regular;
  const own = CLASS_TEXT[priorityClass];
  const enAhead =
    total === 0 ? 'no truck ahead' : `${joinList(en, 'and')} truck${total === 1 ? '' : 's'} ahead`;
  const viAhead =
    total === 0 ? 'không có xe nào phía trước' : `phía trước có ${joinList(vi, 'và')}`;
  return {
    en: `${ordinalEn(position)}: ${enAhead}; your class: ${own.en}`,
    vi: `Thứ ${position}: ${viAhead}; nhóm của bạn: ${own.vi}`,
  };
}
