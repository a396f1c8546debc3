import { Inject, Injectable } from '@nestjs/common';
import { commonV1, decisionSigningInput, EVENTS } from '@cuakhau/contracts';
import { outgoing, type OutgoingEvent } from '@cuakhau/messaging';
import { AgencySigningKey } from '@cuakhau/signing';
import type { Actor, BorderGuardCase, DecisionFact } from '../domain/border-guard-case';

/** `ce_source` of every border-guard event. */
export const BORDER_GUARD_SOURCE = '/cuakhau/border-guard';

/** The agency name of the border guard's signing key (key ids `border-guard-<hex>`). */
export const SIGNING_AGENCY = 'border-guard';

export function actorToProto(actor: Actor): commonV1.Actor {
  return {
    kind:
      actor.kind === 'SYSTEM'
        ? commonV1.ActorKind.ACTOR_KIND_SYSTEM
        : commonV1.ActorKind.ACTOR_KIND_OFFICER,
    id: actor.id,
    displayName: actor.displayName,
  };
}

export function decisionToProto(decision: DecisionFact['decision']): commonV1.AgencyDecision {
  switch (decision) {
    case 'CLEARED':
      return commonV1.AgencyDecision.AGENCY_DECISION_CLEARED;
    case 'HOLD':
      return commonV1.AgencyDecision.AGENCY_DECISION_HOLD;
    case 'REJECTED':
      return commonV1.AgencyDecision.AGENCY_DECISION_REJECTED;
    default: {
      const unknown: never = decision;
      throw new TypeError(`unknown decision ${String(unknown)}`);
    }
  }
}

export function directionToProto(direction: BorderGuardCase['direction']): commonV1.Direction {
  return direction === 'EXPORT'
    ? commonV1.Direction.DIRECTION_EXPORT
    : commonV1.Direction.DIRECTION_IMPORT;
}

/** Builds the border guard's outgoing events; decisions are signed with the agency key. */
@Injectable()
export class CaseEvents {
  constructor(@Inject(AgencySigningKey) private readonly key: AgencySigningKey) {}

  decisionRecorded(state: BorderGuardCase, fact: DecisionFact): OutgoingEvent<unknown> {
    const signed = {
      shipmentId: state.shipmentId,
      caseId: state.caseId,
      decision: decisionToProto(fact.decision),
      reason: fact.reason,
      actor: actorToProto(fact.actor),
      decidedAt: new Date(fact.at).toISOString(),
      caseVersion: state.version,
    };
    const signature = this.key.sign(
      decisionSigningInput(commonV1.Agency.AGENCY_BORDER_GUARD, signed),
    );
    return outgoing({
      contract: EVENTS.borderGuardDecisionRecorded,
      key: state.shipmentId,
      source: BORDER_GUARD_SOURCE,
      time: new Date(fact.at),
      message: { ...signed, signature: { ...signature }, gateCode: state.gateCode },
    });
  }

  crossingRecorded(state: BorderGuardCase, actor: Actor): OutgoingEvent<unknown> {
    const at = state.crossedAt ?? state.updatedAt;
    return outgoing({
      contract: EVENTS.borderGuardCrossingRecorded,
      key: state.shipmentId,
      source: BORDER_GUARD_SOURCE,
      time: new Date(at),
      message: {
        shipmentId: state.shipmentId,
        gateCode: state.gateCode,
        plate: state.normalisedPlate,
        direction: directionToProto(state.direction),
        laneId: state.crossedLaneId ?? '',
        crossedAt: at,
        actor: actorToProto(actor),
      },
    });
  }
}
