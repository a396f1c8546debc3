import { commonV1, decisionSigningInput } from '@cuakhau/contracts';
import { AgencySigningKey, type PublishedKey, type Signature } from '@cuakhau/signing';
import type { CustomsConfig } from '../../customs.config';
import type { CaseDecision } from '../domain/customs-case';
import { actorToProto, decisionToProto } from '../application/proto-values.mapper';

/** The agency name in customs' key ids (`customs-<16 hex>`). */
export const CUSTOMS_AGENCY = 'customs';

/**
 * Customs' Ed25519 decision key: the configured PEM, else (never in production, the config
 * refuses it) the development key kept under `<repo>/.run/keys`. Signs the canonical
 * `decisionSigningInput(AGENCY_CUSTOMS, …)` of every decision it publishes.
 */
export class DecisionSigner {
  private constructor(private readonly key: AgencySigningKey) {}

  static fromConfig(config: CustomsConfig): DecisionSigner {
    return new DecisionSigner(
      config.CUSTOMS_SIGNING_KEY_PEM === undefined
        ? AgencySigningKey.loadOrCreateDevelopmentKey(CUSTOMS_AGENCY, config.CUSTOMS_DEV_KEYS_DIR)
        : AgencySigningKey.fromPrivateKeyPem(CUSTOMS_AGENCY, config.CUSTOMS_SIGNING_KEY_PEM),
    );
  }

  /** The keys verifiers may use (today one; a rotation would list the old one too). */
  get publishedKeys(): readonly PublishedKey[] {
    return [this.key.published];
  }

  sign(shipmentId: string, caseId: string, decision: CaseDecision): Signature {
    return this.key.sign(
      decisionSigningInput(commonV1.Agency.AGENCY_CUSTOMS, {
        shipmentId,
        caseId,
        decision: decisionToProto(decision.decision),
        reason: decision.reason ?? '',
        actor: actorToProto(decision.actor),
        decidedAt: decision.decidedAt,
        caseVersion: decision.caseVersion,
      }),
    );
  }
}
