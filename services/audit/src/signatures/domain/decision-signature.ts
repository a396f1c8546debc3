import { commonV1, decisionSigningInput, type SignedDecision } from '@cuakhau/contracts';
import { verifySignature, type PublishedKey, type VerificationResult } from '@cuakhau/signing';
import type { AgencyName } from '../../clearance/domain/clearance-steps';

/** A decision as published in any agency's DecisionRecorded. */
export interface RecordedDecision extends SignedDecision {
  readonly gateCode: string;
  readonly signature?: commonV1.DecisionSignature | undefined;
}

export const DECISION_TYPES: Readonly<
  Record<string, { agency: AgencyName; proto: commonV1.Agency }>
> = {
  'cuakhau.customs.v1.DecisionRecorded': {
    agency: 'customs',
    proto: commonV1.Agency.AGENCY_CUSTOMS,
  },
  'cuakhau.border_guard.v1.DecisionRecorded': {
    agency: 'border-guard',
    proto: commonV1.Agency.AGENCY_BORDER_GUARD,
  },
  'cuakhau.quarantine.v1.DecisionRecorded': {
    agency: 'quarantine',
    proto: commonV1.Agency.AGENCY_QUARANTINE,
  },
};

/** Verifies a decision's signature over `decisionSigningInput(agency, decision)`. */
export function checkDecision(
  agency: commonV1.Agency,
  decision: RecordedDecision,
  keys: readonly PublishedKey[],
): VerificationResult {
  const signature =
    decision.signature === undefined || decision.signature.signature === ''
      ? undefined
      : decision.signature;
  return verifySignature(decisionSigningInput(agency, decision), signature, keys);
}
