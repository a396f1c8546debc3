import type { Eta } from './eta';
import type { EntryStatus, LocalizedText } from './yard';

/** What a truck that is no longer waiting is told: why, and no invented wait. */
export function notWaiting(
  status: Exclude<EntryStatus, 'WAITING'>,
  laneId: string,
  noShowCount: number,
): { explanation: LocalizedText; eta: Eta } {
  switch (status) {
    case 'CALLED':
      return {
        explanation: {
          vi: `Mời xe vào làn ${laneId}`,
          en: `Called: drive to lane ${laneId}`,
          zh: `已叫号：请驶入${laneId}车道`,
        },
        eta: {
          known: true,
          minutes: 0,
          lowMinutes: 0,
          highMinutes: 0,
          basis: { vi: 'Đã được gọi', en: 'Already called', zh: '已叫号' },
        },
      };
    case 'DEPARTED':
      return {
        explanation: {
          vi: 'Xe đã qua cửa khẩu',
          en: 'The truck has crossed the gate',
          zh: '车辆已通过口岸',
        },
        eta: GONE,
      };
    case 'REMOVED':
      return {
        explanation: {
          vi: `Xe đã bị đưa ra khỏi hàng chờ (${noShowCount} lần không có mặt)`,
          en: `Removed from the queue (${noShowCount} no-shows)`,
          zh: `已移出队列（${noShowCount}次未到场）`,
        },
        eta: GONE,
      };
    default: {
      const unknown: never = status;
      throw new Error(`unknown entry status ${String(unknown)}`);
    }
  }
}

const GONE: Eta = {
  known: false,
  basis: { vi: 'Không còn trong hàng chờ', en: 'No longer in the queue', zh: '已不在队列中' },
};
