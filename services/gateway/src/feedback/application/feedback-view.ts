import { auditV1, commonV1, feedbackServiceV1 } from '@cuakhau/contracts';
import type { FeedbackAgencyName, FeedbackStatusName } from '../domain/feedback-scope';

export const AGENCY_PROTO: Readonly<Record<FeedbackAgencyName, auditV1.FeedbackAgency>> = {
  customs: auditV1.FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
  'border-guard': auditV1.FeedbackAgency.FEEDBACK_AGENCY_BORDER_GUARD,
  quarantine: auditV1.FeedbackAgency.FEEDBACK_AGENCY_QUARANTINE,
  yard: auditV1.FeedbackAgency.FEEDBACK_AGENCY_YARD,
};

export const KIND_PROTO = {
  FEEDBACK: auditV1.FeedbackKind.FEEDBACK_KIND_FEEDBACK,
  COMPLAINT: auditV1.FeedbackKind.FEEDBACK_KIND_COMPLAINT,
} as const satisfies Record<string, auditV1.FeedbackKind>;
export type FeedbackKindName = keyof typeof KIND_PROTO;

export const STATUS_PROTO: Readonly<Record<FeedbackStatusName, feedbackServiceV1.FeedbackStatus>> =
  {
    open: feedbackServiceV1.FeedbackStatus.FEEDBACK_STATUS_OPEN,
    answered: feedbackServiceV1.FeedbackStatus.FEEDBACK_STATUS_ANSWERED,
  };

const AGENCY_NAME = new Map<string, string>(
  Object.entries(AGENCY_PROTO).map(([name, proto]) => [proto, name]),
);
const KIND_NAME = new Map<string, string>(
  Object.entries(KIND_PROTO).map(([name, proto]) => [proto, name]),
);

/** How an item reads in the public API (who: kind and display name; ids of people stay inside). */
export interface FeedbackView {
  readonly id: string;
  readonly shipmentId: string;
  readonly gateCode: string;
  readonly kind: string;
  readonly agency: string;
  readonly status: 'open' | 'answered';
  readonly message: string;
  readonly submittedAt: string | null;
  readonly author: { readonly kind: 'trader' | 'driver' | 'other'; readonly name: string };
  readonly answer: {
    readonly text: string;
    readonly by: string;
    readonly at: string | null;
  } | null;
}

function authorKind(actor: commonV1.Actor | undefined): FeedbackView['author']['kind'] {
  switch (actor?.kind) {
    case commonV1.ActorKind.ACTOR_KIND_TRADER:
      return 'trader';
    case commonV1.ActorKind.ACTOR_KIND_DRIVER:
      return 'driver';
    default:
      return 'other';
  }
}

export function feedbackView(item: feedbackServiceV1.FeedbackItem | undefined): FeedbackView {
  if (item === undefined) throw new TypeError('the audit service answered without an item');
  const answered = item.status === feedbackServiceV1.FeedbackStatus.FEEDBACK_STATUS_ANSWERED;
  return {
    id: item.feedbackId,
    shipmentId: item.shipmentId,
    gateCode: item.gateCode,
    kind: KIND_NAME.get(item.kind) ?? 'FEEDBACK',
    agency: AGENCY_NAME.get(item.agency) ?? '',
    status: answered ? 'answered' : 'open',
    message: item.message,
    submittedAt: item.submittedAt ?? null,
    author: {
      kind: authorKind(item.author),
      // A driver is shown by role only (the plate stays in the audit trail).
      name: authorKind(item.author) === 'driver' ? '' : (item.author?.displayName ?? ''),
    },
    answer: answered
      ? {
          text: item.answer,
          by: item.answeredBy?.displayName ?? '',
          at: item.answeredAt ?? null,
        }
      : null,
  };
}
