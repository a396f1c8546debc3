/** The decisions an officer records (DESIGN.md §4). */
export const DECISIONS = ['CLEARED', 'HOLD', 'REJECTED'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A hold or a refusal must say why; a clearance may. */
export function reasonRequired(decision: Decision): boolean {
  return decision !== 'CLEARED';
}

/** Case statuses the queue filter offers (agency-neutral; the gateway names them). */
export const CASE_STATUS_FILTERS = ['OPEN', 'PENDING', 'CLEARED', 'HOLD', 'REJECTED'] as const;
export const CHANNELS = ['GREEN', 'YELLOW', 'RED'] as const;

export interface DecisionRequest {
  readonly decision: Decision;
  readonly reason: string;
  readonly expectedVersion: number;
}

export function decisionRequest(
  decision: Decision,
  reason: string,
  expectedVersion: number,
): DecisionRequest | 'REASON_REQUIRED' {
  const trimmed = reason.trim();
  if (reasonRequired(decision) && trimmed === '') return 'REASON_REQUIRED';
  return { decision, reason: trimmed, expectedVersion };
}

/** The sections of a case worth showing, by the field names the agencies use. */
export const CASE_SECTIONS = [
  'declaration',
  'assessment',
  'findings',
  'controlledGoods',
  'goods',
  'documents',
  'inspections',
  'history',
] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];
