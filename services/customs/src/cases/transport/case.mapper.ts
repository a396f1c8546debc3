import { customsServiceV1, customsV1 } from '@cuakhau/contracts';
import {
  actorToProto,
  assessmentToProto,
  channelToProto,
  declarationToProto,
  decisionToProto,
  historyEntryToProto,
  inspectionToProto,
  statusToProto,
} from '../application/proto-values.mapper';
import { hasCurrentInspection } from '../domain/customs-case';
import type { StoredCase } from '../infrastructure/case.repository';

/** A stored case as the gRPC `Case`; the history only when asked (GetCase). */
export function caseToProto(stored: StoredCase, withHistory: boolean): customsServiceV1.Case {
  const { state, signature } = stored;
  return {
    id: state.id,
    shipmentId: state.shipmentId,
    gateCode: state.declaration.gateCode,
    status: statusToProto(state.status),
    channel: channelToProto(state.channel),
    channelSource:
      state.channelSource === 'OFFICER'
        ? customsV1.ChannelSource.CHANNEL_SOURCE_OFFICER
        : customsV1.ChannelSource.CHANNEL_SOURCE_ASSESSMENT,
    version: state.version,
    revision: state.revision,
    shipmentVersion: state.shipmentVersion,
    declaration: declarationToProto(state.declaration),
    assessment: assessmentToProto(state.assessment),
    inspections: state.inspections.map(inspectionToProto),
    decision:
      state.decision === undefined
        ? undefined
        : {
            decision: decisionToProto(state.decision.decision),
            reason: state.decision.reason ?? '',
            actor: actorToProto(state.decision.actor),
            decidedAt: state.decision.decidedAt,
            channel: channelToProto(state.decision.channel),
            caseVersion: state.decision.caseVersion,
            signature: signature === undefined ? undefined : { ...signature },
          },
    history: withHistory ? state.history.map(historyEntryToProto) : [],
    inspectionRecorded: hasCurrentInspection(state),
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}
