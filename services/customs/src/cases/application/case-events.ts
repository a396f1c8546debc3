import { EVENTS, customsV1 } from '@cuakhau/contracts';
import { outgoing, type OutgoingEvent } from '@cuakhau/messaging';
import type { Signature } from '@cuakhau/signing';
import type { Decided } from '../domain/case.state-machine';
import { CUSTOMS_RISK_ACTOR } from './risk-assessor';
import {
  actorToProto,
  assessmentToProto,
  channelToProto,
  decisionToProto,
} from './proto-values.mapper';

/** `ce_source` of every customs event. */
export const CUSTOMS_SOURCE = '/cuakhau/customs';

/**
 * What customs publishes (through the outbox) for one accepted step, key = shipment id:
 * CaseOpened + ChannelAssigned on opening, ChannelAssigned on re-assessment and on an
 * officer's change, InspectionRecorded, and the signed DecisionRecorded. A cancellation
 * publishes nothing (the registry owns the cancellation; the case just closes).
 */
export function caseEventsFor(
  decided: Decided,
  signature: Signature | undefined,
): OutgoingEvent<unknown>[] {
  const { event, state } = decided;
  const base = { key: state.shipmentId, source: CUSTOMS_SOURCE, time: new Date() } as const;
  const ids = {
    shipmentId: state.shipmentId,
    caseId: state.id,
    gateCode: state.declaration.gateCode,
  };
  const assigned = (
    previous: customsV1.Channel,
    source: customsV1.ChannelSource,
    officerReason: string,
  ): OutgoingEvent<unknown> =>
    outgoing({
      ...base,
      contract: EVENTS.customsChannelAssigned,
      message: {
        ...ids,
        channel: channelToProto(state.channel),
        previousChannel: previous,
        source,
        assessment: assessmentToProto(state.assessment),
        officerReason,
        actor: actorToProto(
          source === customsV1.ChannelSource.CHANNEL_SOURCE_OFFICER
            ? event.meta.actor
            : CUSTOMS_RISK_ACTOR,
        ),
        assignedAt: event.meta.at,
        caseVersion: state.version,
        revision: state.revision,
      },
    });
  switch (event.type) {
    case 'CaseOpened':
      return [
        outgoing({
          ...base,
          contract: EVENTS.customsCaseOpened,
          message: {
            ...ids,
            organisationId: state.declaration.organisationId,
            declarationNumber: state.declaration.declarationNumber,
            shipmentVersion: state.shipmentVersion,
            openedAt: event.meta.at,
            caseVersion: state.version,
            sourceEventId: event.meta.sourceEventId,
          },
        }),
        assigned(
          customsV1.Channel.CHANNEL_UNSPECIFIED,
          customsV1.ChannelSource.CHANNEL_SOURCE_ASSESSMENT,
          '',
        ),
      ];
    case 'CaseReassessed':
      return [
        assigned(
          channelToProto(event.data.previousChannel),
          customsV1.ChannelSource.CHANNEL_SOURCE_ASSESSMENT,
          '',
        ),
      ];
    case 'ChannelChanged':
      return [
        assigned(
          channelToProto(event.data.from),
          customsV1.ChannelSource.CHANNEL_SOURCE_OFFICER,
          event.data.reason,
        ),
      ];
    case 'InspectionRecorded': {
      const { inspection } = event.data;
      return [
        outgoing({
          ...base,
          contract: EVENTS.customsInspectionRecorded,
          message: {
            ...ids,
            findings: inspection.findings,
            seals: [...inspection.seals],
            photos: inspection.photos.map((photo) => ({
              documentId: photo.documentId,
              caption: photo.caption ?? '',
            })),
            inspectedBy: actorToProto(inspection.inspectedBy),
            inspectedAt: inspection.inspectedAt,
            revision: inspection.revision,
            caseVersion: state.version,
          },
        }),
      ];
    }
    case 'DecisionRecorded':
      if (signature === undefined) {
        throw new TypeError('a decision is never published unsigned');
      }
      return [
        outgoing({
          ...base,
          contract: EVENTS.customsDecisionRecorded,
          message: {
            ...ids,
            decision: decisionToProto(event.data.decision),
            reason: event.data.reason ?? '',
            actor: actorToProto(event.data.actor),
            decidedAt: event.data.decidedAt,
            caseVersion: event.data.caseVersion,
            signature: { ...signature },
            channel: channelToProto(event.data.channel),
          },
        }),
      ];
    case 'CaseCancelled':
      return [];
    default: {
      const unknown: never = event;
      throw new TypeError(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}
