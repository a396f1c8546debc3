/** The words of the yard, shared by every rule of this service. */
export type ArrivalSource = 'ANPR' | 'QR' | 'MANUAL';
export type PriorityClass = 'PERISHABLE' | 'ON_SLOT' | 'REGULAR';
export type EntryStatus = 'WAITING' | 'CALLED' | 'DEPARTED' | 'REMOVED';
export type UnmatchedReason = 'LOW_CONFIDENCE' | 'NO_SHIPMENT' | 'AMBIGUOUS';
export type UnmatchedStatus = 'OPEN' | 'CONFIRMED' | 'DISMISSED';
export type CallOutcome = 'PENDING' | 'CROSSED' | 'NO_SHOW';
export type LaneDirection = 'EXPORT' | 'IMPORT' | 'BOTH';
export type Direction = 'EXPORT' | 'IMPORT';
export type LaneCapability = 'COLD_CHAIN' | 'OVERSIZE';

/** A text in the languages of the gate's users: Vietnamese, English, Simplified Chinese. */
export interface LocalizedText {
  readonly vi: string;
  readonly en: string;
  readonly zh: string;
}

/** The languages every {@link LocalizedText} carries. */
export const LANGUAGES = ['vi', 'en', 'zh'] as const satisfies readonly (keyof LocalizedText)[];

/** Registry statuses after which a shipment can no longer arrive or be called. */
const FINAL_STATUSES: ReadonlySet<string> = new Set([
  'CANCELLED',
  'REJECTED',
  'DEPARTED',
  'NO_SHOW',
]);

/** Whether an arrival may be matched to a shipment in this registry status. */
export function isMatchable(status: string): boolean {
  return !FINAL_STATUSES.has(status);
}

/** Whether a waiting truck leaves the queue because its shipment will never be called. */
export function removesFromQueue(status: string): boolean {
  return status === 'CANCELLED' || status === 'REJECTED';
}
