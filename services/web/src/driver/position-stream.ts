import type { LocalizedText, QueuePosition } from '../api/types';
import type { Language } from '../format/format';

/** The driver page's link state, shown on screen. */
export type StreamState = 'connecting' | 'connected' | 'reconnecting' | 'gone';

export type StreamSignal =
  | { readonly kind: 'open' }
  | { readonly kind: 'position' }
  | { readonly kind: 'error'; readonly closed: boolean }
  | { readonly kind: 'gone' };

/** EventSource reconnects by itself after an error; the page only reports it. */
export function nextStreamState(state: StreamState, signal: StreamSignal): StreamState {
  if (state === 'gone') return 'gone';
  switch (signal.kind) {
    case 'open':
    case 'position':
      return 'connected';
    case 'error':
      return signal.closed ? 'gone' : 'reconnecting';
    case 'gone':
      return 'gone';
    default: {
      const unknown: never = signal;
      throw new TypeError(`unknown signal ${JSON.stringify(unknown)}`);
    }
  }
}

export function positionStreamPath(plate: string, passCode: string): string {
  const query = new URLSearchParams({ plate: plate.trim(), passCode: passCode.trim() });
  return `/queue/position/stream?${query.toString()}`;
}

export function positionPath(plate: string, passCode: string): string {
  const query = new URLSearchParams({ plate: plate.trim(), passCode: passCode.trim() });
  return `/queue/position?${query.toString()}`;
}

/** A `position` event's data, or undefined when it is not one. */
export function parsePositionEvent(data: string): QueuePosition | undefined {
  try {
    const value = JSON.parse(data) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    if (typeof record['shipmentId'] !== 'string' || typeof record['status'] !== 'string') {
      return undefined;
    }
    const numberOrNull = (field: unknown): number | null =>
      typeof field === 'number' ? field : null;
    return {
      shipmentId: record['shipmentId'],
      gateCode: typeof record['gateCode'] === 'string' ? record['gateCode'] : '',
      status: record['status'],
      position: numberOrNull(record['position']),
      explanation: typeof record['explanation'] === 'string' ? record['explanation'] : '',
      explanations: localizedOf(record['explanations']),
      etaMinutes: numberOrNull(record['etaMinutes']),
      lane: typeof record['lane'] === 'string' ? record['lane'] : null,
    };
  } catch {
    return undefined;
  }
}

function localizedOf(value: unknown): LocalizedText | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const text = (field: unknown): string => (typeof field === 'string' ? field : '');
  return { vi: text(record['vi']), en: text(record['en']), zh: text(record['zh']) };
}

/** The explanation in the page's language, English when that one is missing. */
export function explanationIn(position: QueuePosition, language: Language): string {
  const texts = position.explanations;
  if (texts === null) return position.explanation;
  const own = language === 'zh-CN' ? texts.zh : language === 'vi' ? texts.vi : texts.en;
  return own || texts.en || position.explanation;
}
