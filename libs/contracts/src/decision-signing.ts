import type { Actor, Agency, AgencyDecision } from './generated/cuakhau/common/v1/common';

/** The fields of a DecisionRecorded event (any agency) that its signature covers. */
export interface SignedDecision {
  shipmentId: string;
  caseId: string;
  decision: AgencyDecision;
  reason: string;
  actor?: Actor | undefined;
  decidedAt?: string | undefined;
  caseVersion: number;
}

/**
 * The canonical text an agency signs and the audit service verifies (sign the UTF-8 bytes).
 * A JSON array in a fixed order, so it is unambiguous and independent of how the JSON payload
 * happens to be written; decidedAt is normalised to `toISOString()` form.
 */
export function decisionSigningInput(agency: Agency, decision: SignedDecision): string {
  const decidedAt =
    decision.decidedAt === undefined ? '' : new Date(decision.decidedAt).toISOString();
  return JSON.stringify([
    'cuakhau.decision.v1',
    agency,
    decision.shipmentId,
    decision.caseId,
    decision.decision,
    decision.reason,
    decision.actor?.kind ?? '',
    decision.actor?.id ?? '',
    decidedAt,
    decision.caseVersion,
  ]);
}
