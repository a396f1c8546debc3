/**
 * The feedback channel's rules (pure): what a submission must hold, who may answer an
 * item and only once, and the response-time figures supervisors see.
 */

export const FEEDBACK_KINDS = ['FEEDBACK', 'COMPLAINT'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_AGENCIES = ['customs', 'border-guard', 'quarantine', 'yard'] as const;
export type FeedbackAgency = (typeof FEEDBACK_AGENCIES)[number];

/** Longest message or answer, in characters (after trimming). */
export const MAX_TEXT_LENGTH = 2000;

export type AuthorKind = 'TRADER' | 'DRIVER';

export interface Person {
  readonly kind: string;
  readonly id: string;
  readonly displayName: string;
}

export interface FeedbackState {
  readonly id: string;
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly kind: FeedbackKind;
  readonly agency: FeedbackAgency;
  readonly organisationId: string;
  readonly author: Person;
  readonly message: string;
  readonly submittedAt: Date;
  readonly answer: { readonly text: string; readonly by: Person; readonly at: Date } | undefined;
}

export interface FieldProblem {
  readonly field: string;
  readonly code: 'REQUIRED' | 'TOO_LONG' | 'INVALID';
  readonly message: string;
}

export type Decision<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: FeedbackError };

export type FeedbackError =
  | { readonly code: 'VALIDATION_FAILED'; readonly fields: readonly FieldProblem[] }
  | { readonly code: 'NOT_FOUND' }
  | { readonly code: 'ALREADY_ANSWERED'; readonly answeredAt: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Feedback and shipment ids are UUIDs; anything else names nothing. */
export function isFeedbackId(value: string): boolean {
  return UUID.test(value);
}

function text(field: string, value: string, problems: FieldProblem[]): string {
  const trimmed = value.trim();
  if (trimmed === '') problems.push({ field, code: 'REQUIRED', message: 'is required' });
  else if ([...trimmed].length > MAX_TEXT_LENGTH) {
    problems.push({ field, code: 'TOO_LONG', message: `at most ${MAX_TEXT_LENGTH} characters` });
  }
  return trimmed;
}

export interface SubmitCommand {
  readonly id: string;
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly organisationId: string;
  readonly kind: FeedbackKind | undefined;
  readonly agency: FeedbackAgency | undefined;
  readonly message: string;
  readonly author: Person | undefined;
  readonly now: Date;
}

/** A new open item, or every field problem at once. */
export function submitFeedback(command: SubmitCommand): Decision<FeedbackState> {
  const problems: FieldProblem[] = [];
  if (!UUID.test(command.shipmentId)) {
    problems.push({ field: 'shipmentId', code: 'INVALID', message: 'must be a UUID' });
  }
  if (command.gateCode.trim() === '') {
    problems.push({ field: 'gateCode', code: 'REQUIRED', message: 'is required' });
  }
  if (command.kind === undefined) {
    problems.push({ field: 'kind', code: 'REQUIRED', message: 'FEEDBACK or COMPLAINT' });
  }
  if (command.agency === undefined) {
    problems.push({
      field: 'agency',
      code: 'REQUIRED',
      message: FEEDBACK_AGENCIES.join(', '),
    });
  }
  const message = text('message', command.message, problems);
  const author = command.author;
  if (author === undefined || author.id.trim() === '') {
    problems.push({ field: 'author', code: 'REQUIRED', message: 'who submits' });
  }
  if (
    problems.length > 0 ||
    command.kind === undefined ||
    command.agency === undefined ||
    author === undefined
  ) {
    return { ok: false, error: { code: 'VALIDATION_FAILED', fields: problems } };
  }
  return {
    ok: true,
    value: {
      id: command.id,
      shipmentId: command.shipmentId.toLowerCase(),
      gateCode: command.gateCode.trim().toUpperCase(),
      kind: command.kind,
      agency: command.agency,
      organisationId: command.organisationId,
      author,
      message,
      submittedAt: command.now,
      answer: undefined,
    },
  };
}

export interface AnswerCommand {
  /** The answering officer's agency and gate; undefined: any (ADMIN). */
  readonly agency: FeedbackAgency | undefined;
  readonly gateCode: string | undefined;
  readonly answer: string;
  readonly by: Person | undefined;
  readonly now: Date;
}

/** Whether an officer of `agency` at `gateCode` may see and answer `item`. */
export function inScope(
  item: Pick<FeedbackState, 'agency' | 'gateCode'>,
  agency: FeedbackAgency | undefined,
  gateCode: string | undefined,
): boolean {
  return (
    (agency === undefined || item.agency === agency) &&
    (gateCode === undefined || item.gateCode === gateCode)
  );
}

/**
 * The answered item. An item of another agency or gate does not exist for the officer
 * (NOT_FOUND); an item is answered once (ALREADY_ANSWERED, whoever tries again).
 */
export function answerFeedback(
  item: FeedbackState | undefined,
  command: AnswerCommand,
): Decision<FeedbackState> {
  if (item === undefined || !inScope(item, command.agency, command.gateCode)) {
    return { ok: false, error: { code: 'NOT_FOUND' } };
  }
  const problems: FieldProblem[] = [];
  const answer = text('answer', command.answer, problems);
  if (command.by === undefined || command.by.id.trim() === '') {
    problems.push({ field: 'answeredBy', code: 'REQUIRED', message: 'who answers' });
  }
  if (problems.length > 0 || command.by === undefined) {
    return { ok: false, error: { code: 'VALIDATION_FAILED', fields: problems } };
  }
  if (item.answer !== undefined) {
    return { ok: false, error: { code: 'ALREADY_ANSWERED', answeredAt: item.answer.at } };
  }
  const at = command.now < item.submittedAt ? item.submittedAt : command.now;
  return { ok: true, value: { ...item, answer: { text: answer, by: command.by, at } } };
}

/** Whole seconds between submission and answer. */
export function responseSeconds(item: FeedbackState): number | undefined {
  if (item.answer === undefined) return undefined;
  return Math.round((item.answer.at.getTime() - item.submittedAt.getTime()) / 1000);
}

/** Nearest-rank percentile of ascending values: rank ⌈p/100 · n⌉; 0 when empty. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

/** What the response-time figures are computed from: one row per item. */
export interface TimingSample {
  readonly agency: FeedbackAgency;
  readonly submittedAt: Date;
  readonly answeredAt: Date | undefined;
}

export interface ResponseTimeRow {
  /** An agency, or "all". */
  readonly agency: FeedbackAgency | 'all';
  readonly openCount: number;
  readonly answeredCount: number;
  readonly p50Seconds: number;
  readonly p90Seconds: number;
  readonly maxSeconds: number;
  readonly oldestOpenSeconds: number;
}

function rowOf(
  agency: FeedbackAgency | 'all',
  samples: readonly TimingSample[],
  now: Date,
): ResponseTimeRow {
  const answered: number[] = [];
  let open = 0;
  let oldestOpen = 0;
  for (const sample of samples) {
    if (sample.answeredAt === undefined) {
      open += 1;
      oldestOpen = Math.max(oldestOpen, (now.getTime() - sample.submittedAt.getTime()) / 1000);
    } else {
      answered.push((sample.answeredAt.getTime() - sample.submittedAt.getTime()) / 1000);
    }
  }
  answered.sort((a, b) => a - b);
  return {
    agency,
    openCount: open,
    answeredCount: answered.length,
    p50Seconds: nearestRank(answered, 50),
    p90Seconds: nearestRank(answered, 90),
    maxSeconds: answered.at(-1) ?? 0,
    oldestOpenSeconds: Math.max(0, Math.round(oldestOpen)),
  };
}

/** One row per agency (always all four, in a fixed order), then the "all" row. */
export function responseTimeFigures(
  samples: readonly TimingSample[],
  now: Date,
): ResponseTimeRow[] {
  return [
    ...FEEDBACK_AGENCIES.map((agency) =>
      rowOf(
        agency,
        samples.filter((sample) => sample.agency === agency),
        now,
      ),
    ),
    rowOf('all', samples, now),
  ];
}
