import type { ArrivalSource, UnmatchedReason } from './yard';
import { isMatchable } from './yard';

/** A registered shipment of the arrival's gate with the arrival's normalised plate. */
export interface MatchCandidate {
  readonly shipmentId: string;
  readonly status: string;
}

export interface ArrivalSighting {
  readonly source: ArrivalSource;
  /** ANPR read confidence in [0, 1]. */
  readonly confidence: number;
  /** The shipment id a QR pass names, when scanned. */
  readonly shipmentIdHint?: string | undefined;
}

export interface MatchingPolicy {
  /** ANPR reads below this go to the unmatched list. */
  readonly minCameraConfidence: number;
}

export type MatchOutcome =
  | { readonly kind: 'MATCHED'; readonly shipmentId: string }
  | {
      readonly kind: 'UNMATCHED';
      readonly reason: UnmatchedReason;
      readonly candidateShipmentIds: readonly string[];
    };

/**
 * Matches a sighting to exactly one shipment, or says why it cannot: a camera read below the
 * threshold (even with one candidate — a misread plate may be another truck's), no shipment,
 * or more than one (never guess between two trucks). A QR pass names its shipment, which
 * settles a shared plate.
 */
export function matchArrival(
  sighting: ArrivalSighting,
  shipments: readonly MatchCandidate[],
  policy: MatchingPolicy,
): MatchOutcome {
  const candidates = shipments.filter((shipment) => isMatchable(shipment.status));
  const ids = candidates.map((candidate) => candidate.shipmentId).sort();
  if (sighting.source === 'ANPR' && !(sighting.confidence >= policy.minCameraConfidence)) {
    return { kind: 'UNMATCHED', reason: 'LOW_CONFIDENCE', candidateShipmentIds: ids };
  }
  const hint = sighting.shipmentIdHint;
  if (hint !== undefined && hint !== '') {
    return ids.includes(hint)
      ? { kind: 'MATCHED', shipmentId: hint }
      : { kind: 'UNMATCHED', reason: 'NO_SHIPMENT', candidateShipmentIds: ids };
  }
  const [only, ...others] = ids;
  if (only === undefined) {
    return { kind: 'UNMATCHED', reason: 'NO_SHIPMENT', candidateShipmentIds: [] };
  }
  if (others.length > 0) {
    return { kind: 'UNMATCHED', reason: 'AMBIGUOUS', candidateShipmentIds: ids };
  }
  return { kind: 'MATCHED', shipmentId: only };
}
