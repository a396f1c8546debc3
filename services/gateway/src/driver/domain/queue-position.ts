import { displayedStatus, type QueueEntryState } from './driver-lookup';

/** A text the driver reads, in each language the app speaks. */
export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
  readonly zh: string;
}

/**
 * What a driver sees (DESIGN.md §5): `{shipmentId, status, position, explanation, etaMinutes,
 * lane}`; `explanation` is the English text, `explanations` the same in vi / en / zh.
 */
export interface QueuePositionView {
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly status: string;
  readonly position: number | null;
  readonly explanation: string;
  readonly explanations: LocalizedText;
  readonly etaMinutes: number | null;
  readonly lane: string | null;
}

/** The queue's own answer, when the logistics-queue service can give one. */
export interface QueueStanding {
  readonly state: QueueEntryState;
  readonly position: number | null;
  readonly etaMinutes: number | null;
  readonly lane: string | null;
  /** Empty texts when the queue gave none. */
  readonly explanation: LocalizedText;
}

const STATUS_EXPLANATIONS: Readonly<Record<string, LocalizedText>> = {
  REGISTERED: {
    vi: 'Đã đăng ký; hãy đưa xe vào bãi: thứ tự trong hàng chờ tính từ lúc xe đến.',
    en: 'Registered; drive to the yard: your place in the queue starts at arrival.',
    zh: '已登记；请驶入停车场：排队顺序从到达时开始计算。',
  },
  ARRIVED: {
    vi: 'Xe đã ở bãi; các cơ quan đang kiểm tra lô hàng.',
    en: 'At the yard; the agencies are reviewing the shipment.',
    zh: '车辆已在停车场；各部门正在审核该批货物。',
  },
  CLEARED: {
    vi: 'Tất cả cơ quan đã thông quan; đang chờ làn trống.',
    en: 'Cleared by every agency; waiting for a free lane.',
    zh: '各部门均已放行；正在等待空闲车道。',
  },
  CALLED: {
    vi: 'Đã được gọi: hãy vào làn ngay.',
    en: 'Called: drive to your lane now.',
    zh: '已叫号：请立即驶入车道。',
  },
  DEPARTED: { vi: 'Xe đã qua biên giới.', en: 'Crossed the border.', zh: '车辆已过境。' },
  HELD: {
    vi: 'Một cơ quan đang tạm giữ; hãy chờ hướng dẫn.',
    en: 'Held by an agency; wait for instructions.',
    zh: '被某部门暂扣；请等待指示。',
  },
  REJECTED: {
    vi: 'Một cơ quan đã từ chối; xe không được qua biên giới.',
    en: 'Refused by an agency; the truck may not cross.',
    zh: '被某部门拒绝；车辆不得过境。',
  },
  CANCELLED: {
    vi: 'Chủ hàng đã hủy lô hàng.',
    en: 'The shipment was cancelled by the trader.',
    zh: '货主已取消该批货物。',
  },
  NO_SHOW: {
    vi: 'Xe không vào làn kịp giờ; xe đã được xếp lại vào hàng chờ.',
    en: 'You did not reach the lane in time; you were put back in the queue.',
    zh: '未能及时驶入车道；已重新排队。',
  },
};

const UNKNOWN_STATUS: LocalizedText = {
  vi: 'Không rõ trạng thái.',
  en: 'Status unknown.',
  zh: '状态未知。',
};

/** A plain-language reason for the status when the queue has nothing more precise to say. */
export function explainStatus(status: string): LocalizedText {
  const key = status === 'IN_REVIEW' ? 'ARRIVED' : status;
  return STATUS_EXPLANATIONS[key] ?? UNKNOWN_STATUS;
}

export function positionView(
  summary: { shipmentId: string; gateCode: string; status: string },
  standing: QueueStanding | undefined,
): QueuePositionView {
  const status = displayedStatus(summary.status, standing?.state ?? 'UNKNOWN');
  const fromQueue = standing?.explanation;
  const explanations =
    fromQueue === undefined || fromQueue.en === ''
      ? explainStatus(status)
      : withFallback(fromQueue);
  return {
    shipmentId: summary.shipmentId,
    gateCode: summary.gateCode,
    status,
    position: standing?.position ?? null,
    explanation: explanations.en,
    explanations,
    etaMinutes: standing?.etaMinutes ?? null,
    lane: standing?.lane ?? null,
  };
}

/** A language the queue left empty reads as English rather than as nothing. */
function withFallback(text: LocalizedText): LocalizedText {
  return { vi: text.vi || text.en, en: text.en, zh: text.zh || text.en };
}
