import { auditV1, commonV1, EVENTS } from '@cuakhau/contracts';
import { outgoing, type OutgoingEvent } from '@cuakhau/messaging';
import {
  responseSeconds,
  type FeedbackAgency,
  type FeedbackKind,
  type FeedbackState,
  type Person,
} from '../domain/feedback';

export const FEEDBACK_SOURCE = '/cuakhau/audit/feedback';

export const KIND_PROTO: Readonly<Record<FeedbackKind, auditV1.FeedbackKind>> = {
  FEEDBACK: auditV1.FeedbackKind.FEEDBACK_KIND_FEEDBACK,
  COMPLAINT: auditV1.FeedbackKind.FEEDBACK_KIND_COMPLAINT,
};

export const AGENCY_PROTO: Readonly<Record<FeedbackAgency, auditV1.FeedbackAgency>> = {
  customs: auditV1.FeedbackAgency.FEEDBACK_AGENCY_CUSTOMS,
  'border-guard': auditV1.FeedbackAgency.FEEDBACK_AGENCY_BORDER_GUARD,
  quarantine: auditV1.FeedbackAgency.FEEDBACK_AGENCY_QUARANTINE,
  yard: auditV1.FeedbackAgency.FEEDBACK_AGENCY_YARD,
};

/** The domain's person as a proto Actor (an unknown kind stays UNSPECIFIED). */
export function actorOf(person: Person): commonV1.Actor {
  const kind = Object.values(commonV1.ActorKind).includes(person.kind as commonV1.ActorKind)
    ? (person.kind as commonV1.ActorKind)
    : commonV1.ActorKind.ACTOR_KIND_UNSPECIFIED;
  return { kind, id: person.id, displayName: person.displayName };
}

export function feedbackSubmittedEvent(item: FeedbackState): OutgoingEvent<unknown> {
  return outgoing<auditV1.FeedbackSubmitted>({
    contract: EVENTS.auditFeedbackSubmitted,
    key: item.shipmentId,
    source: FEEDBACK_SOURCE,
    message: {
      feedbackId: item.id,
      shipmentId: item.shipmentId,
      gateCode: item.gateCode,
      kind: KIND_PROTO[item.kind],
      agency: AGENCY_PROTO[item.agency],
      organisationId: item.organisationId,
      author: actorOf(item.author),
      message: item.message,
      submittedAt: item.submittedAt.toISOString(),
    },
  });
}

export function feedbackAnsweredEvent(item: FeedbackState): OutgoingEvent<unknown> {
  const answer = item.answer;
  if (answer === undefined) throw new TypeError(`feedback ${item.id} is not answered`);
  return outgoing<auditV1.FeedbackAnswered>({
    contract: EVENTS.auditFeedbackAnswered,
    key: item.shipmentId,
    source: FEEDBACK_SOURCE,
    message: {
      feedbackId: item.id,
      shipmentId: item.shipmentId,
      gateCode: item.gateCode,
      agency: AGENCY_PROTO[item.agency],
      answeredBy: actorOf(answer.by),
      answer: answer.text,
      submittedAt: item.submittedAt.toISOString(),
      answeredAt: answer.at.toISOString(),
      responseSeconds: String(responseSeconds(item) ?? 0),
    },
  });
}
