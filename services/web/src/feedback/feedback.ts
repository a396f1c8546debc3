import type { Role } from '../api/types';

/** The agencies a trader or driver can address (the yard answers for the truck yard). */
export const FEEDBACK_AGENCIES = ['customs', 'border-guard', 'quarantine', 'yard'] as const;
export type FeedbackAgency = (typeof FEEDBACK_AGENCIES)[number];

export const FEEDBACK_KINDS = ['FEEDBACK', 'COMPLAINT'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_STATUSES = ['open', 'answered'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** The gateway accepts 1–2000 characters (after trimming) for a message or an answer. */
export const MAX_FEEDBACK_LENGTH = 2000;

/** One item as `GET /api/v1/feedback` answers it. */
export interface FeedbackItem {
  readonly id: string;
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly kind: FeedbackKind;
  readonly agency: FeedbackAgency;
  readonly status: FeedbackStatus;
  readonly message: string;
  readonly submittedAt: string | null;
  readonly author: { readonly kind: 'trader' | 'driver' | 'other'; readonly name: string };
  readonly answer: {
    readonly text: string;
    readonly by: string;
    readonly at: string | null;
  } | null;
}

/** One row of `GET /api/v1/feedback/response-times` ("all" is the total). */
export interface ResponseTimeRow {
  readonly agency: FeedbackAgency | 'all';
  readonly openCount: number;
  readonly answeredCount: number;
  readonly p50Seconds: number;
  readonly p90Seconds: number;
  readonly maxSeconds: number;
  readonly oldestOpenSeconds: number;
}

/** Which view of the feedback page a role gets. */
export type FeedbackView = 'trader' | 'answerer' | 'supervisor';

export function feedbackViewOf(role: Role): FeedbackView | undefined {
  switch (role) {
    case 'TRADER':
      return 'trader';
    case 'CUSTOMS_OFFICER':
    case 'BORDER_GUARD_OFFICER':
    case 'QUARANTINE_OFFICER':
    case 'YARD_OPERATOR':
      return 'answerer';
    case 'SUPERVISOR':
    case 'ADMIN':
      return 'supervisor';
    default: {
      const unknown: never = role;
      throw new TypeError(`unknown role ${String(unknown)}`);
    }
  }
}

/** Characters as the server counts them (code points, after trimming). */
export function textLength(text: string): number {
  return [...text.trim()].length;
}

/** The i18n key of a text's problem, or undefined when it may be sent. */
export function textProblem(text: string): 'REQUIRED' | 'TOO_LONG' | undefined {
  const length = textLength(text);
  if (length === 0) return 'REQUIRED';
  return length > MAX_FEEDBACK_LENGTH ? 'TOO_LONG' : undefined;
}

/** A duration in seconds as the largest sensible units: "45 s", "12 min", "3 h 05 min", "2 d 4 h". */
export function durationParts(seconds: number): {
  unit: 's' | 'min' | 'h' | 'd';
  values: number[];
} {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return { unit: 's', values: [s] };
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return { unit: 'min', values: [minutes] };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'h', values: [hours, minutes % 60] };
  return { unit: 'd', values: [Math.floor(hours / 24), hours % 24] };
}

/** The response-time rows from a response body, unknown shapes dropped. */
export function parseResponseTimes(body: unknown): ResponseTimeRow[] {
  if (typeof body !== 'object' || body === null) return [];
  const rows = (body as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) return [];
  return rows.filter(
    (row): row is ResponseTimeRow =>
      typeof row === 'object' &&
      row !== null &&
      typeof (row as { agency?: unknown }).agency === 'string' &&
      typeof (row as { openCount?: unknown }).openCount === 'number',
  );
}
