import { auditV1, feedbackServiceV1 } from '@cuakhau/contracts';
import type { FeedbackAgency, FeedbackKind, FeedbackState, Person } from '../domain/feedback';
import { actorOf, AGENCY_PROTO, KIND_PROTO } from '../application/feedback-event.mapper';

const AGENCY_OF: ReadonlyMap<string, FeedbackAgency> = new Map(
  Object.entries(AGENCY_PROTO).map(([agency, proto]) => [proto, agency as FeedbackAgency]),
);
const KIND_OF: ReadonlyMap<string, FeedbackKind> = new Map(
  Object.entries(KIND_PROTO).map(([kind, proto]) => [proto, kind as FeedbackKind]),
);

/** The domain agency of a proto value (undefined for UNSPECIFIED or unknown). */
export function agencyOf(value: auditV1.FeedbackAgency): FeedbackAgency | undefined {
  return AGENCY_OF.get(value);
}

export function kindOf(value: auditV1.FeedbackKind): FeedbackKind | undefined {
  return KIND_OF.get(value);
}

export function personOf(
  actor: { kind: string; id: string; displayName: string } | undefined,
): Person | undefined {
  return actor === undefined
    ? undefined
    : { kind: actor.kind, id: actor.id, displayName: actor.displayName };
}

export function statusOf(value: feedbackServiceV1.FeedbackStatus): 'OPEN' | 'ANSWERED' | undefined {
  switch (value) {
    case feedbackServiceV1.FeedbackStatus.FEEDBACK_STATUS_OPEN:
      return 'OPEN';
    case feedbackServiceV1.FeedbackStatus.FEEDBACK_STATUS_ANSWERED:
      return 'ANSWERED';
    case feedbackServiceV1.FeedbackStatus.FEEDBACK_STATUS_UNSPECIFIED:
    case feedbackServiceV1.FeedbackStatus.UNRECOGNIZED:
      return undefined;
    default: {
      const unknown: never = value;
      throw new TypeError(`unknown feedback status ${String(unknown)}`);
    }
  }
}

export function itemOf(item: FeedbackState): feedbackServiceV1.FeedbackItem {
  return {
    feedbackId: item.id,
    shipmentId: item.shipmentId,
    gateCode: item.gateCode,
    kind: KIND_PROTO[item.kind],
    agency: AGENCY_PROTO[item.agency],
    organisationId: item.organisationId,
    author: actorOf(item.author),
    message: item.message,
    submittedAt: item.submittedAt.toISOString(),
    status:
      item.answer === undefined
        ? feedbackServiceV1.FeedbackStatus.FEEDBACK_STATUS_OPEN
        : feedbackServiceV1.FeedbackStatus.FEEDBACK_STATUS_ANSWERED,
    answer: item.answer?.text ?? '',
    ...(item.answer === undefined
      ? {}
      : { answeredBy: actorOf(item.answer.by), answeredAt: item.answer.at.toISOString() }),
  };
}
