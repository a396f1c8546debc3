import { fieldErrorKey, fieldErrorsOf, type Problem } from '../api/problem';
import { textProblem, type FeedbackAgency, type FeedbackKind } from './feedback';

/** What the driver fills in (the plate and pass code come from the position page). */
export interface DriverFeedbackDraft {
  readonly kind: FeedbackKind;
  readonly agency: FeedbackAgency;
  readonly message: string;
}

export const EMPTY_DRIVER_DRAFT: DriverFeedbackDraft = {
  kind: 'FEEDBACK',
  agency: 'yard',
  message: '',
};

/** The draft's fields that show their own error (plate and pass code are not typed here). */
export const DRAFT_FIELDS = ['kind', 'agency', 'message'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** The i18n key of each field's error (absent: no error shown). */
export type DraftErrors = Readonly<Partial<Record<DraftField, string>>>;

/** `POST /feedback/driver`'s body, exactly as sent (and fingerprinted). */
export interface DriverFeedbackBody extends DriverFeedbackDraft {
  readonly plate: string;
  readonly passCode: string;
}

export function driverFeedbackBody(
  pass: { readonly plate: string; readonly passCode: string },
  draft: DriverFeedbackDraft,
): DriverFeedbackBody {
  return {
    plate: pass.plate.trim(),
    passCode: pass.passCode.trim(),
    kind: draft.kind,
    agency: draft.agency,
    message: draft.message.trim(),
  };
}

/** `GET /feedback/driver?plate=&passCode=` (relative to the API base). */
export function driverFeedbackPath(plate: string, passCode: string): string {
  const query = new URLSearchParams({ plate: plate.trim(), passCode: passCode.trim() });
  return `/feedback/driver?${query.toString()}`;
}

/** One submission attempt not yet answered with success: its key and what it sent. */
export interface PendingAttempt {
  readonly key: string;
  readonly fingerprint: string;
}

/**
 * The Idempotency-Key for sending `body`: the pending attempt's key when the same body is
 * sent again (a retry after a lost answer must not file the complaint twice), a fresh one
 * otherwise (the gateway answers 422 to a key reused with another body).
 */
export function attemptFor(
  pending: PendingAttempt | null,
  body: object,
  freshKey: () => string,
): PendingAttempt {
  // Bodies are built by one function each, so the same content has the same key order.
  const fingerprint = JSON.stringify(body);
  if (pending !== null && pending.fingerprint === fingerprint) return pending;
  return { key: freshKey(), fingerprint };
}

/** The gateway's field errors that belong next to one of the draft's inputs. */
export function serverDraftErrors(problem: Problem | null): DraftErrors {
  if (problem === null) return {};
  const errors: Partial<Record<DraftField, string>> = {};
  for (const [field, error] of Object.entries(fieldErrorsOf(problem))) {
    const own = DRAFT_FIELDS.find((name) => name === field);
    if (own !== undefined) errors[own] = fieldErrorKey(error.code);
  }
  return errors;
}

/**
 * What the form shows: the message checked as the server checks it once the driver tried
 * to send, and otherwise the gateway's field errors (dropped per field as it is edited).
 */
export function draftErrors(
  draft: DriverFeedbackDraft,
  touched: boolean,
  server: DraftErrors,
): DraftErrors {
  const local = touched ? textProblem(draft.message) : undefined;
  return local === undefined ? server : { ...server, message: `feedback.errors.${local}` };
}

/** `server` without the fields whose value changed between `before` and `after`. */
export function withoutEdited(
  server: DraftErrors,
  before: DriverFeedbackDraft,
  after: DriverFeedbackDraft,
): DraftErrors {
  return Object.fromEntries(
    Object.entries(server).filter(([field]) => {
      const name = field as DraftField;
      return before[name] === after[name];
    }),
  );
}
