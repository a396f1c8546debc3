import { commonV1, decisionSigningInput, EVENTS, type quarantineV1 } from '@cuakhau/contracts';
import { outgoing, type OutgoingEvent } from '@cuakhau/messaging';
import type { AgencySigningKey } from '@cuakhau/signing';
import type {
  Actor,
  CaseDecision,
  QuarantineCase,
  QuarantineDecision,
} from '../domain/quarantine-case';

/** `ce_source` of every quarantine event. */
export const QUARANTINE_SOURCE = '/cuakhau/quarantine';

export function decisionToProto(decision: QuarantineDecision): commonV1.AgencyDecision {
  switch (decision) {
    case 'CLEARED':
      return commonV1.AgencyDecision.AGENCY_DECISION_CLEARED;
    case 'HOLD':
      return commonV1.AgencyDecision.AGENCY_DECISION_HOLD;
    case 'REJECTED':
      return commonV1.AgencyDecision.AGENCY_DECISION_REJECTED;
    case 'NOT_REQUIRED':
      return commonV1.AgencyDecision.AGENCY_DECISION_NOT_REQUIRED;
    default: {
      const unknown: never = decision;
      throw new TypeError(`unknown decision ${String(unknown)}`);
    }
  }
}

export function actorToProto(actor: Actor): commonV1.Actor {
  const kind =
    actor.kind === 'SYSTEM'
      ? commonV1.ActorKind.ACTOR_KIND_SYSTEM
      : actor.kind === 'TRADER'
        ? commonV1.ActorKind.ACTOR_KIND_TRADER
        : commonV1.ActorKind.ACTOR_KIND_OFFICER;
  return { kind, id: actor.id, displayName: actor.displayName };
}

/**
 * The signed DecisionRecorded for a decision of a case (key = shipment id). The signature
 * covers `decisionSigningInput(AGENCY_QUARANTINE, …)` of exactly the fields published.
 */
export function decisionRecordedEvent(
  state: QuarantineCase,
  decision: CaseDecision,
  key: AgencySigningKey,
): OutgoingEvent<unknown> {
  const unsigned = {
    shipmentId: state.shipmentId,
    caseId: state.caseId,
    decision: decisionToProto(decision.decision),
    reason: decision.reason,
    actor: actorToProto(decision.actor),
    decidedAt: new Date(decision.at).toISOString(),
    caseVersion: state.version,
  };
  const signature = key.sign(decisionSigningInput(commonV1.Agency.AGENCY_QUARANTINE, unsigned));
  const message: quarantineV1.DecisionRecorded = {
    ...unsigned,
    signature: { ...signature },
    gateCode: state.declaration.gateCode,
    controlledHsCodes: [...state.classification.controlledHsCodes],
  };
  return outgoing({
    contract: EVENTS.quarantineDecisionRecorded,
    key: state.shipmentId,
    source: QUARANTINE_SOURCE,
    time: new Date(decision.at),
    message,
  });
}
