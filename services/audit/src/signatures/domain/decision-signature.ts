import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { commonV1, decisionSigningInput, type SignedDecision } from '@cuakhau/contracts';
import {
  keyIdFor,
  SIGNATURE_ALGORITHM,
  verifySignature,
  type PublishedKey,
  type VerificationResult,
} from '@cuakhau/signing';
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

/** How many parsed keys a verifier keeps (agencies publish a handful; rotations add a few). */
const PARSED_KEYS_KEPT = 64;

/**
 * `checkDecision` with the published keys parsed once, verifying on libuv's thread pool:
 * parsing a PEM and checking that the key id is the key's fingerprint costs about twice the
 * Ed25519 verification itself, and the audit checks every decision of every agency. Same
 * results as `verifySignature` (its rules, in its order); only the parsed key (or the
 * finding that the id does not name that key, or that the PEM is unreadable) is remembered,
 * by key id and PEM.
 */
export class DecisionVerifier {
  private readonly parsed = new Map<string, KeyObject | 'WRONG_ID' | 'UNREADABLE'>();

  /** Whether `keys` hold the key id the decision names (else: refresh the keys, a rotation). */
  static namesKnownKey(decision: RecordedDecision, keys: readonly PublishedKey[]): boolean {
    const keyId = decision.signature?.keyId;
    return keys.some((key) => key.keyId === keyId);
  }

  check(
    agency: commonV1.Agency,
    decision: RecordedDecision,
    keys: readonly PublishedKey[],
  ): Promise<VerificationResult> {
    const signature = decision.signature;
    if (signature === undefined || signature.signature === '') {
      return Promise.resolve({ valid: false, reason: 'MISSING_SIGNATURE' });
    }
    if (signature.algorithm !== SIGNATURE_ALGORITHM) {
      return Promise.resolve({ valid: false, reason: 'UNSUPPORTED_ALGORITHM' });
    }
    const key = keys.find((candidate) => candidate.keyId === signature.keyId);
    if (key === undefined) return Promise.resolve({ valid: false, reason: 'UNKNOWN_KEY' });
    const publicKey = this.publicKey(key);
    if (publicKey === 'WRONG_ID') return Promise.resolve({ valid: false, reason: 'UNKNOWN_KEY' });
    if (publicKey === 'UNREADABLE') {
      return Promise.resolve({ valid: false, reason: 'BAD_SIGNATURE' });
    }
    return new Promise((resolve) => {
      try {
        verify(
          null,
          Buffer.from(decisionSigningInput(agency, decision), 'utf8'),
          publicKey,
          Buffer.from(signature.signature, 'base64'),
          (error, ok) =>
            resolve(
              error === null && ok
                ? { valid: true, keyId: key.keyId }
                : { valid: false, reason: 'BAD_SIGNATURE' },
            ),
        );
      } catch {
        resolve({ valid: false, reason: 'BAD_SIGNATURE' });
      }
    });
  }

  private publicKey(key: PublishedKey): KeyObject | 'WRONG_ID' | 'UNREADABLE' {
    const cacheKey = `${key.keyId}\n${key.publicKeyPem}`;
    const known = this.parsed.get(cacheKey);
    if (known !== undefined) return known;
    let parsed: KeyObject | 'WRONG_ID' | 'UNREADABLE';
    try {
      const publicKey = createPublicKey(key.publicKeyPem);
      const agency = key.keyId.slice(0, key.keyId.lastIndexOf('-'));
      parsed = keyIdFor(agency, publicKey) === key.keyId ? publicKey : 'WRONG_ID';
    } catch {
      parsed = 'UNREADABLE';
    }
    if (this.parsed.size >= PARSED_KEYS_KEPT) this.parsed.clear();
    this.parsed.set(cacheKey, parsed);
    return parsed;
  }
}
